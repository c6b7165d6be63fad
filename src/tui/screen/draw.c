/* All text reaches the screen through draw_text: sanitised, measured in
 * columns, cut without splitting a character. Roles, never raw colours. */
#include <string.h>

#include "keymap.h"
#include "trace.h"
#include "view.h"

static attr_t attrs_of[TE_COUNT];

static attr_t
curses_attrs(unsigned a)
{
	attr_t r = 0;

	if (a & THEME_BOLD) r |= A_BOLD;
	if (a & THEME_DIM) r |= A_DIM;
	if (a & THEME_UNDERLINE) r |= A_UNDERLINE;
	if (a & THEME_REVERSE) r |= A_REVERSE;
	if (a & THEME_ITALIC) r |= A_ITALIC;
	if (a & THEME_BLINK) r |= A_BLINK;
	return r;
}

void
draw_apply_theme(struct tui *t)
{
	struct kam_theme mono;
	const struct kam_theme *th = &t->theme;

	if (!t->colour) {
		theme_mono(&mono);
		th = &mono;
	}
	for (int e = 0; e < TE_COUNT; e++) {
		const struct theme_style *s = &th->style[e];

		attrs_of[e] = curses_attrs(s->attrs);
		if (!t->colour)
			continue;
		init_pair((short)(e + 1), theme_fit_colour(s->fg, COLORS),
		    theme_fit_colour(s->bg, COLORS));
		attrs_of[e] |= COLOR_PAIR(e + 1);
	}
	bkgdset(' ' | attrs_of[TE_NORMAL]);
}

attr_t
draw_attr(const struct tui *t, enum theme_elem e)
{
	(void)t;
	return attrs_of[e];
}

struct draw_ctx {
	attr_t	normal;
	attr_t	escaped;
};

static void
emit_screen(void *ctx, const char *s, size_t n, size_t cols, bool escaped)
{
	const struct draw_ctx *d = ctx;

	(void)cols;
	attrset(escaped ? d->escaped : d->normal);
	addnstr(s, (int)n);
}

void
draw_fill(struct tui *t, int y, int x, int cols, enum theme_elem role)
{
	if (cols <= 0)
		return;
	attrset(draw_attr(t, role));
	mvhline(y, x, ' ', cols);
}

void
draw_text(struct tui *t, int y, int x, int cols, const char *s,
    enum theme_elem role, enum text_align align)
{
	struct draw_ctx d = { draw_attr(t, role), draw_attr(t, TE_ESCAPED) };
	size_t width;

	if (cols <= 0)
		return;
	/* on a highlighted line an escape keeps the line's colours */
	if (role == TE_SELECTED || role == TE_STATUS || role == TE_TITLE)
		d.escaped = d.normal | A_UNDERLINE;
	width = s ? text_width(s) : 0;
	if (width > (size_t)cols)
		width = (size_t)cols;
	if (align == ALIGN_RIGHT && width < (size_t)cols) {
		draw_fill(t, y, x, cols - (int)width, role);
		x += cols - (int)width;
		cols = (int)width;
	}
	move(y, x);
	width = s ? text_walk(s, strlen(s), (size_t)cols, emit_screen, &d) : 0;
	draw_fill(t, y, x + (int)width, cols - (int)width, role);
}

static void
draw_too_small(struct tui *t)
{
	struct kam_buf msg;
	int y = t->rows / 2;

	buf_init(&msg);
	buf_addf(&msg, "Terminal too small: %dx%d, kam needs at least %dx%d.",
	    t->cols, t->rows, TUI_MIN_COLS, TUI_MIN_ROWS);
	draw_text(t, y > 0 ? y - 1 : 0, 0, t->cols, msg.data, TE_STATUS_ERROR,
	    ALIGN_LEFT);
	if (y + 1 < t->rows)
		draw_text(t, y + 1, 0, t->cols, "Enlarge the window, or press Q to quit.",
		    TE_NORMAL, ALIGN_LEFT);
	buf_free(&msg);
}

