/* The account list's state: a window of rows out of a result that may be
 * 100 000 long, where it sits in the result, the cursor, and which page to
 * fetch next. Keys move within the window; near its edges the window
 * asks for the neighbouring page. No curses, no database. */
#ifndef KAM_TUI_ACCOUNTS_PAGING_H
#define KAM_TUI_ACCOUNTS_PAGING_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/account_list.h"
#include "listnav.h"

#define ACCTLIST_PAGE	100	/* rows a fetch asks for */
#define ACCTLIST_MAX	400	/* rows the window keeps at most */

struct acctlist {
	struct acct_row	*rows;		/* the window, in display order */
	struct listnav	 nav;		/* over the window */
	long		 base;		/* result index of rows[0]; -1 unknown */
	bool		 at_start;	/* the window holds the first row */
	bool		 at_end;	/* ... and the last */
	long		 total;		/* rows in the result; -1 unknown */
	bool		 loaded;	/* a first page has arrived */
};

void	acctlist_init(struct acctlist *l);
void	acctlist_free(struct acctlist *l);
/* Forgets the rows (new order, filter or search); the next fetch is
 * ACCT_FIRST. */
void	acctlist_clear(struct acctlist *l);

/* Moves for a moving action. Returns the page to fetch for it (or to
 * fetch ahead): ACCT_AFTER/ACCT_BEFORE with *key set to the window's
 * edge, ACCT_FIRST or ACCT_LAST; or -1 when nothing is needed. */
int	acctlist_act(struct acctlist *l, enum kam_action a,
	    const struct acct_key **key);
/* Whether the cursor is so near an edge that the next page should come. */
int	acctlist_prefetch(const struct acctlist *l, const struct acct_key **key);
/* Takes the rows of page (emptied) fetched as from. */
void	acctlist_take(struct acctlist *l, struct acct_page *page,
	    enum acct_from from);
/* Takes page (fetched as from: ACCT_FIRST or ACCT_AFTER) as the new
 * window after a reload: the rows from result index base on, the cursor
 * on the row it was on if the page holds it, else cursor rows down. */
void	acctlist_take_reload(struct acctlist *l, struct acct_page *page,
	    enum acct_from from, long base, size_t cursor);
void	acctlist_set_total(struct acctlist *l, long total);

const struct acct_row	*acctlist_selected(const struct acctlist *l);
/* The cursor's position in the whole result (0-based), or -1. */
long	acctlist_position(const struct acctlist *l);
/* Rows below the cursor to the end of the result, or -1 when the window
 * does not hold the end: a position where the count is not known. */
long	acctlist_from_end(const struct acctlist *l);
void	acctlist_set_height(struct acctlist *l, size_t height);

#endif
