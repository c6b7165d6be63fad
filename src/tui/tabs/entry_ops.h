/* What closes a history entry, on the History and Feedback tabs: e
 * corrects one's own entry, x marks its follow-up done (or not done
 * again), C closes its complaint with the outcome, or reopens it. The
 * database has the last word (0018_entry_lifecycle.sql); these say
 * first, in words, what it would refuse. */
#ifndef KAM_TUI_ENTRY_OPS_H
#define KAM_TUI_ENTRY_OPS_H

#include "table_tab.h"

/* Does e, x or C on tt's row (rows of AQ_HISTORY); false for other
 * actions. */
bool	entry_ops_action(struct table_tab *tt, struct tui *t, enum kam_action a);

#endif
