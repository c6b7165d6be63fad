/* Where the columns of a table go on a line of a given width (the account
 * list's and every table's): a value that must be read whole is never
 * cut, free text gives way first and is cut with an ellipsis, one space
 * always parts two columns, and what still does not fit lies to the
 * right, reached by scrolling, with a marker that says so. No curses. */
#ifndef KAM_TUI_COLUMNS_H
#define KAM_TUI_COLUMNS_H

#include <stdbool.h>

#include "client.h"
#include "text.h"

enum col_fit {
	COL_WHOLE,	/* never cut: identifiers (order and invoice numbers,
			   ERP ids, e-mail addresses), amounts, dates, the
			   words of a short list */
	COL_FREE,	/* free text: narrows first, cut with an ellipsis */
};

#define COL_FREE_LEAST	8
#define COLUMNS_MAX	16	/* columns of a table at most */

/* What a column asks for. The last free text column also takes what is
 * left over. */
struct col_want {
	int		natural;	/* the widest of its title and cells */
	int		least;		/* free text narrows to this before a
					   column goes off screen; 0: to
					   COL_FREE_LEAST */
	enum col_fit	fit;
};

struct col_place {
	int	col;		/* index into the wants */
	int	x, w;
};

/* The caller fills want[] (columns_measure helps) before each layout;
 * skip is the scroll, kept from one layout to the next. */
struct col_layout {
	struct col_want		 want[COLUMNS_MAX];
	int			 ncols;
	int			 frozen;	/* columns held when others scroll */
	int			 width;
	int			 skip;		/* 0: from the first column */
	struct col_place	 place[COLUMNS_MAX];
	int			 n;		/* columns placed, left to right */
	bool			 more_left;	/* columns off the left edge */
	bool			 more_right;	/* columns that lie to the right */
};

/* Sets want[0..ncols) to the empty column of fit and least, then
 * measures its title. */
void	columns_want(struct col_layout *l, int col, const char *title,
	    enum col_fit fit, int least);
/* Raises column col's natural width to the display width of s. */
void	columns_measure(struct col_layout *l, int col, const char *s);
/* Places the columns on a line of width display columns. */
void	columns_layout(struct col_layout *l, int ncols, int frozen, int width);
/* The "<" and ">" of columns off the left and right edge, at the end of
 * the header line y. */
void	columns_draw_marker(struct tui *t, const struct col_layout *l, int y,
	    enum theme_elem role);
/* One cell: whole values as they are, free text cut with an ellipsis. */
void	columns_draw_cell(struct tui *t, int y, const struct col_place *p,
	    enum col_fit fit, const char *s, enum theme_elem role,
	    enum text_align align);
/* --trace: "columns Y ROWS X+W X+W ...": the columns placed on screen
 * lines Y to Y+ROWS-1, for the screen tests to check that no two touch. */
void	columns_trace(struct tui *t, const struct col_place *place, int n,
	    int y, int rows);
/* Scrolls (dir -1 left, +1 right) until a column hidden on that side
 * shows; nothing when none is. */
void	columns_scroll(struct col_layout *l, int dir);

#endif
