/* What the portfolio shows: the list's filters (":filter tier=key
 * team=north mine", m) and one sort with its direction (s, S, r, ":sort
 * growth desc"). Kept in struct tui, so that it holds when the screen is
 * opened again. No curses.
 *
 * teams: every team's totals over the rows filtered, as the first page of
 * the filter brought them (PF_TEAMS), passed back with every page after
 * it, so that a sort, G or a page down does not read every account
 * filtered again for them; NULL (free()) when the filter or the data
 * change. */
#ifndef KAM_TUI_PORTFOLIO_STATE_H
#define KAM_TUI_PORTFOLIO_STATE_H

#include <stdbool.h>

#include "kam/account_list.h"
#include "kam/portfolio.h"

struct portfolio_state {
	struct acct_filter	 filter;
	enum portfolio_sort	 sort;
	bool			 desc;
	char			*teams;
};

#endif
