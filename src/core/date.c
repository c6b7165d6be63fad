#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kam/date.h"

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && is_leap(year));
}

bool
date_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && day >= 1 &&
	    day <= date_days_in_month(year, month);
}

/* Reads exactly n digits. */
static bool
read_digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool
date_parse_iso(const char *s, struct kam_date *d)
{
	int y, m, day;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!read_digits(s, 4, &y) || !read_digits(s + 5, 2, &m) ||
	    !read_digits(s + 8, 2, &day) || !date_valid(y, m, day))
		return false;
	d->year = y;
	d->month = m;
	d->day = day;
	return true;
}

/* Days from civil date, after Howard Hinnant's algorithm: exact for the
 * proleptic Gregorian calendar without tables or time_t limits. */
long
date_to_days(struct kam_date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct kam_date
date_from_days(long z)
{
	struct kam_date d;
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

struct kam_date
date_add_days(struct kam_date d, long days)
{
	return date_from_days(date_to_days(d) + days);
}

struct kam_date
date_add_months(struct kam_date d, long months)
{
	long total = (long)d.year * 12 + (d.month - 1) + months;
	int dim;

	d.year = (int)(total / 12);
	d.month = (int)(total % 12) + 1;
	dim = date_days_in_month(d.year, d.month);
	if (d.day > dim)
		d.day = dim;
	return d;
}

void
date_format(struct kam_date d, char out[DATE_STRLEN])
{
	/* unsigned and reduced, so the compiler can see it fits */
	snprintf(out, DATE_STRLEN, "%04u-%02u-%02u", (unsigned)d.year % 10000u,
	    (unsigned)d.month % 100u, (unsigned)d.day % 100u);
}

struct kam_date
date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	struct kam_date d;

	localtime_r(&now, &tm);
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	return d;
}

/* "+30d", "-2w", "+1m", "-1y" */
static bool
parse_offset(const char *s, const struct kam_date *today, struct kam_date *d)
{
	char *end;
	long n;

	if (s[0] != '+' && s[0] != '-')
		return false;
	if (!isdigit((unsigned char)s[1]))
		return false;
	errno = 0;
	n = strtol(s + 1, &end, 10);
	if (errno != 0 || n > 100000 || end[0] == '\0' || end[1] != '\0')
		return false;
	if (s[0] == '-')
		n = -n;
	switch (end[0]) {
	case 'd': *d = date_add_days(*today, n); break;
	case 'w': *d = date_add_days(*today, 7 * n); break;
	case 'm': *d = date_add_months(*today, n); break;
	case 'y': *d = date_add_months(*today, 12 * n); break;
	default: return false;
	}
	return date_valid(d->year, d->month, d->day);
}

bool
date_parse(const char *s, const struct kam_date *today, struct kam_date *d)
{
	if (strcmp(s, "today") == 0)
		*d = *today;
	else if (strcmp(s, "yesterday") == 0)
		*d = date_add_days(*today, -1);
	else if (strcmp(s, "tomorrow") == 0)
		*d = date_add_days(*today, 1);
	else if (s[0] == '+' || s[0] == '-')
		return parse_offset(s, today, d);
	else
		return date_parse_iso(s, d);
	return true;
}
