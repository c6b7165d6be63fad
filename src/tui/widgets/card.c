/* A card keeps what it was given (items) and the lines it shows: those,
 * with each value wrapped at word boundaries beside a label column as
 * wide as the widest label, for the screen's width. */
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "columns.h"
#include "text.h"
#include "client.h"
#include "draw.h"
#include "kam/xalloc.h"

#define LABEL_X		2	/* where labels begin */
#define VALUE_X		20	/* where values begin, unless a label is wider */

void
card_init(struct card *c)
{
	memset(c, 0, sizeof *c);
	c->nav.scroll_only = true;
}

static void
free_lines(struct card_line *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(l[i].label);
		free(l[i].value);
		free(l[i].runs);
	}
	free(l);
}

void
card_clear(struct card *c)
{
	free_lines(c->lines, c->nav.n);
	free_lines(c->items, c->nitems);
	c->lines = c->items = NULL;
	c->cap = c->nitems = c->cap_items = 0;
	c->nav.n = 0;
	c->cols = 0;
	c->loaded = false;
}

static struct card_line *
push(struct card_line **lines, size_t *n, size_t *cap, const char *label,
    const char *value, size_t len, enum theme_elem role)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*lines = xrealloc(*lines, *cap * sizeof **lines);
	}
	(*lines)[*n] = (struct card_line){ label ? xstrdup(label) : NULL,
	    xstrndup(value, len), role, NULL, 0 };
	return &(*lines)[(*n)++];
}

/* A copy of from's runs into to. */
static void
copy_runs(struct card_line *to, const struct card_line *from)
{
	if (from->runs == NULL)
		return;
	to->runs = xcalloc(from->nruns, sizeof *to->runs);
	memcpy(to->runs, from->runs, from->nruns * sizeof *to->runs);
	to->nruns = from->nruns;
}

/* Where values begin: after the widest label and a space, but never so
 * far that values have less than two thirds of the line. */
static int
value_x(const struct card *c, int cols)
{
	int x = VALUE_X, w;

	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].label != NULL &&
		    (w = LABEL_X + (int)text_width(c->items[i].label) + 1) > x)
			x = w;
	return x > cols / 3 && cols / 3 > VALUE_X ? cols / 3 : x;
}

void
card_fit(struct card *c, int cols)
{
	size_t n = 0, cap = 0, np;
	struct card_line *lines = NULL;
	int vx = value_x(c, cols);
	char **parts;

	if (cols == c->cols)
		return;
	for (size_t i = 0; i < c->nitems; i++) {
		const struct card_line *it = &c->items[i];

		if (it->label == NULL || it->runs != NULL || cols <= 0) {
			copy_runs(push(&lines, &n, &cap, it->label, it->value,
			    strlen(it->value), it->role), it);
			continue;
		}
		np = text_wrap(it->value, (size_t)(cols - vx > 8 ? cols - vx : 8), &parts);
		for (size_t k = 0; k < np; k++)
			push(&lines, &n, &cap, k == 0 ? it->label : "", parts[k],
			    strlen(parts[k]), it->role);
		strv_free(parts, np);
	}
	free_lines(c->lines, c->nav.n);
	c->lines = lines;
	c->cap = cap;
	c->nav.n = n;
	c->cols = cols;
	c->value_x = vx;
	listnav_fix(&c->nav);
}

/* A new item: the lines are laid out again at the next draw, and until
 * then show the items as they are. */
static struct card_line *
add_item(struct card *c, const char *label, const char *value, size_t len,
    enum theme_elem role)
{
	struct card_line *it;

	it = push(&c->items, &c->nitems, &c->cap_items, label, value, len, role);
	push(&c->lines, &c->nav.n, &c->cap, label, value, len, role);
	c->cols = 0;
	return it;
}

void
card_add(struct card *c, const char *label, const char *value,
    enum theme_elem role)
{
	const char *nl;

	if (value == NULL || *value == '\0')
		return;
	for (; value != NULL; value = nl ? nl + 1 : NULL, label = NULL) {
		nl = strchr(value, '\n');
		add_item(c, label ? label : "", value, nl ? (size_t)(nl - value) :
		    strlen(value), role);
	}
}