static void
draw_title(struct tui *t)
{
	struct kam_buf title;

	buf_init(&title);
	buf_adds(&title, "kam");
	if (t->top->ops->title != NULL) {
		buf_adds(&title, " - ");
		t->top->ops->title(t->top, t, &title);
	}
	draw_text(t, 0, 0, t->cols - 9, title.data, TE_TITLE, ALIGN_LEFT);
	draw_text(t, 0, t->cols - 9, 9, "? help ", TE_TITLE, ALIGN_RIGHT);
	buf_free(&title);
}

static const char *
db_state_text(const struct tui *t, struct kam_buf *b)
{
	double wait = (t->retry_at - now_ms()) / 1000.0;

	switch (t->dbstate) {
	case TDB_OK:
		return "db ok";
	case TDB_RESETTING:
		return "db reconnecting";
	case TDB_LOST:
		buf_addf(b, "db LOST, retry in %.0fs", wait > 0 ? wait + 0.5 : 0);
		return b->data;
	}
	return "";
}

static void
status_right(struct tui *t, struct kam_buf *out)
{
	static const char spin[] = "-\\|/";
	struct kam_buf db;

	buf_init(&db);
	if (t->busy && now_ms() - t->busy_since > 100)
		buf_addf(out, "[%c] working, Esc cancels  ", spin[t->spinner % 4]);
	buf_addf(out, "%s | %s | ", t->user.role_name, db_state_text(t, &db));
	tui_sync_status(t, out);
	buf_addc(out, ' ');
	buf_free(&db);
}

static void
draw_status(struct tui *t)
{
	struct kam_buf left, right;
	int y = t->rows - 2, rw;
	enum theme_elem role = t->dbstate != TDB_OK ? TE_STATUS_ERROR :
	    t->busy && now_ms() - t->busy_since > 100 ? TE_STATUS_BUSY : TE_STATUS;

	buf_init(&left);
	buf_init(&right);
	t->top->ops->status(t->top, t, &left);
	status_right(t, &right);
	rw = (int)text_width(right.data);
	if (rw > t->cols - 20)
		rw = t->cols - 20;
	draw_text(t, y, 0, t->cols - rw, left.data, TE_STATUS, ALIGN_LEFT);
	draw_text(t, y, t->cols - rw, rw, right.data, role, ALIGN_RIGHT);
	buf_free(&left);
	buf_free(&right);
}

static void
draw_bottom(struct tui *t)
{
	int y = t->rows - 1;
	char lead[2] = { t->prompt.lead, '\0' };
	struct textedit *ed = &t->prompt.ed;
	size_t col;

	if (t->ask.active) {
		draw_text(t, y, 0, t->cols, t->ask.question.data, TE_PROMPT, ALIGN_LEFT);
		curs_set(0);
		return;
	}
	if (!t->prompt.active) {
		draw_text(t, y, 0, t->cols, t->message.data,
		    t->message_error ? TE_STATUS_ERROR : TE_NORMAL, ALIGN_LEFT);
		if (t->cursor_on)
			move(t->cursor_y, t->cursor_x);
		curs_set(t->cursor_on);
		return;
	}
	col = textedit_view(ed, (size_t)t->cols - 1);
	draw_text(t, y, 0, 1, lead, TE_PROMPT, ALIGN_LEFT);
	draw_text(t, y, 1, t->cols - 1, ed->text.data + ed->scroll, TE_PROMPT,
	    ALIGN_LEFT);
	move(y, 1 + (int)col);
	curs_set(1);
}

void
draw_screen(struct tui *t)
{
	erase();
	if (t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS)
		draw_too_small(t);
	else {
		draw_title(t);
		t->cursor_on = false;
		t->top->ops->draw(t->top, t, 1, tui_body_rows(t));
		draw_status(t);
		draw_bottom(t);
	}
	refresh();
	trace_event(t->trace, "paint", t->busy || t->nqueued ? "busy" : "idle");
	t->dirty = false;
}
