/* The pager's parts, for views that are a pager with their own drawing
 * (the help). */
#ifndef KAM_TUI_PAGER_H
#define KAM_TUI_PAGER_H

#include "listnav.h"
#include "ui.h"

struct pager {
	struct view	  v;
	char		 *title;
	char		**lines;
	struct listnav	  nav;
	void		(*draw_line)(struct tui *t, int y, const char *line,
			    int cols);
};

void	pager_init(struct pager *p, const struct kam_view_ops *ops,
	    const char *title, char **lines, size_t n);
void	pager_draw(struct view *v, struct tui *t, int y0, int height);
bool	pager_action(struct view *v, struct tui *t, enum kam_action a);
void	pager_search(struct view *v, struct tui *t, const char *text, bool live);
bool	pager_search_next(struct view *v, struct tui *t, int dir);
bool	pager_command(struct view *v, struct tui *t, const struct cmd *c);
void	pager_status(struct view *v, struct tui *t, struct kam_buf *out);
void	pager_title(struct view *v, struct tui *t, struct kam_buf *out);
void	pager_free(struct view *v);

/* Whether hay holds needle, ignoring ASCII case. */
bool	text_contains(const char *hay, const char *needle);

#endif
