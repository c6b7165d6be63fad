/* Calendar dates without time zones: parsing of what users type (ISO dates
 * and a few relative forms), validation and day arithmetic. */
#ifndef KAM_DATE_H
#define KAM_DATE_H

#include <stdbool.h>
#include <time.h>

struct kam_date {
	int	year;
	int	month;	/* 1-12 */
	int	day;	/* 1-31 */
};

#define DATE_STRLEN 11	/* "YYYY-MM-DD" and NUL */

bool		date_valid(int year, int month, int day);
int		date_days_in_month(int year, int month);
/* Strict YYYY-MM-DD, years 1-9999. */
bool		date_parse_iso(const char *s, struct kam_date *d);
/* An ISO date, or today, yesterday, tomorrow, or +N/-N followed by
 * d, w, m or y, counted from today. */
bool		date_parse(const char *s, const struct kam_date *today,
		    struct kam_date *d);
long		date_to_days(struct kam_date d);	/* days since 1970-01-01 */
struct kam_date	date_from_days(long days);
struct kam_date	date_add_days(struct kam_date d, long days);
/* Adds months, clamping the day to the target month's length. */
struct kam_date	date_add_months(struct kam_date d, long months);
void		date_format(struct kam_date d, char out[DATE_STRLEN]);
struct kam_date	date_today(void);	/* in the local time zone */
struct kam_date	date_of(time_t t);	/* t's date in the local time zone */

/* Date and time as people type them, in the local time zone: "now", a
 * date of date_parse ("2026-03-01", "today", "+1w") optionally followed
 * by HH:MM, or HH:MM alone (today). A date alone is its midnight. */
bool		datetime_parse(const char *s, time_t now, time_t *out);
#define DATETIME_STRLEN 17	/* "YYYY-MM-DD HH:MM" and NUL */
void		datetime_format_local(time_t t, char out[DATETIME_STRLEN]);
/* "YYYY-MM-DDTHH:MM:SSZ", how the client sends times to the database. */
#define DATETIME_UTC_STRLEN 21
void		datetime_format_utc(time_t t, char out[DATETIME_UTC_STRLEN]);
bool		datetime_parse_utc(const char *s, time_t *out);

/* The IANA name of the local time zone (TZ, else /etc/localtime's link
 * into the zone database), so the database shows times as the user's
 * clock does; false when it has no such name (a POSIX TZ rule, say). */
#define ZONE_NAMELEN 64
bool		date_local_zone(char out[ZONE_NAMELEN]);

#endif
