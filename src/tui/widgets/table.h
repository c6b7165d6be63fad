/* A table of rows from the database with a cursor: the tabs of the
 * account screen that list things (contacts, conditions, actions,
 * history, orders and invoices). */
#ifndef KAM_TUI_TABLE_H
#define KAM_TUI_TABLE_H

#include "columns.h"
#include "listnav.h"
#include "client.h"
#include "text.h"
#include "kam/account_detail.h"

/* TC_WORDS: an internal name in words; TC_CHANGES: a change log row's
 * fields (kam/words.h); TC_SPARK: sparkline levels, TC_BAR: a percentage
 * as a bar (kam/spark.h) */
enum table_kind { TC_TEXT, TC_MONEY, TC_YESNO, TC_WORDS, TC_CHANGES,
	TC_SPARK, TC_BAR };

/* A column is as wide as its title and the cells shown; see columns.h
 * for how the columns give way on a narrow screen. */
struct table_col {
	const char	*title;
	int		 field;		/* column of the rows */
	int		 width;		/* free text: the least it narrows to
					   (0: COL_FREE_LEAST) */
	enum text_align	 align;
	enum table_kind	 kind;
	enum col_fit	 fit;		/* COL_WHOLE unless said */
};

/* The role of one cell; NULL: TE_NORMAL everywhere. */
typedef enum theme_elem (*table_role)(const struct acct_rows *rows, size_t row,
    int field);

struct table {
	const struct table_col	*cols;
	int			 ncols;
	table_role		 role;
	int			 currency;	/* TC_MONEY cells: the rows'
						 * column of their currency */
	struct acct_rows	 rows;
	struct listnav		 nav;
	struct listnav		 kept;		/* the cursor before a reload */
	int			 key;		/* the rows' column of a row's id;
						   -1: none (table_set_key) */
	char			*kept_key;	/* ... the cursor's row's, kept */
	char			*seen;		/* the cursor's row when
						   table_cursor_moved last looked */
	bool			 loaded;
	bool			 more;		/* a full page came: there may be more */
	bool			 fetching;
	bool			 want_last;	/* G: read on to the end */
	/* G on a table that reads backwards: the last page alone, then the
	 * ones before as the cursor climbs */
	bool			 backwards;	/* the fetch under way: the page
						   before the first row */
	bool			 head_missing;	/* rows before the first are not
						   read yet */
	size_t			 from_end;	/* a reload of the last page: the
						   cursor's rows from the end */
	int			 y0;		/* the header's screen line */
	int			 x0, width;	/* its columns (table_place);
						   width 0: the screen's */
	struct col_layout	 layout;	/* as last drawn, and the scroll */
};

void	table_init(struct table *tb, const struct table_col *cols, int ncols,
	    table_role role);
void	table_free(struct table *tb);
/* Money cells show the currency in the rows' column field after them. */
void	table_set_currency(struct table *tb, int field);
/* The rows' column that names each row (its id): a reload puts the
 * cursor back on the row of the same id, wherever it went, rather than on
 * the same line. */
void	table_set_key(struct table *tb, int field);
/* Forgets the rows, for a reload; the cursor goes back to its row (see
 * table_set_key), else to its line, when they come again (table_take). */
void	table_clear(struct table *tb);
/* The rows on their way will put the cursor on the row of this id (see
 * table_set_key) when it is among them; else it stays at the top. */
void	table_seek(struct table *tb, const char *id);
/* Forgets the rows and the cursor: other rows will come (a filter). */
void	table_restart(struct table *tb);
void	table_draw(struct tui *t, struct table *tb, int y0, int height,
	    const char *empty);
/* Draws the table in columns x0 .. x0 + width - 1 from now on, beside
 * something else (the cloud's open items), not across the screen. */
void	table_place(struct table *tb, int x0, int width);
/* Takes the page (emptied); page_size says whether more may follow. */
void	table_take(struct table *tb, struct acct_rows *page, int page_size);
/* Takes the page (emptied) fetched backwards, before the first row: the
 * cursor stays on its row; the first such page is the last of all. */
void	table_take_before(struct table *tb, struct acct_rows *page,
	    int page_size);
/* Whether the cursor is on another row (its id, see table_set_key, else
 * its line) than when this was last asked, rows that came included;
 * what a view shows beside the row follows it (the queue's SLA card). */
bool	table_cursor_moved(struct table *tb);
/* Whether a reload has not yet read as far as the cursor was (a table
 * read a page at a time): the next page should come. */
bool	table_restoring(const struct table *tb);
/* Whether the cursor is near the end of what is loaded, and more may be. */
bool	table_wants_more(const struct table *tb);
/* The same near the start, when rows before it are not read yet. */
bool	table_wants_before(const struct table *tb);
/* Moves to the next row holding text in direction dir, starting at the
 * cursor's own row when here. False when none does. */
bool	table_find(struct table *tb, const char *text, int dir, bool here);
/* < and > (scroll-left, scroll-right): the columns scroll by one. False
 * for any other action. */
bool	table_scroll(struct table *tb, enum kam_action a);
/* A click on screen line y: selects, and true when on the selected row. */
bool	table_click(struct table *tb, int y);
void	table_status(const struct table *tb, const char *what,
	    struct kam_buf *out);

#endif
