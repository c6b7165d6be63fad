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
	p->by_time = rp->sorted && (rp->paging == ERP_PAGE_OFFSET ||
	    rp->paging == ERP_PAGE_NUMBER);
	p->by_key = p->by_time && rp->keyed;
	p->digits = rp->since_style == ERP_TIME_UNIX ? 0 : rp->since_digits;
	p->has_since = has_since;
	p->since_us = has_since ? erp_time_floor(since_us, p->digits) : 0;
	p->first_page = rp->first_page;
	p->page = rp->first_page;
}

static void
set(char **slot, const char *value)
{
	free(*slot);
	*slot = value != NULL ? xstrdup(value) : NULL;
}

/* The same filter, further on. */
static void
further(struct erp_pager *p, long records)
{
	p->offset += records;
	p->page++;
}

/* Keyset: from the last record's (time, key), always the first page. */
static enum erp_pager_verdict
by_key(struct erp_pager *p, const struct erp_page_seen *s)
{
	int64_t last;

	if (!s->has_last || s->last_id == NULL) {
		further(p, s->records);
		return ERP_PAGER_ON;
	}
	last = erp_time_floor(s->last_us, p->digits);
	if (p->after != NULL && p->has_since && last == p->since_us &&
	    strcmp(p->after, s->last_id) == 0)
		return ERP_PAGER_STUCK;
	p->has_since = true;
	p->since_us = last;
	set(&p->after, s->last_id);
	p->offset = 0;
	p->page = p->first_page;
	return ERP_PAGER_ON;
}

/* Offsets only: each page starts at the last row seen, and must. */
static enum erp_pager_verdict
overlap(struct erp_pager *p, const struct erp_page_seen *s)
{
	bool matched = p->expect != NULL && s->first_id != NULL &&
	    strcmp(p->expect, s->first_id) == 0;
	int64_t last;

	if (p->expect != NULL && !matched) {
		/* rows moved in front of the offset: the block again */
		if (++p->rereads > ERP_PAGER_REREADS)
			return ERP_PAGER_MOVING;
		p->offset = 0;
		set(&p->expect, NULL);
		return ERP_PAGER_ON;
	}
	if (matched && s->records == 1) {
		p->done = true;		/* only the row already seen */
		return ERP_PAGER_ON;
	}
	if (!s->has_last || s->last_id == NULL) {
		further(p, s->records);
		set(&p->expect, NULL);
		return ERP_PAGER_ON;
	}
	last = erp_time_floor(s->last_us, p->digits);
	if (p->has_since && last == p->since_us)
		p->offset += s->records - 1;
	else {
		p->has_since = true;
		p->since_us = last;
		p->offset = s->at_last - 1;
		p->rereads = 0;
	}
	set(&p->expect, s->last_id);
	return ERP_PAGER_ON;
}

enum erp_pager_verdict
erp_pager_next(struct erp_pager *p, const struct erp_page_seen *s)
{
	switch (p->style) {
	case ERP_PAGE_CURSOR:
		if (s->next == NULL || *s->next == '\0') {
			p->done = true;
			return ERP_PAGER_ON;
		}
		if (p->cursor != NULL && strcmp(p->cursor, s->next) == 0)
			return ERP_PAGER_STUCK;
		set(&p->cursor, s->next);
		return ERP_PAGER_ON;
	case ERP_PAGE_LINK:
		set(&p->link, s->next != NULL && *s->next ? s->next : NULL);
		p->done = p->link == NULL;
		return ERP_PAGER_ON;
	default:
		if (s->records == 0) {
			p->done = true;
			return ERP_PAGER_ON;
		}
		if (p->by_key)
			return by_key(p, s);
		if (p->by_time && p->style == ERP_PAGE_OFFSET)
			return overlap(p, s);
		further(p, s->records);
		return ERP_PAGER_ON;
	}
}

void
erp_pager_free(struct erp_pager *p)
{
	free(p->cursor);
	free(p->link);
	free(p->after);
	free(p->expect);
	memset(p, 0, sizeof *p);
}
