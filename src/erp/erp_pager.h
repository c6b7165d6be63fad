/* Where the next page starts. Cursor and next-link paging follow what the
 * ERP says. Offset and page-number paging over rows sorted by change time
 * never trust an offset across a request: rows that are saved meanwhile
 * move, and an offset then skips rows (design.md §5, issue 10).
 *  - With a key filter ({after} in the query): keyset paging. The next
 *    page asks for "time = T and key > last, or time > T", T and last
 *    being the last record's change time and id, always from the first
 *    page or offset 0. Nothing can move under it.
 *  - Offset paging without one: the next page starts one row early, at
 *    the last row seen, and must begin with it; when it does not, rows
 *    moved, and the block of time T is read again from its start.
 *  - Page-number paging cannot overlap, so sorted page-number paging
 *    needs the key filter (the profile loader says so). */
#ifndef KAM_ERP_PAGER_H
#define KAM_ERP_PAGER_H

#include <stdbool.h>
#include <stdint.h>

#include "erp_profile.h"

/* Re-reads of one block in a row before kam gives up: the ERP keeps
 * moving rows faster than kam can read them. */
#define ERP_PAGER_REREADS	10

struct erp_pager {
	enum erp_paging	 style;
	bool		 by_time;	/* re-ask by time (sorted offset/page) */
	bool		 by_key;	/* ... and key: {after} */
	int		 digits;	/* precision of the time filter */
	bool		 has_since;
	int64_t		 since_us;	/* lower bound of the time filter */
	char		*after;		/* key of the last record seen */
	char		*expect;	/* id the next page must start with */
	int		 rereads;	/* of the current block, in a row */
	long		 offset;	/* offset paging */
	long		 page;		/* page-number paging */
	long		 first_page;
	char		*cursor;	/* cursor paging */
	char		*link;		/* next-link paging */
	bool		 done;
};

/* What one page held, for erp_pager_next. */
struct erp_page_seen {
	long		 records;
	const char	*next;		/* cursor or next link, or NULL */
	const char	*first_id;	/* of the first record, or NULL */
	bool		 has_last;	/* the last record had a change time */
	int64_t		 last_us;
	const char	*last_id;	/* id of that record, or NULL */
	long		 at_last;	/* records with the last time, at the
					 * filter's precision */
};

enum erp_pager_verdict {
	ERP_PAGER_ON,		/* on to the next page (or done) */
	ERP_PAGER_STUCK,	/* the ERP repeats itself: no progress */
	ERP_PAGER_MOVING	/* rows keep moving under an offset */
};

void	erp_pager_start(struct erp_pager *p, const struct erp_rprofile *rp,
	    bool has_since, int64_t since_us);
/* Moves past a page. */
enum erp_pager_verdict erp_pager_next(struct erp_pager *p,
	    const struct erp_page_seen *s);
void	erp_pager_free(struct erp_pager *p);

#endif
