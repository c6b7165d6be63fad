/* What the agenda shows: one kind of item or all, everything due or only
 * what is overdue; set with the o key and ":filter overdue kind=action"
 * on the agenda. No curses. */
#ifndef KAM_TUI_AGENDA_FILTER_H
#define KAM_TUI_AGENDA_FILTER_H

#include <stdbool.h>

#include "kam/buf.h"

struct agenda_filter {
	bool		 overdue;
	const char	*kind;	/* AGENDA_FOLLOW_UP, ... of kam/agenda.h, or NULL */
};

/* Parses the words "overdue" and "kind=follow-up|action|talk"; no words
 * clears. An unknown word: false with err set, f unchanged. */
bool	agenda_filter_parse(const char *args, struct agenda_filter *f,
	    struct kam_buf *err);
/* The filter in the same words ("" for none), for the status line. */
void	agenda_filter_describe(struct kam_buf *out, const struct agenda_filter *f);

#endif
