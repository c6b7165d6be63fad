/* The portfolio: every account the user may read (or the filter's), one
 * line each with its figures against plan and its cadence alarms. */
#ifndef KAM_TUI_PORTFOLIO_SCREEN_H
#define KAM_TUI_PORTFOLIO_SCREEN_H

#include "client.h"

/* Opens the portfolio, or reads it again when it is in front. */
void	view_portfolio_show(struct tui *t);

#endif
