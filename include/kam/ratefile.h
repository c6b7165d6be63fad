/* The exchange-rate files an administrator imports (kam --import rates):
 * CSV, a header line naming the columns, then one rate a line. Read one
 * line at a time, so a file of any length takes no more memory than its
 * longest line; nothing here touches the database.
 *
 *	date,currency,rate		1 currency = rate reporting currency
 *	date,currency,quote,rate	1 currency = rate quote
 *
 * in any order of columns; a date is YYYY-MM-DD, a currency an ISO 4217
 * code, a rate a positive plain decimal ("0.0925", no exponent). */
#ifndef KAM_RATEFILE_H
#define KAM_RATEFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/buf.h"
#include "kam/date.h"

enum rate_col { RATE_DATE, RATE_CURRENCY, RATE_QUOTE, RATE_RATE, RATE_NCOLS };

/* Where each column sits in a line (-1: absent; only the quote may be). */
struct rate_header {
	int	pos[RATE_NCOLS];
	int	nfields;
};

#define RATE_TEXT_MAX	32	/* digits, point and sign of a rate */

struct rate_row {
	char	date[DATE_STRLEN];
	char	currency[4];
	char	quote[4];	/* "" when the file has no quote column */
	char	rate[RATE_TEXT_MAX + 1];
};

/* The line without its line end (a UTF-8 byte order mark before the
 * header is skipped). On false, err says why in words, without the file's
 * name or line number (the caller adds those). */
bool	ratefile_header(const char *line, size_t len, struct rate_header *h,
	    struct kam_buf *err);
bool	ratefile_row(const struct rate_header *h, const char *line, size_t len,
	    struct rate_row *row, struct kam_buf *err);
/* Whether the line holds nothing but spaces: skipped, not an error. */
bool	ratefile_blank(const char *line, size_t len);

#endif
