/* A pager over lines: a history entry in full, and (with its own line
 * drawing) the help. j/k scroll, / and n/N find. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "client.h"
#include "draw.h"
#include "listnav.h"
#include "pager.h"
#include "kam/xalloc.h"

static void
plain_line(struct tui *t, int y, const char *line, int cols)
{
	draw_text(t, y, 0, cols, line, TE_NORMAL, ALIGN_LEFT);
}

static const struct kam_view_ops pager_ops;

static void
pager_init(struct pager *p, const char *title, char **lines, size_t n)
{
	memset(p, 0, sizeof *p);
	p->v.ops = &pager_ops;
	p->title = xstrdup(title);
	p->lines = lines;
	p->nav.n = n;
	p->nav.scroll_only = true;
	p->draw_line = plain_line;
}

static void
free_lines(struct pager *p)
{
	for (size_t i = 0; i < p->nav.n; i++)
		free(p->lines[i]);
	free(p->lines);
}

void
pager_set_lines(struct pager *p, char **lines, size_t n)
{
	size_t old = p->nav.n;

	free_lines(p);
	p->lines = lines;
	if (old > 0) {
		p->nav.top = p->nav.top * n / old;
		p->nav.cursor = p->nav.top;
	}
	p->nav.n = n;
	listnav_fix(&p->nav);
}

static void
pager_draw(struct view *v, struct tui *t, int y0, int height)
{
	struct pager *p = (struct pager *)v;

	if (p->relayout != NULL && p->cols != t->cols) {
		p->relayout(p, t->cols);
		p->cols = t->cols;
	}
	p->nav.height = (size_t)height;
	listnav_fix(&p->nav);
	for (int i = 0; i < height; i++) {
		size_t k = p->nav.top + (size_t)i;

		if (k < p->nav.n)
			p->draw_line(t, y0 + i, p->lines[k], t->cols);
	}
}

static bool
pager_action(struct view *v, struct tui *t, enum kam_action a)
{
	(void)t;
	return listnav_act(&((struct pager *)v)->nav, a);
}

static bool
pager_search_next(struct view *v, struct tui *t, int dir)
{
	struct pager *p = (struct pager *)v;
	size_t n = p->nav.n;

	for (size_t step = 1; step <= n; step++) {
		size_t k = (p->nav.top + n + (size_t)dir * step) % n;

		if (text_contains(p->lines[k], t->search)) {
			listnav_set(&p->nav, k);
			p->nav.top = k;
			return true;
		}
	}
	return false;
}

static void
pager_search(struct view *v, struct tui *t, const char *text, bool live)
{
	struct pager *p = (struct pager *)v;

	if (live || text == NULL || *text == '\0' || p->nav.n == 0)
		return;
	if (!text_contains(p->lines[p->nav.top], text))
		pager_search_next(v, t, 1);
}

static void
pager_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	struct pager *p = (struct pager *)v;
	size_t last = p->nav.top + p->nav.height;

	(void)t;
	buf_addf(out, " lines %zu-%zu of %zu", p->nav.n ? p->nav.top + 1 : 0,
	    last < p->nav.n ? last : p->nav.n, p->nav.n);
}

static void
pager_title(struct view *v, struct tui *t, struct kam_buf *out)
{
	(void)t;
	buf_adds(out, ((struct pager *)v)->title);
}

static void
pager_free(struct view *v)
{
	struct pager *p = (struct pager *)v;

	free_lines(p);
	free(p->title);
	free(p);
}

static const struct kam_view_ops pager_ops = {
	.name = "pager",
	.draw = pager_draw,
	.action = pager_action,
	.search = pager_search,
	.search_next = pager_search_next,
	.status = pager_status,
	.title = pager_title,
	.free = pager_free,
};

bool
pager_is(const struct view *v)
{
	return v->ops == &pager_ops;
}

struct view *
view_pager_new(struct tui *t, const char *title, char **lines, size_t n)
{
	struct pager *p = xmalloc(sizeof *p);

	(void)t;
	pager_init(p, title, lines, n);
	return &p->v;
}
