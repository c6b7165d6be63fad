#include <stdlib.h>
#include <string.h>

#include "erp_pager.h"
#include "erp_time.h"
#include "kam/xalloc.h"

void
erp_pager_start(struct erp_pager *p, const struct erp_rprofile *rp,
    bool has_since, int64_t since_us)
{
	memset(p, 0, sizeof *p);
	p->style = rp->paging;
	p->keyset = rp->sorted && (rp->paging == ERP_PAGE_OFFSET ||
	    rp->paging == ERP_PAGE_NUMBER);
	p->digits = rp->since_style == ERP_TIME_UNIX ? 0 : rp->since_digits;
	p->has_since = has_since;
	p->since_us = has_since ? erp_time_floor(since_us, p->digits) : 0;
	p->first_page = rp->first_page;
	p->page = rp->first_page;
}

/* Offset and page paging: by time when sorted, else plainly. */
static void
step(struct erp_pager *p, const struct erp_page_seen *s)
{
	int64_t last = erp_time_floor(s->last_us, p->digits);

	if (!p->keyset || !s->has_last || (p->has_since && last == p->since_us)) {
		p->offset += s->records;	/* the same filter, further on */
		p->page++;
		return;
	}
	/* a newer time: ask again from it, past the rows already seen */
	p->has_since = true;
	p->since_us = last;
	p->offset = s->at_last;
	p->page = p->first_page;
}

bool
erp_pager_next(struct erp_pager *p, const struct erp_page_seen *s)
{
	switch (p->style) {
	case ERP_PAGE_CURSOR:
		if (s->next == NULL || *s->next == '\0') {
			p->done = true;
			return true;
		}
		if (p->cursor != NULL && strcmp(p->cursor, s->next) == 0)
			return false;
		free(p->cursor);
		p->cursor = xstrdup(s->next);
		return true;
	case ERP_PAGE_LINK:
		free(p->link);
		p->link = s->next != NULL && *s->next ? xstrdup(s->next) : NULL;
		p->done = p->link == NULL;
		return true;
	default:
		if (s->records == 0)
			p->done = true;
		else
			step(p, s);
		return true;
	}
}

void
erp_pager_free(struct erp_pager *p)
{
	free(p->cursor);
	free(p->link);
	memset(p, 0, sizeof *p);
}
