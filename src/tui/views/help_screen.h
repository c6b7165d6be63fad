/* The help: the key table's lines in a pager. */
#ifndef KAM_TUI_HELP_SCREEN_H
#define KAM_TUI_HELP_SCREEN_H

#include <stdbool.h>

#include "client.h"

struct view	*view_help_new(struct tui *t);
bool		 view_is_help(const struct view *v);

#endif
