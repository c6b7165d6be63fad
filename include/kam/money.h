/* Money as people read it and the currencies it comes in: the one
 * formatter every screen and card uses, so that no amount is ever shown
 * without its currency, and the ISO 4217 codes kam accepts from files. */
#ifndef KAM_MONEY_H
#define KAM_MONEY_H

#include <stdbool.h>

#include "kam/buf.h"

/* Appends "1234567.50" as "1,234,567.50", then " SEK" when currency is
 * not NULL. An amount that is not a plain decimal number is appended as
 * it is; a NULL amount appends nothing at all. */
void	money_format(struct kam_buf *out, const char *amount,
	    const char *currency);

/* Whether code is an active ISO 4217 currency code ("EUR", "KRW"). */
bool	currency_known(const char *code);

#endif
