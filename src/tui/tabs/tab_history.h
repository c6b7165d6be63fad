/* The account's timeline, which the History and the Feedback tabs
 * show: what they share. */
#ifndef KAM_TUI_TAB_HISTORY_H
#define KAM_TUI_TAB_HISTORY_H

#include "table_tab.h"

#define HISTORY_PAGE 200

/* Feedback kinds in their colours. */
enum theme_elem	history_feedback_role(const struct acct_rows *r, size_t row,
		    int field);
/* Enter: the entry under the cursor in full. */
void		history_open_entry(struct table_tab *tt, struct tui *t);
/* c and f cycle the channel and feedback filters; e, x and C correct and
 * close the entry under the cursor (entry_ops.h). */
bool		history_action(struct table_tab *tt, struct tui *t,
		    enum kam_action a);
/* The loop's ":" commands (feedback_ops.h). */
bool		history_command(struct table_tab *tt, struct tui *t,
		    const struct cmd *c);

#endif
