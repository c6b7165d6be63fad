#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "columns.h"
#include "draw.h"
#include "kam/spark.h"
#include "table.h"
#include "text.h"
#include "kam/account_detail.h"
#include "kam/money.h"
#include "kam/words.h"
#include "kam/xalloc.h"

void
table_init(struct table *tb, const struct table_col *cols, int ncols,
    table_role role)
{
	memset(tb, 0, sizeof *tb);
	tb->key = -1;
	tb->cols = cols;
	tb->ncols = ncols;
	tb->role = role;
}

void
table_set_currency(struct table *tb, int field)
{
	tb->currency = field;
}

void
table_set_key(struct table *tb, int field)
{
	tb->key = field;
}

static void
forget_key(struct table *tb)
{
	free(tb->kept_key);
	tb->kept_key = NULL;
}

void
table_clear(struct table *tb)
{
	const char *id;

	if (tb->nav.n > 0) {
		tb->kept = tb->nav;
		id = tb->key < 0 ? NULL : acct_rows_get(&tb->rows, tb->nav.cursor,
		    (size_t)tb->key);
		forget_key(tb);
		tb->kept_key = id ? xstrdup(id) : NULL;
	}
	acct_rows_free(&tb->rows);
	tb->nav.n = 0;
	tb->loaded = tb->more = tb->fetching = false;
	tb->backwards = tb->head_missing = false;
}

void
table_seek(struct table *tb, const char *id)
{
	forget_key(tb);
	tb->kept_key = xstrdup(id);
	tb->kept.cursor = tb->kept.top = 0;
}

void
table_restart(struct table *tb)
{
	table_clear(tb);
	forget_key(tb);
	tb->nav.cursor = tb->nav.top = 0;
	tb->kept = tb->nav;
}

void
table_free(struct table *tb)
{
	table_clear(tb);
	forget_key(tb);
	free(tb->seen);
}

/* The row under the cursor as text: its id, else its line; "" for none. */
static void
cursor_row(const struct table *tb, struct kam_buf *out)
{
	const char *id;

	if (tb->nav.cursor >= tb->rows.nrows)
		return;
	if (tb->key >= 0 && (id = acct_rows_get(&tb->rows, tb->nav.cursor,
	    (size_t)tb->key)) != NULL)
		buf_addf(out, "k%s", id);
	else
		buf_addf(out, "n%zu", tb->nav.cursor);
}

bool
table_cursor_moved(struct table *tb)
{
	struct kam_buf now;
	bool moved;

	buf_init(&now);
	cursor_row(tb, &now);
	moved = tb->seen == NULL || strcmp(tb->seen, now.data) != 0;
	if (moved) {
		free(tb->seen);
		tb->seen = buf_detach(&now);
	}
	buf_free(&now);
	return moved;
}

/* a bar's cells, its percentage beside them */
#define TABLE_BAR_CELLS 8

static void
cell_text(const struct table *tb, size_t row, const struct table_col *c,
    const char *v, struct kam_buf *out)
{
	if (c->kind == TC_MONEY)
		money_format(out, v, acct_rows_get(&tb->rows, row,
		    (size_t)tb->currency));
	else if (c->kind == TC_YESNO)
		buf_adds(out, v == NULL ? "" : strcmp(v, "t") == 0 ? "yes" : "no");
	else if (c->kind == TC_WORDS)
		buf_adds(out, v ? words_of(v) : "");
	else if (c->kind == TC_CHANGES && v != NULL && strstr(v, WORDS_US))
		words_changes(out, v);
	else if (c->kind == TC_SPARK)
		spark_line(out, v, spark_unicode());
	else if (c->kind == TC_BAR)
		spark_bar(out, v, TABLE_BAR_CELLS, spark_unicode());
	else
		buf_adds(out, v ? v : "");
}

/* The first column stays when the others scroll: it says which row. */
#define TABLE_FROZEN 1

