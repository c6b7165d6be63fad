/* What the portfolio shows: the list's filters (":filter tier=key
 * team=north mine", m) and one sort with its direction (s, S, r, ":sort
 * growth desc"). Kept in struct tui, so that it holds when the screen is
 * opened again. No curses. */
#ifndef KAM_TUI_PORTFOLIO_STATE_H
#define KAM_TUI_PORTFOLIO_STATE_H

#include <stdbool.h>

#include "kam/account_list.h"
#include "kam/portfolio.h"

struct portfolio_state {
	struct acct_filter	 filter;
	enum portfolio_sort	 sort;
	bool			 desc;
};

#endif
