/* A cursor over n lines seen through a window of height lines: what every
 * list, table and pager shares. Plain state, no curses. */
#ifndef KAM_TUI_LISTNAV_H
#define KAM_TUI_LISTNAV_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"

struct listnav {
	size_t	n;		/* lines */
	size_t	cursor;		/* selected line */
	size_t	top;		/* first line shown */
	size_t	height;		/* lines shown */
	bool	scroll_only;	/* a pager: the cursor is the top line */
};

/* Moves for the moving actions; false for any other action. */
bool	listnav_act(struct listnav *nav, enum kam_action a);
/* Keeps cursor and top in range and the cursor in view (after n or height
 * changed). */
void	listnav_fix(struct listnav *nav);
void	listnav_set(struct listnav *nav, size_t cursor);

#endif
