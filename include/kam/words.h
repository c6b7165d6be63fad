/* Words for kam's internal names: the one table that turns what the
 * database calls a condition kind, an action kind, an account status, a
 * column in the change log or a filter key into what a person reads
 * ("price_list" is "price list", "annual_talk_on" is "annual talk"), and
 * the values of the change log (JSON arrays, true and false) into plain
 * text. Every screen that shows such a name goes through here. */
#ifndef KAM_WORDS_H
#define KAM_WORDS_H

#include "kam/buf.h"

/* The words for name, or name itself when the table has none (a value
 * that is already a word: "discount", "call"); NULL stays NULL. */
const char	*words_of(const char *name);
/* A value of column field as the change log holds it (the text of a JSON
 * value) in words: an array as its items with commas ("phone, email";
 * weekdays by name for support_days), true and false as yes and no, an
 * internal name in words; NULL as "(none)". At most max columns when
 * max > 0, cut with "…". Control characters are left to the caller's
 * sanitiser. */
void		 words_value(struct kam_buf *out, const char *field,
		    const char *value, size_t max);
/* A row of the change log in one line: the fields as the statement sends
 * them (field, old and new, each ended by WORDS_US; a NULL value is
 * WORDS_NULL alone) as "field: old → new; ..." in words. */
#define WORDS_US	"\x1f"
#define WORDS_NULL	"\x1d"
void		 words_changes(struct kam_buf *out, const char *fields);

#endif
