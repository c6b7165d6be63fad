/* Column widths: whole values keep their width, free text narrows widest
 * first, and columns go off the right edge (for scrolling) rather than
 * being cut. Widths are display columns: a wide character counts two. */
#include "columns.h"
#include "draw.h"
#include "trace.h"

/* A space, then "<" and ">": the marker at the header's end. */
#define MARKER_COLS 3

static int
least_of(const struct col_want *c)
{
	int least = c->least > 0 ? c->least : COL_FREE_LEAST;

	return least < c->natural ? least : c->natural;
}

/* The free column that narrows next: the widest above its least. */
static int
widest_free(const struct col_want *want, const int *cand, const int *w, int m)
{
	int best = -1;

	for (int i = 0; i < m; i++)
		if (want[cand[i]].fit == COL_FREE && w[i] > least_of(&want[cand[i]]) &&
		    (best < 0 || w[i] > w[best]))
			best = i;
	return best;
}

/* What column i narrows to in one step: the width of the next widest
 * free column, or its least. */
static int
narrower(const struct col_want *want, const int *cand, const int *w, int m,
    int i)
{
	int to = least_of(&want[cand[i]]);

	for (int k = 0; k < m; k++)
		if (k != i && want[cand[k]].fit == COL_FREE && w[k] > to && w[k] <= w[i])
			to = w[k];
	return to;
}

/* Widths w for the m columns cand in width: free text narrowed as far as
 * needed, what is left over to the last free column. False when they do
 * not fit even so. */
static bool
fit(const struct col_want *want, const int *cand, int m, int width, int *w)
{
	int total = m > 0 ? m - 1 : 0, i, last_free = -1;

	for (i = 0; i < m; i++) {
		w[i] = want[cand[i]].natural;
		total += w[i];
		if (want[cand[i]].fit == COL_FREE)
			last_free = i;
	}
	while (total > width && (i = widest_free(want, cand, w, m)) >= 0) {
		int cut = w[i] - narrower(want, cand, w, m, i);

		cut = cut < 1 ? 1 : cut > total - width ? total - width : cut;
		w[i] -= cut;
		total -= cut;
	}
	if (total > width)
		return false;
	if (last_free >= 0)
		w[last_free] += width - total;
	return true;
}

/* How many of the m candidates fit in width (their widths in w): the
 * frozen ones and one more at least, or when even those do not fit, the
 * one scrolled to alone: a column wider than the screen is better cut
 * than never seen. */
static int
fit_most(const struct col_want *want, int *cand, int m, int frozen,
    int width, int *w)
{
	while (m > frozen + 1 && !fit(want, cand, m, width, w))
		m--;
	if (frozen > 0 && m == frozen + 1 && !fit(want, cand, m, width, w)) {
		cand[0] = cand[frozen];
		m = 1;
	}
	fit(want, cand, m, width, w);
	return m;
}

/* The candidates at scroll skip: every column at 0; else the frozen
 * ones, then those from the skip-th after them on (the first step only
 * holds the frozen ones: they may give way to the next). */
static int
candidates(const struct col_layout *l, int *cand)
{
	int m = 0, from = l->skip > 0 ? l->frozen + l->skip - 1 : 0;

	for (int c = 0; c < l->ncols; c++)
		if ((l->skip > 0 && c < l->frozen) || c >= from)
			cand[m++] = c;
	return m;
}

void
columns_layout(struct col_layout *l, int ncols, int frozen, int width)
{
	int cand[COLUMNS_MAX] = { 0 }, w[COLUMNS_MAX] = { 0 }, m, x = 0;

	l->ncols = ncols < COLUMNS_MAX ? ncols : COLUMNS_MAX;
	l->frozen = frozen < l->ncols ? frozen : l->ncols;
	l->width = width;
	m = candidates(l, cand);
	if (l->skip > 0 || !fit(l->want, cand, m, width, w))
		m = fit_most(l->want, cand, m, l->skip > 0 ? l->frozen : 0,
		    width - MARKER_COLS, w);
	l->n = m;
	for (int i = 0; i < m; i++) {
		l->place[i] = (struct col_place){ cand[i], x, w[i] };
		x += w[i] + 1;
	}
	/* the columns placed are in order: a gap in them lies off the left */
	l->more_right = m > 0 && cand[m - 1] < l->ncols - 1;
	l->more_left = m > 0 && cand[m - 1] + 1 > m;
}

void
columns_want(struct col_layout *l, int col, const char *title,
    enum col_fit fit, int least)
{
	l->want[col] = (struct col_want){ 0, least, fit };
	columns_measure(l, col, title);
}

void
columns_measure(struct col_layout *l, int col, const char *s)
{
	int w = (int)text_width(s);

	if (w > l->want[col].natural)
		l->want[col].natural = w;
}

void
columns_draw_marker(struct tui *t, const struct col_layout *l, int y,
    enum theme_elem role)
{
	char mark[3] = { l->more_left ? '<' : ' ', l->more_right ? '>' : ' ', '\0' };

	if (l->more_left || l->more_right)
		draw_text(t, y, t->cols - 2, 2, mark, role, ALIGN_LEFT);
}

void
columns_draw_cell(struct tui *t, int y, const struct col_place *p,
    enum col_fit fit, const char *s, enum theme_elem role,
    enum text_align align)
{
	int w = p->x + p->w > t->cols ? t->cols - p->x : p->w;

	if (fit == COL_FREE && w > 1 && s != NULL && (int)text_width(s) > w) {
		draw_text(t, y, p->x, w - 1, s, role, ALIGN_LEFT);
		draw_text(t, y, p->x + w - 1, 1, "\xe2\x80\xa6", role, ALIGN_LEFT);
		return;
	}
	draw_text(t, y, p->x, w, s, role, align);
}

void
columns_trace(struct tui *t, const struct col_place *place, int n, int y,
    int rows)
{
	struct kam_buf b;

	if (t->trace == NULL || rows <= 0)
		return;
	buf_init(&b);
	buf_addf(&b, "%d %d", y, rows);
	for (int i = 0; i < n; i++)
		buf_addf(&b, " %d+%d", place[i].x, place[i].w);
	trace_event(t->trace, "columns", b.data);
	buf_free(&b);
}

/* The first column placed that scrolls (not held). */
static int
first_scrolled(const struct col_layout *l)
{
	for (int i = 0; i < l->n; i++)
		if (l->skip == 0 || l->place[i].col >= l->frozen)
			return l->place[i].col;
	return l->ncols;
}

void
columns_scroll(struct col_layout *l, int dir)
{
	struct col_layout next = *l;
	int last = l->n > 0 ? l->place[l->n - 1].col : -1;
	int first = first_scrolled(l);

	if (dir > 0 ? !l->more_right : l->skip == 0)
		return;
	for (next.skip = l->skip + dir; next.skip >= 0 && next.skip <= l->ncols;
	    next.skip += dir) {
		columns_layout(&next, l->ncols, l->frozen, l->width);
		if (dir > 0 ? next.place[next.n - 1].col > last :
		    next.skip == 0 || first_scrolled(&next) < first) {
			l->skip = next.skip;
			return;
		}
	}
}