/* Each column as wide as its title and the cells of the rows shown. */
static void
lay_out(struct tui *t, struct table *tb)
{
	struct col_layout *l = &tb->layout;
	struct kam_buf text;
	int n = tb->ncols < COLUMNS_MAX ? tb->ncols : COLUMNS_MAX;
	size_t end = tb->nav.top + tb->nav.height;

	buf_init(&text);
	for (int i = 0; i < n; i++) {
		const struct table_col *c = &tb->cols[i];

		columns_want(l, i, c->title, c->fit, c->width);
		for (size_t r = tb->nav.top; r < end && r < tb->nav.n; r++) {
			buf_reset(&text);
			cell_text(tb, r, c, acct_rows_get(&tb->rows, r,
			    (size_t)c->field), &text);
			columns_measure(l, i, text.data);
		}
	}
	buf_free(&text);
	columns_layout(l, n, TABLE_FROZEN, tb->width > 0 ? tb->width : t->cols);
	for (int i = 0; i < l->n; i++)
		l->place[i].x += tb->x0;
}

void
table_place(struct table *tb, int x0, int width)
{
	tb->x0 = x0;
	tb->width = width;
}

static void
draw_cells(struct tui *t, const struct table *tb, int y, size_t row)
{
	bool header = row == (size_t)-1, selected = row == tb->nav.cursor;
	struct kam_buf text;

	buf_init(&text);
	for (int i = 0; i < tb->layout.n; i++) {
		const struct table_col *c = &tb->cols[tb->layout.place[i].col];
		const char *v = header ? c->title : acct_rows_get(&tb->rows, row,
		    (size_t)c->field);
		enum theme_elem role = header ? TE_HEADER : selected ? TE_SELECTED :
		    tb->role ? tb->role(&tb->rows, row, c->field) : TE_NORMAL;

		buf_reset(&text);
		if (header)
			buf_adds(&text, v);
		else
			cell_text(tb, row, c, v, &text);
		columns_draw_cell(t, y, &tb->layout.place[i], c->fit, text.data, role,
		    c->align);
	}
	buf_free(&text);
}

void
table_draw(struct tui *t, struct table *tb, int y0, int height,
    const char *empty)
{
	int width = tb->width > 0 ? tb->width : t->cols;

	tb->y0 = y0;
	tb->nav.height = (size_t)(height > 1 ? height - 1 : 1);
	listnav_fix(&tb->nav);
	lay_out(t, tb);
	draw_fill(t, y0, tb->x0, width, TE_HEADER);
	draw_cells(t, tb, y0, (size_t)-1);
	columns_draw_marker(t, &tb->layout, y0, TE_HEADER);
	columns_trace(t, tb->layout.place, tb->layout.n, y0, height);
	if (tb->nav.n == 0) {
		draw_text(t, y0 + 2, tb->x0 + 2, width - 2, tb->loaded ? empty : "Loading...",
		    TE_NORMAL, ALIGN_LEFT);
		return;
	}
	for (int i = 0; i + 1 < height && tb->nav.top + (size_t)i < tb->nav.n; i++) {
		size_t row = tb->nav.top + (size_t)i;

		draw_fill(t, y0 + 1 + i, tb->x0, width,
		    row == tb->nav.cursor ? TE_SELECTED : TE_NORMAL);
		draw_cells(t, tb, y0 + 1 + i, row);
	}
}

bool
table_scroll(struct table *tb, enum kam_action a)
{
	if (a != ACT_SCROLL_LEFT && a != ACT_SCROLL_RIGHT)
		return false;
	columns_scroll(&tb->layout, a == ACT_SCROLL_RIGHT ? 1 : -1);
	return true;
}

/* After a reload: the cursor on the row it was on, at the same height on
 * the screen; a row that has gone leaves it on its line. While the pages
 * come (table_restoring) the cursor waits on the last row read. */
static void
back_to_kept(struct table *tb)
{
	size_t height = tb->kept.cursor - tb->kept.top;

	for (size_t r = 0; tb->kept_key != NULL && r < tb->rows.nrows; r++) {
		const char *id = acct_rows_get(&tb->rows, r, (size_t)tb->key);

		if (id != NULL && strcmp(id, tb->kept_key) == 0) {
			tb->nav.cursor = r;
			tb->nav.top = r > height ? r - height : 0;
			tb->kept.cursor = tb->kept.top = 0;
			forget_key(tb);
			return;
		}
	}
	if (table_restoring(tb)) {
		tb->nav.cursor = tb->rows.nrows ? tb->rows.nrows - 1 : 0;
		return;
	}
	tb->nav.cursor = tb->kept.cursor;
	tb->nav.top = tb->kept.top;
	tb->kept.cursor = tb->kept.top = 0;
	forget_key(tb);
}

