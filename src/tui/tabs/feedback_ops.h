/* Feedback's loop on a history entry (the History and Feedback tabs):
 * w moves it a step, R, T and O start the :answer, :topics and :owner
 * commands that answer the customer, set its topics and hand it on. */
#ifndef KAM_TUI_FEEDBACK_OPS_H
#define KAM_TUI_FEEDBACK_OPS_H

#include "table_tab.h"

/* The keys; false for an action that is not feedback's. */
bool	feedback_ops_action(struct table_tab *tt, struct tui *t,
	    enum kam_action a);
/* :state, :topics, :answer and :owner on the entry under the cursor;
 * false for another command. */
bool	feedback_ops_command(struct table_tab *tt, struct tui *t,
	    const struct cmd *c);

#endif
