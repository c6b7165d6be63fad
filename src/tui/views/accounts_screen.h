/* The list of accounts, the first screen: search, filter, sort, page. */
#ifndef KAM_TUI_ACCOUNTS_SCREEN_H
#define KAM_TUI_ACCOUNTS_SCREEN_H

#include "client.h"

struct view	*view_accounts_new(struct tui *t);

#endif
