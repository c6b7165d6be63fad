/* Time zones for the ERP targets, loaded once at start: a zone that does
 * not load is the machine's fault, not the input's, so it aborts. */
#ifndef FUZZ_TZ_H
#define FUZZ_TZ_H

#include <stdio.h>
#include <stdlib.h>

#include "erp_tz.h"
#include "kam/buf.h"

static inline void
fuzz_load_zones(const char *const *names, struct erp_tz **zones, size_t n)
{
	struct kam_buf err;

	buf_init(&err);
	for (size_t i = 0; i < n; i++)
		if ((zones[i] = erp_tz_load(names[i], &err)) == NULL) {
			fprintf(stderr, "%s\n", err.data);
			abort();
		}
	buf_free(&err);
}

#endif