bool
table_restoring(const struct table *tb)
{
	return tb->more && !tb->backwards &&
	    (tb->kept.cursor > 0 || tb->kept_key != NULL) &&
	    tb->rows.nrows <= tb->kept.cursor;
}

void
table_take(struct table *tb, struct acct_rows *page, int page_size)
{
	tb->more = page_size > 0 && page->nrows >= (size_t)page_size;
	acct_rows_append(&tb->rows, page);
	tb->nav.n = tb->rows.nrows;
	tb->loaded = true;
	tb->fetching = false;
	if (tb->kept.cursor > 0 || tb->kept_key != NULL)
		back_to_kept(tb);
	listnav_fix(&tb->nav);
}

void
table_take_before(struct table *tb, struct acct_rows *page, int page_size)
{
	size_t added = page->nrows;
	bool last = tb->rows.nrows == 0;

	if (!last)
		acct_rows_append(page, &tb->rows);	/* empties tb->rows */
	acct_rows_free(&tb->rows);
	tb->rows = *page;
	memset(page, 0, sizeof *page);
	tb->head_missing = page_size > 0 && added >= (size_t)page_size;
	tb->nav.n = tb->rows.nrows;
	tb->loaded = true;
	tb->fetching = tb->backwards = false;
	if (last) {
		tb->more = false;
		tb->nav.cursor = tb->nav.n - (tb->from_end < tb->nav.n ?
		    tb->from_end : tb->nav.n);
		tb->nav.top = tb->nav.cursor;	/* listnav_fix shows the rows above */
		tb->from_end = 0;
		tb->kept.cursor = tb->kept.top = 0;
	} else {
		tb->nav.cursor += added;
		tb->nav.top += added;
	}
	listnav_fix(&tb->nav);
}

bool
table_wants_before(const struct table *tb)
{
	return tb->head_missing && !tb->fetching && tb->nav.cursor < tb->nav.height;
}

bool
table_wants_more(const struct table *tb)
{
	return tb->more && !tb->fetching &&
	    tb->nav.cursor + tb->nav.height * 2 >= tb->nav.n;
}

static bool
row_matches(const struct table *tb, size_t row, const char *text)
{
	for (int i = 0; i < tb->ncols; i++)
		if (text_contains(acct_rows_get(&tb->rows, row,
		    (size_t)tb->cols[i].field), text))
			return true;
	return false;
}

bool
table_find(struct table *tb, const char *text, int dir, bool here)
{
	size_t n = tb->nav.n;

	if (n == 0)	/* nothing to find, and no row count to wrap by */
		return false;
	for (size_t step = here ? 0 : 1; text && step <= n; step++) {
		size_t k = (tb->nav.cursor + n + (size_t)dir * step) % n;

		if (row_matches(tb, k, text)) {
			listnav_set(&tb->nav, k);
			return true;
		}
	}
	return false;
}

bool
table_click(struct table *tb, int y)
{
	size_t row;

	if (y <= tb->y0)
		return false;
	row = tb->nav.top + (size_t)(y - tb->y0 - 1);
	if (row >= tb->nav.n)
		return false;
	if (row == tb->nav.cursor)
		return true;
	listnav_set(&tb->nav, row);
	return false;
}

void
table_status(const struct table *tb, const char *what, struct kam_buf *out)
{
	buf_addf(out, " %s: ", what);
	if (tb->nav.n == 0)
		buf_adds(out, tb->loaded ? "none" : "...");
	else if (tb->head_missing)
		buf_addf(out, "row %zu of the last %zu", tb->nav.cursor + 1,
		    tb->nav.n);
	else
		buf_addf(out, "row %zu of %zu%s", tb->nav.cursor + 1, tb->nav.n,
		    tb->more ? "+" : "");
}
