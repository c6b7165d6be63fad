/* Time zones from the system's tzdata (TZif files and their POSIX rule
 * footers), read once and then safe to share between threads. */
#ifndef KAM_ERP_TZ_H
#define KAM_ERP_TZ_H

#include <stdint.h>

#include "kam/buf.h"

struct erp_tz;

/* "UTC" needs no file; other names are looked up under $TZDIR or
 * /usr/share/zoneinfo. NULL with the reason in err. */
struct erp_tz	*erp_tz_load(const char *name, struct kam_buf *err);
/* Builds a zone from TZif data (for tests). */
struct erp_tz	*erp_tz_from_data(const unsigned char *data, size_t len);
void		 erp_tz_free(struct erp_tz *tz);

/* Seconds east of UTC at UTC instant t (seconds since the epoch). */
int32_t		 erp_tz_offset(const struct erp_tz *tz, int64_t t);
/* The UTC instant of local wall time t (seconds since the epoch as if
 * local were UTC): the earlier one when the clock went back, and for a
 * time the clock skipped, the offset from before the change. */
int64_t		 erp_tz_to_utc(const struct erp_tz *tz, int64_t local);

#endif
