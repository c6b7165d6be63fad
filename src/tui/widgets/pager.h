/* The pager's state, for views that are a pager with their own line
 * drawing (the help). */
#ifndef KAM_TUI_PAGER_H
#define KAM_TUI_PAGER_H

#include "listnav.h"
#include "client.h"

struct pager {
	struct view	  v;
	char		 *title;
	char		**lines;
	struct listnav	  nav;
	void		(*draw_line)(struct tui *t, int y, const char *line,
			    int cols);
};

/* Whether v is a pager (the help is one, with its own line drawing). */
bool	pager_is(const struct view *v);

/* A pager over lines of text: the help, a history or audit entry in
 * full. */
struct view	*view_pager_new(struct tui *t, const char *title, char **text,
		    size_t n);

#endif
