/* How long to wait before asking the ERP again: exponential backoff with
 * full jitter, never less than what a Retry-After header asked for. */
#ifndef KAM_ERP_BACKOFF_H
#define KAM_ERP_BACKOFF_H

#include <time.h>

#define ERP_BACKOFF_BASE_MS	500
#define ERP_BACKOFF_CAP_MS	30000
#define ERP_RETRY_AFTER_MAX_MS	300000	/* longer: give up and say so */

/* Delay before retry number attempt (1 = the first retry): a uniform
 * pick from [0, min(cap, base * 2^(attempt-1))), jitter01 in [0, 1);
 * at least retry_after_ms when that is >= 0. */
long	erp_backoff_ms(int attempt, long retry_after_ms, double jitter01);
/* A Retry-After value (delay seconds or an HTTP date) in milliseconds
 * from now; -1 when absent or unreadable. */
long	erp_retry_after_ms(const char *value, time_t now);

#endif