void
card_add_runs(struct card *c, const char *label, const char *const *texts,
    const enum theme_elem *roles, size_t n)
{
	struct kam_buf v;
	struct card_line *it;

	if (n == 0)
		return;
	buf_init(&v);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&v, CARD_RUN_SEP);
		buf_adds(&v, texts[i]);
	}
	it = add_item(c, label ? label : "", v.data, v.len, roles[0]);
	it->runs = xcalloc(n, sizeof *it->runs);
	memcpy(it->runs, roles, n * sizeof *it->runs);
	it->nruns = n;
	/* the line shown until the next fit: the same runs */
	copy_runs(&c->lines[c->nav.n - 1], it);
	buf_free(&v);
}

void
card_heading(struct card *c, const char *text)
{
	add_item(c, NULL, text, strlen(text), TE_HELP_GROUP);
}

/* The card's width: its place's, else the screen's. */
static int
card_width(const struct tui *t, const struct card *c)
{
	return c->width > 0 ? c->width : t->cols;
}

void
card_place(struct card *c, int x0, int width)
{
	c->x0 = x0;
	c->width = width;
}

/* For --trace: the label and value columns of the lines y to y+rows-1. */
static void
trace_run(struct tui *t, const struct card *c, int y, int rows)
{
	struct col_place place[2] = {
		{ 0, c->x0 + LABEL_X, c->value_x - LABEL_X - 1 },
		{ 1, c->x0 + c->value_x, card_width(t, c) - c->value_x },
	};

	columns_trace(t, place, 2, y, rows);
}

/* A line of runs from x, cols wide: each run in its role, the one that
 * does not fit cut with an ellipsis (columns.h), the rest left out. */
static void
draw_runs(struct tui *t, const struct card_line *l, int y, int x, int cols)
{
	const char *run = l->value;
	int end = x + cols;

	draw_fill(t, y, x, cols, TE_NORMAL);
	for (size_t i = 0; i < l->nruns && x < end; i++) {
		const char *sep = strchr(run, CARD_RUN_SEP);
		char *text = xstrndup(run, sep ? (size_t)(sep - run) : strlen(run));
		int w = (int)text_width(text);
		struct col_place p = { 0, x, w < end - x ? w : end - x };

		columns_draw_cell(t, y, &p, COL_FREE, text, l->runs[i],
		    ALIGN_LEFT);
		free(text);
		x += w + CARD_RUN_GAP;
		if (sep == NULL)
			break;
		run = sep + 1;
	}
}

void
card_draw(struct tui *t, struct card *c, int y0, int height)
{
	int run = 0, w = card_width(t, c), x = c->x0;

	card_fit(c, w);
	c->nav.height = (size_t)height;
	listnav_fix(&c->nav);
	if (!c->loaded) {
		draw_text(t, y0 + 1, x + 2, w - 2, "Loading...", TE_NORMAL,
		    ALIGN_LEFT);
		return;
	}
	for (int i = 0; i < height && c->nav.top + (size_t)i < c->nav.n; i++) {
		const struct card_line *l = &c->lines[c->nav.top + (size_t)i];

		if (l->label == NULL) {
			trace_run(t, c, y0 + i - run, run);
			run = 0;
			draw_text(t, y0 + i, x + 1, w - 1, l->value, l->role,
			    ALIGN_LEFT);
			continue;
		}
		run++;
		/* the label's column ends a space before the value's */
		draw_text(t, y0 + i, x + LABEL_X, c->value_x - LABEL_X - 1, l->label,
		    TE_LABEL, ALIGN_LEFT);
		if (l->runs != NULL)
			draw_runs(t, l, y0 + i, x + c->value_x, w - c->value_x);
		else
			draw_text(t, y0 + i, x + c->value_x, w - c->value_x,
			    l->value, l->role, ALIGN_LEFT);
	}
	trace_run(t, c, y0 + (int)(c->nav.n - c->nav.top < (size_t)height ?
	    c->nav.n - c->nav.top : (size_t)height) - run, run);
}

bool
card_find(struct card *c, const char *text, int dir)
{
	size_t n = c->nav.n;

	for (size_t step = 1; text && step <= n; step++) {
		size_t k = (c->nav.top + n + (size_t)dir * step) % n;

		if (text_contains(c->lines[k].value, text) ||
		    text_contains(c->lines[k].label, text)) {
			listnav_set(&c->nav, k);
			return true;
		}
	}
	return false;
}
