/* Times from and for the ERP: ISO 8601 / RFC 3339 text with or without a
 * zone, and unix seconds, to and from microseconds since the epoch, UTC. */
#ifndef KAM_ERP_TIME_H
#define KAM_ERP_TIME_H

#include <stdbool.h>
#include <stdint.h>

#include "erp_tz.h"
#include "kam/date.h"

#define ERP_TIME_LEN	40

enum erp_time_style {
	ERP_TIME_RFC3339,	/* 2026-01-31T10:00:00Z, always UTC */
	ERP_TIME_LOCAL,		/* 2026-01-31 11:00:00, wall time in the zone */
	ERP_TIME_UNIX		/* 1769853600, seconds */
};

/* "YYYY-MM-DD[T ]HH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM]"; without a zone
 * the time is wall time in tz. A bare date is midnight in tz. */
bool	erp_time_parse_iso(const char *s, const struct erp_tz *tz, int64_t *us);
/* Seconds since the epoch, optionally with a fraction. */
bool	erp_time_parse_unix(const char *s, int64_t *us);
/* Writes t, cut down (towards the past) to digits decimals of a second,
 * in style into out. */
void	erp_time_format(int64_t us, enum erp_time_style style, int digits,
	    const struct erp_tz *tz, char out[ERP_TIME_LEN]);
/* t cut down to digits decimals of a second. */
int64_t	erp_time_floor(int64_t us, int digits);
/* The calendar date at instant t in tz. */
struct kam_date	erp_time_date(int64_t us, const struct erp_tz *tz);

#endif
