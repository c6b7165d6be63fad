/* Money and other decimals from the ERP, kept as exact text: normalised,
 * rounded to the column's scale and range-checked, never a double. */
#ifndef KAM_ERP_DECIMAL_H
#define KAM_ERP_DECIMAL_H

#include <stdbool.h>

#include "kam/buf.h"

/* Appends in, a decimal such as "-1234.5", "1234.50000000" or "1.5E+3",
 * to out as plain text with at most scale decimals (rounded half away from
 * zero, as PostgreSQL does). Refuses more than int_digits digits before
 * the point, and negatives unless allowed; *why says why. */
bool	erp_decimal(const char *in, int scale, int int_digits, bool negative_ok,
	    struct kam_buf *out, const char **why);

#endif
