#include <stdlib.h>
#include <string.h>

#include "accounts_paging.h"
#include "kam/xalloc.h"

void
acctlist_init(struct acctlist *l)
{
	memset(l, 0, sizeof *l);
	l->base = 0;
	l->total = -1;
}

static void
drop_rows(struct acctlist *l, size_t from, size_t count)
{
	if (count == 0)
		return;
	for (size_t i = from; i < from + count; i++)
		acct_row_free(&l->rows[i]);
	memmove(l->rows + from, l->rows + from + count,
	    (l->nav.n - from - count) * sizeof *l->rows);
	l->nav.n -= count;
}

void
acctlist_clear(struct acctlist *l)
{
	size_t height = l->nav.height;

	drop_rows(l, 0, l->nav.n);
	free(l->rows);
	acctlist_init(l);
	l->nav.height = height;
}

void
acctlist_free(struct acctlist *l)
{
	acctlist_clear(l);
}

static int
need_after(const struct acctlist *l, const struct acct_key **key)
{
	if (l->at_end || l->nav.n == 0)
		return -1;
	*key = &l->rows[l->nav.n - 1].key;
	return ACCT_AFTER;
}

static int
need_before(const struct acctlist *l, const struct acct_key **key)
{
	if (l->at_start || l->nav.n == 0)
		return -1;
	*key = &l->rows[0].key;
	return ACCT_BEFORE;
}

int
acctlist_prefetch(const struct acctlist *l, const struct acct_key **key)
{
	size_t margin = l->nav.height * 2;

	if (!l->loaded)
		return -1;
	if (l->nav.cursor + margin >= l->nav.n && !l->at_end)
		return need_after(l, key);
	if (l->nav.cursor < margin && !l->at_start)
		return need_before(l, key);
	return -1;
}

int
acctlist_act(struct acctlist *l, enum kam_action a, const struct acct_key **key)
{
	if (a == ACT_MOVE_FIRST && !l->at_start)
		return ACCT_FIRST;
	if (a == ACT_MOVE_LAST && !l->at_end)
		return ACCT_LAST;
	if (!listnav_act(&l->nav, a))
		return -1;
	return acctlist_prefetch(l, key);
}

/* Appends or prepends, then trims the far side down to ACCTLIST_MAX. */
static void
merge_after(struct acctlist *l, struct acct_page *page)
{
	size_t extra;

	l->rows = xrealloc(l->rows, (l->nav.n + page->n + 1) * sizeof *l->rows);
	memcpy(l->rows + l->nav.n, page->rows, page->n * sizeof *page->rows);
	l->nav.n += page->n;
	if (l->nav.n > ACCTLIST_MAX) {
		extra = l->nav.n - ACCTLIST_MAX;
		drop_rows(l, 0, extra);
		l->at_start = false;
		if (l->base >= 0)
			l->base += (long)extra;
		l->nav.cursor = l->nav.cursor > extra ? l->nav.cursor - extra : 0;
		l->nav.top = l->nav.top > extra ? l->nav.top - extra : 0;
	}
}

static void
merge_before(struct acctlist *l, struct acct_page *page)
{
	size_t extra;

	l->rows = xrealloc(l->rows, (l->nav.n + page->n + 1) * sizeof *l->rows);
	memmove(l->rows + page->n, l->rows, l->nav.n * sizeof *l->rows);
	memcpy(l->rows, page->rows, page->n * sizeof *page->rows);
	l->nav.n += page->n;
	l->nav.cursor += page->n;
	l->nav.top += page->n;
	if (l->base >= 0)
		l->base -= (long)page->n;
	if (l->nav.n > ACCTLIST_MAX) {
		extra = l->nav.n - ACCTLIST_MAX;
		drop_rows(l, ACCTLIST_MAX, extra);
		l->at_end = false;
	}
}

static void
replace_all(struct acctlist *l, struct acct_page *page, enum acct_from from)
{
	size_t height = l->nav.height;
	long total = l->total;

	acctlist_clear(l);
	l->total = total;
	l->rows = page->rows;
	l->nav.n = page->n;
	l->nav.height = height;
	l->at_start = from == ACCT_FIRST;
	l->at_end = from == ACCT_LAST || page->n < ACCTLIST_PAGE;
	if (from == ACCT_LAST) {
		l->at_start = page->n < ACCTLIST_PAGE;
		l->base = total >= 0 ? total - (long)page->n : -1;
		l->nav.cursor = page->n ? page->n - 1 : 0;
	}
	page->rows = NULL;
	page->n = 0;
}

void
acctlist_take(struct acctlist *l, struct acct_page *page, enum acct_from from)
{
	bool short_page = page->n < ACCTLIST_PAGE;

	if (from == ACCT_FIRST || from == ACCT_LAST)
		replace_all(l, page, from);
	else if (from == ACCT_AFTER) {
		merge_after(l, page);
		l->at_end = short_page;
	} else {
		merge_before(l, page);
		l->at_start = short_page;
		if (short_page)
			l->base = 0;
	}
	free(page->rows);
	page->rows = NULL;
	page->n = 0;
	l->loaded = true;
	listnav_fix(&l->nav);
}

void
acctlist_take_reload(struct acctlist *l, struct acct_page *page,
    enum acct_from from, long base, size_t cursor)
{
	const struct acct_row *was = acctlist_selected(l);
	char *id = was != NULL && was->key.id != NULL ? xstrdup(was->key.id) : NULL;

	replace_all(l, page, from);
	l->base = base;
	l->loaded = true;
	l->nav.cursor = cursor;
	/* the row it was on, when it is still in the window (its line else):
	 * a change elsewhere may have moved it */
	for (size_t i = 0; id != NULL && i < l->nav.n; i++)
		if (l->rows[i].key.id != NULL && strcmp(l->rows[i].key.id, id) == 0) {
			l->nav.cursor = i;
			break;
		}
	free(id);
	listnav_fix(&l->nav);
}

void
acctlist_set_total(struct acctlist *l, long total)
{
	l->total = total;
	if (l->base < 0 && l->at_end)
		l->base = total - (long)l->nav.n;
}

const struct acct_row *
acctlist_selected(const struct acctlist *l)
{
	return l->nav.n ? &l->rows[l->nav.cursor] : NULL;
}

long
acctlist_position(const struct acctlist *l)
{
	if (l->nav.n == 0 || l->base < 0)
		return -1;
	return l->base + (long)l->nav.cursor;
}

long
acctlist_from_end(const struct acctlist *l)
{
	if (l->nav.n == 0 || !l->at_end)
		return -1;
	return (long)(l->nav.n - 1 - l->nav.cursor);
}

void
acctlist_set_height(struct acctlist *l, size_t height)
{
	l->nav.height = height;
	listnav_fix(&l->nav);
}
