/* Where the next page starts. Cursor and next-link paging follow what the
 * ERP says. Offset and page-number paging over rows sorted by change time
 * do not trust the offset alone (rows that change move, and an offset
 * then skips rows): they re-ask "changed >= the last time seen" and step
 * through the rows sharing that time by offset or page (design.md §5). */
#ifndef KAM_ERP_PAGER_H
#define KAM_ERP_PAGER_H

#include <stdbool.h>
#include <stdint.h>

#include "erp_profile.h"

struct erp_pager {
	enum erp_paging	 style;
	bool		 keyset;	/* re-ask by time (sorted offset/page) */
	int		 digits;	/* precision of the time filter */
	bool		 has_since;
	int64_t		 since_us;	/* lower bound of the time filter */
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
	bool		 has_last;	/* the last record had a change time */
	int64_t		 last_us;
	long		 at_last;	/* records with the last time, at the
					 * filter's precision */
};

void	erp_pager_start(struct erp_pager *p, const struct erp_rprofile *rp,
	    bool has_since, int64_t since_us);
/* Moves past a page; false when the ERP repeats a cursor (no progress). */
bool	erp_pager_next(struct erp_pager *p, const struct erp_page_seen *s);
void	erp_pager_free(struct erp_pager *p);

#endif
