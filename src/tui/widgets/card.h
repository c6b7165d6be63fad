/* A card: label and value lines that scroll, for the overview, the
 * service level and the plan. Values may span lines, and wrap at word
 * boundaries beside a label column as wide as the widest label. */
#ifndef KAM_TUI_CARD_H
#define KAM_TUI_CARD_H

#include "listnav.h"
#include "client.h"
#include "text.h"

struct card_line {
	char		*label;	/* NULL: a value's next line, or a heading */
	char		*value;
	enum theme_elem	 role;
	enum theme_elem	*runs;	/* NULL, or the role of each of the value's
				   runs (CARD_RUN_SEP between them) */
	size_t		 nruns;
};

/* Between two runs of a line of runs (card_add_runs). */
#define CARD_RUN_SEP	'\x1f'
#define CARD_RUN_GAP	2	/* columns between two runs on screen */

/* What was added (items), and the lines shown: the items with their
 * values wrapped for the width last drawn at. nav is over the lines. */
struct card {
	struct card_line	*lines;
	size_t			 cap;
	struct card_line	*items;
	size_t			 nitems, cap_items;
	int			 cols;		/* the lines are laid out for */
	int			 value_x;	/* where values begin */
	struct listnav		 nav;
	bool			 loaded;
	int			 x0, width;	/* its columns (card_place);
						   width 0: the screen's */
};

void	card_init(struct card *c);
void	card_clear(struct card *c);
/* Adds label and value (NULL or empty values are left out); a value with
 * line breaks gives several lines. */
void	card_add(struct card *c, const char *label, const char *value,
	    enum theme_elem role);
/* Adds label and a line of n runs, each text in its own role, GAP
 * columns apart: never wrapped, cut at the width with an ellipsis. The
 * texts hold no CARD_RUN_SEP; none is left out. */
void	card_add_runs(struct card *c, const char *label,
	    const char *const *texts, const enum theme_elem *roles, size_t n);
/* A heading line. */
void	card_heading(struct card *c, const char *text);
/* Lays the lines out for a screen cols wide (card_draw does too). */
void	card_fit(struct card *c, int cols);
void	card_draw(struct tui *t, struct card *c, int y0, int height);
/* Draws the card in columns x0 .. x0 + width - 1 from now on, beside or
 * below something else (the queue's table), not across the screen. */
void	card_place(struct card *c, int x0, int width);
bool	card_find(struct card *c, const char *text, int dir);

#endif
