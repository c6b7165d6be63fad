/* The frame around the view in front: the title line, the status line
 * and the bottom line. The status line holds the view's part on the
 * left; the work in progress, the user's role, the database's state and
 * the sync's on the right, in an alarm colour while the database is
 * away. */
#include <string.h>

#include "client.h"
#include "kam/mono.h"
#include "draw.h"
#include "keymap.h"
#include "message.h"
#include "services.h"
#include "status_line.h"
#include "sync_command.h"
#include "trace.h"
#include "kam/xalloc.h"

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
	/* the hint makes room for the title */
	if ((int)text_width(title.data) > t->cols - 9)
		draw_text(t, 0, 0, t->cols, title.data, TE_TITLE, ALIGN_LEFT);
	else {
		draw_text(t, 0, 0, t->cols - 9, title.data, TE_TITLE, ALIGN_LEFT);
		draw_text(t, 0, t->cols - 9, 9, "? help ", TE_TITLE, ALIGN_RIGHT);
	}
	buf_free(&title);
}

static const char *
db_state_text(const struct tui *t, struct kam_buf *b)
{
	double wait = (t->retry_at - mono_ms()) / 1000.0;

	switch (t->dbstate) {
	case TDB_OK:
		/* live.c said why on the bottom line */
		return t->live.told && !t->live.ready ? "db ok, not live" : "db ok";
	case TDB_RESETTING:
		return "db reconnecting";
	case TDB_LOST:
		buf_addf(b, "db LOST, retry in %.0fs", wait > 0 ? wait + 0.5 : 0);
		return b->data;
	}
	return "";
}

/* The status fields: the work in progress, the database's state, and as
 * many as keep of the sync and the role. The role goes first: the title
 * names the user too, while a running sync's progress is seen nowhere
 * else. */
static void
status_right(struct tui *t, int keep, struct kam_buf *out)
{
	static const char spin[] = "-\\|/";
	struct kam_buf db;

	buf_init(&db);
	buf_reset(out);
	if (t->busy && mono_ms() - t->busy_since > 100)
		buf_addf(out, "[%c] working, Esc cancels  ", spin[t->spinner % 4]);
	if (keep > 1)
		buf_addf(out, "%s | ", t->user.role_name);
	buf_adds(out, db_state_text(t, &db));
	if (keep > 0) {
		buf_adds(out, " | ");
		tui_sync_status(t, out);
	}
	buf_addc(out, ' ');
	buf_free(&db);
}

/* The view's part with its first keep hints: "part |  L log  e edit". */
static void
with_hints(const char *part, int keep, struct kam_buf *out)
{
	const char *h = strchr(part, KEYMAP_HINT), *end;

	buf_reset(out);
	buf_add(out, part, h ? (size_t)(h - part) : strlen(part));
	if (h != NULL && keep > 0 && out->len > 0)
		buf_adds(out, " |");
	for (; h != NULL && keep-- > 0; h = end) {
		end = strchr(h + 1, KEYMAP_HINT);
		buf_adds(out, out->len > 0 ? "  " : " ");
		buf_add(out, h + 1, end ? (size_t)(end - h - 1) : strlen(h + 1));
	}
}

/* The view's part in cols: its key hints go, the last first, before it
 * would run into the status fields. */
static void
status_left(const char *part, int cols, struct kam_buf *out)
{
	int keep = 0;

	for (const char *h = strchr(part, KEYMAP_HINT); h; h = strchr(h + 1, KEYMAP_HINT))
		keep++;
	do
		with_hints(part, keep, out);
	while (keep-- > 0 && (int)text_width(out->data) > cols);
}

static void
draw_status(struct tui *t)
{
	struct kam_buf part, left, right;
	int y = t->rows - 1 - tui_message_rows(t), rw = 0;
	enum theme_elem role = t->dbstate != TDB_OK ? TE_STATUS_ERROR :
	    t->busy && mono_ms() - t->busy_since > 100 ? TE_STATUS_BUSY : TE_STATUS;

	buf_init(&part);
	buf_init(&left);
	buf_init(&right);
	t->top->ops->status(t->top, t, &part);
	/* the hints go first, then the role's and the sync's fields; a space
	 * always parts the two sides */
	for (int keep = 2; keep >= 0; keep--) {
		status_right(t, keep, &right);
		rw = (int)text_width(right.data);
		if (rw > t->cols - 20)
			rw = t->cols - 20;
		status_left(part.data, t->cols - rw - 1, &left);
		if ((int)text_width(left.data) <= t->cols - rw - 1)
			break;
	}
	draw_text(t, y, 0, t->cols - rw - 1, left.data, TE_STATUS, ALIGN_LEFT);
	draw_fill(t, y, t->cols - rw - 1, 1, TE_STATUS);
	draw_text(t, y, t->cols - rw, rw, right.data, role, ALIGN_RIGHT);
	buf_free(&part);
	buf_free(&left);
	buf_free(&right);
}

/* The message or question, wrapped onto the lines it has. */
static void
draw_message(struct tui *t, enum theme_elem role)
{
	int rows = tui_message_rows(t);
	char **lines;
	size_t n = tui_message_lines(t, &lines);

	for (int i = 0; i < rows; i++)
		draw_text(t, t->rows - rows + i, 0, t->cols,
		    (size_t)i < n ? lines[i] : "", role, ALIGN_LEFT);
	strv_free(lines, n);
}

static void
draw_bottom(struct tui *t)
{
	int y = t->rows - 1;
	char lead[2] = { t->prompt.lead, '\0' };
	struct textedit *ed = &t->prompt.ed;
	size_t col;

	if (t->ask.active) {
		draw_message(t, TE_PROMPT);
		draw_cursor(0, 0, false);
		return;
	}
	if (!t->prompt.active) {
		draw_message(t, t->message_error ? TE_STATUS_ERROR : TE_NORMAL);
		draw_cursor(t->cursor_y, t->cursor_x, t->cursor_on);
		return;
	}
	col = textedit_view(ed, (size_t)t->cols - 1);
	draw_text(t, y, 0, 1, lead, TE_PROMPT, ALIGN_LEFT);
	draw_text(t, y, 1, t->cols - 1, ed->text.data + ed->scroll, TE_PROMPT,
	    ALIGN_LEFT);
	draw_cursor(y, 1 + (int)col, true);
}

void
draw_screen(struct tui *t)
{
	draw_erase();
	if (t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS)
		draw_too_small(t);
	else {
		draw_title(t);
		t->cursor_on = false;
		t->top->ops->draw(t->top, t, 1, tui_body_rows(t));
		draw_status(t);
		draw_bottom(t);
	}
	draw_refresh();
	trace_event(t->trace, "paint", t->busy || t->nqueued ? "busy" : "idle");
	t->dirty = false;
}
