#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
date_of(time_t t)
{
	struct tm tm;
	struct kam_date d;

	localtime_r(&t, &tm);
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	return d;
}

struct kam_date
date_today(void)
{
	return date_of(time(NULL));
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

/* "HH:MM" */
static bool
parse_clock(const char *s, int *hour, int *min)
{
	return strlen(s) == 5 && s[2] == ':' && read_digits(s, 2, hour) &&
	    read_digits(s + 3, 2, min) && *hour < 24 && *min < 60;
}

/* Local midnight of d plus hour and min; mktime settles daylight saving
 * (a time that a change skips lands after it). */
static bool
local_time(struct kam_date d, int hour, int min, time_t *out)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = d.year - 1900;
	tm.tm_mon = d.month - 1;
	tm.tm_mday = d.day;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return *out != (time_t)-1;
}

bool
datetime_parse(const char *s, time_t now, time_t *out)
{
	struct kam_date today = date_of(now), d;
	char date[16];
	const char *sp = strchr(s, ' ');
	int hour = 0, min = 0;

	if (strcmp(s, "now") == 0) {
		*out = now - now % 60;
		return true;
	}
	if (parse_clock(s, &hour, &min))
		return local_time(today, hour, min, out);
	if (sp != NULL && (size_t)(sp - s) < sizeof date) {
		memcpy(date, s, (size_t)(sp - s));
		date[sp - s] = '\0';
		return date_parse(date, &today, &d) && parse_clock(sp + 1, &hour, &min) &&
		    local_time(d, hour, min, out);
	}
	return sp == NULL && date_parse(s, &today, &d) && local_time(d, 0, 0, out);
}

void
datetime_format_local(time_t t, char out[DATETIME_STRLEN])
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, DATETIME_STRLEN, "%Y-%m-%d %H:%M", &tm);
}

void
datetime_format_utc(time_t t, char out[DATETIME_UTC_STRLEN])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, DATETIME_UTC_STRLEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool
datetime_parse_utc(const char *s, time_t *out)
{
	struct kam_date d;
	char date[DATE_STRLEN];
	int h, m, sec;

	if (strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    s[19] != 'Z')
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!date_parse_iso(date, &d) || !read_digits(s + 11, 2, &h) ||
	    !read_digits(s + 14, 2, &m) || !read_digits(s + 17, 2, &sec) ||
	    h > 23 || m > 59 || sec > 60)
		return false;
	*out = (time_t)(date_to_days(d) * 86400L + h * 3600L + m * 60L + sec);
	return true;
}

/* Only names the zone database could hold: they travel to the server as
 * a connection option, where a space would start another one. */
static bool
zone_name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= ZONE_NAMELEN || s[0] == '/' || strstr(s, "..") != NULL)
		return false;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789/_+-") == n;
}

bool
date_local_zone(char out[ZONE_NAMELEN])
{
	const char *tz = getenv("TZ"), *name;
	char link[256];
	ssize_t n;

	if (tz != NULL && *tz != '\0') {
		name = tz[0] == ':' ? tz + 1 : tz;
		/* TZ=:/usr/share/zoneinfo/Europe/Berlin names a file */
		if (strstr(name, "zoneinfo/") != NULL)
			name = strstr(name, "zoneinfo/") + strlen("zoneinfo/");
	} else {
		n = readlink("/etc/localtime", link, sizeof link - 1);
		if (n <= 0)
			return false;
		link[n] = '\0';
		if ((name = strstr(link, "zoneinfo/")) == NULL)
			return false;
		name += strlen("zoneinfo/");
	}
	if (!zone_name_ok(name))
		return false;
	snprintf(out, ZONE_NAMELEN, "%s", name);
	return true;
}
