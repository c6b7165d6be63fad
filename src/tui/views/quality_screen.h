/* The data-quality work list (:quality): the rules' findings by severity
 * and tier, for my accounts, my team's or all (m turns it); Enter opens
 * the account on the tab where the finding is fixed; Tab opens the
 * candidate duplicates (duplicates_screen.h). */
#ifndef KAM_TUI_QUALITY_SCREEN_H
#define KAM_TUI_QUALITY_SCREEN_H

#include "client.h"

/* Opens the list, or reads it again when it is in front. */
void	view_quality_show(struct tui *t);

#endif
