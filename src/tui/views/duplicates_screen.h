/* The duplicates of the data-quality screen (Tab on :quality): candidate
 * pairs of accounts, the likeliest first, with score and reasons, for my
 * accounts, my team's or all (m turns it, shared with :quality); Enter
 * opens the first account of the pair, J merges the two side by side
 * (merge_screen.h), D marks the pair "not a
 * duplicate" (asked first; it leaves the list); Esc goes back to the
 * findings below. */
#ifndef KAM_TUI_DUPLICATES_SCREEN_H
#define KAM_TUI_DUPLICATES_SCREEN_H

#include "client.h"

/* Opens the list over the findings, or reads it again when in front. */
void	view_duplicates_show(struct tui *t);

#endif
