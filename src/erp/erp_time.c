#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "erp_time.h"

#define US	1000000LL
/* 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z: what is written
 * back as YYYY-MM-DD (fuzz/erp_time.c found a year written mod 10000) */
#define MIN_US	(-62135596800LL * US)
#define MAX_US	(253402300800LL * US - 1)

static bool
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* ".123456789": microseconds, extra digits cut off */
static const char *
fraction(const char *s, int64_t *us)
{
	int64_t scale = 100000;

	*us = 0;
	if (*s != '.' && *s != ',')
		return s;
	if (*++s < '0' || *s > '9')
		return NULL;
	for (; *s >= '0' && *s <= '9'; s++) {
		*us += (*s - '0') * scale;
		scale /= 10;
	}
	return s;
}

/* "Z", "+01:00", "+0100", "-05" or nothing; *has tells which. */
static bool
zone(const char *s, bool *has, int32_t *off)
{
	int h, m = 0, sign;

	*has = *s != '\0';
	*off = 0;
	if (*s == '\0')
		return true;
	if ((*s == 'Z' || *s == 'z') && s[1] == '\0')
		return true;
	if (*s != '+' && *s != '-')
		return false;
	sign = *s++ == '-' ? -1 : 1;
	if (!digits(s, 2, &h) || h > 23)
		return false;
	s += 2;
	if (*s == ':')
		s++;
	if (*s != '\0' && (!digits(s, 2, &m) || m > 59 || s[2] != '\0'))
		return false;
	*off = sign * (h * 3600 + m * 60);
	return true;
}

/* HH:MM[:SS[.frac]] after the date; returns the rest or NULL. */
static const char *
clock_time(const char *s, int64_t *secs, int64_t *us)
{
	int h, mi, se = 0;

	if (!digits(s, 2, &h) || s[2] != ':' || !digits(s + 3, 2, &mi) ||
	    h > 23 || mi > 59)
		return NULL;
	s += 5;
	if (*s == ':') {
		if (!digits(s + 1, 2, &se) || se > 60)
			return NULL;
		s += 3;
	}
	*secs = h * 3600 + mi * 60 + (se == 60 ? 59 : se);
	return fraction(s, us);
}

bool
erp_time_parse_iso(const char *s, const struct erp_tz *tz, int64_t *out)
{
	char day[DATE_STRLEN];
	struct kam_date d;
	int64_t secs = 0, us = 0, local;
	int32_t off;
	bool has_zone;

	if (strlen(s) < 10)
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse_iso(day, &d))
		return false;
	s += 10;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		if ((s = clock_time(s + 1, &secs, &us)) == NULL)
			return false;
	}
	if (!zone(s, &has_zone, &off))
		return false;
	local = (int64_t)date_to_days(d) * 86400 + secs;
	if (has_zone)
		*out = (local - off) * US + us;
	else
		*out = erp_tz_to_utc(tz, local) * US + us;
	return *out >= MIN_US && *out <= MAX_US;
}

bool
erp_time_parse_unix(const char *s, int64_t *out)
{
	const char *p = s;
	int64_t secs = 0, us;
	bool neg = false;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		secs = secs * 10 + (*p - '0');
		if (secs > 253402300799LL)	/* 9999-12-31 */
			return false;
	}
	if ((p = fraction(p, &us)) == NULL || *p != '\0')
		return false;
	*out = neg ? -(secs * US + us) : secs * US + us;
	return *out >= MIN_US && *out <= MAX_US;
}

int64_t
erp_time_floor(int64_t us, int ndigits)
{
	int64_t unit = US;

	for (int i = 0; i < ndigits && i < 6; i++)
		unit /= 10;
	return us - ((us % unit) + unit) % unit;
}

static void
split_us(int64_t us, int64_t *secs, int64_t *frac)
{
	*frac = ((us % US) + US) % US;
	*secs = (us - *frac) / US;
}

struct kam_date
erp_time_date(int64_t us, const struct erp_tz *tz)
{
	int64_t secs, frac, local;

	split_us(us, &secs, &frac);
	local = secs + erp_tz_offset(tz, secs);
	return date_from_days((long)((local - ((local % 86400) + 86400) % 86400) / 86400));
}

void
erp_time_format(int64_t us, enum erp_time_style style, int ndigits,
    const struct erp_tz *tz, char out[ERP_TIME_LEN])
{
	char day[DATE_STRLEN], frac_text[8] = "";
	int64_t secs, frac, local, tod;

	us = erp_time_floor(us, ndigits);
	split_us(us, &secs, &frac);
	if (style == ERP_TIME_UNIX) {
		snprintf(out, ERP_TIME_LEN, "%lld", (long long)secs);
		return;
	}
	local = style == ERP_TIME_LOCAL ? secs + erp_tz_offset(tz, secs) : secs;
	tod = ((local % 86400) + 86400) % 86400;
	date_format(date_from_days((long)((local - tod) / 86400)), day);
	if (ndigits > 0) {
		snprintf(frac_text, sizeof frac_text, ".%06lld", (long long)frac);
		frac_text[1 + (ndigits > 6 ? 6 : ndigits)] = '\0';
	}
	snprintf(out, ERP_TIME_LEN, "%s%c%02d:%02d:%02d%s%s", day,
	    style == ERP_TIME_LOCAL ? ' ' : 'T', (int)(tod / 3600),
	    (int)(tod / 60 % 60), (int)(tod % 60), frac_text,
	    style == ERP_TIME_LOCAL ? "" : "Z");
}
