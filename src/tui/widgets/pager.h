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
	/* NULL, or lays the lines out again for a screen cols wide (with
	 * pager_set_lines): the help wraps its lines */
	void		(*relayout)(struct pager *p, int cols);
	int		  cols;		/* as last laid out */
};

/* Puts lines (n of them, taken) in place of the pager's, at about the
 * same place. */
void	pager_set_lines(struct pager *p, char **lines, size_t n);

/* Whether v is a pager (the help is one, with its own line drawing). */
bool	pager_is(const struct view *v);

/* A pager over lines of text: the help, a history or audit entry in
 * full. */
struct view	*view_pager_new(struct tui *t, const char *title, char **text,
		    size_t n);

#endif
