/* What the channel kam_change says of a committed change
 * (0031_live_changes.sql): "TABLE ACCOUNT", TABLE a table's name
 * ([a-z0-9_], at most 63 bytes), ACCOUNT the id of the account the row
 * belongs to, "-" for a row of no account or "*" for any account (a bulk
 * change). Payloads come from the database: anything else is refused. */
#ifndef KAM_CHANGE_HINT_H
#define KAM_CHANGE_HINT_H

#include <stdbool.h>

#define HINT_TABLE_MAX	63
#define HINT_ID_MAX	19	/* digits of a bigint */

struct change_hint {
	char	table[HINT_TABLE_MAX + 1];
	/* the account's id in decimal, no leading zeros; "" for none or any */
	char	account[HINT_ID_MAX + 1];
	bool	any;		/* "*": every account may have changed */
};

/* False, and *h untouched, for a payload not of that form. */
bool	change_hint_parse(const char *payload, struct change_hint *h);
/* Whether h concerns a screen that shows table ("*": every table) of
 * account (NULL: of every account). A row of no account concerns every
 * account's screen of its table (the owner's name on each). */
bool	change_hint_concerns(const struct change_hint *h, const char *table,
	    const char *account);

#endif
