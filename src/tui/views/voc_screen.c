/* The cloud (V, :voc): the topics customers raised in a period, each a
 * word with its count, in three weights by how often it was raised and
 * in the colour of its tone (green praise, orange ideas, red complaints)
 * after a marker (+ ~ !) that says the same without colour; beside it at
 * 120 columns, below it at 80, the open items by due time in the table
 * widget, overdue ones marked. One statement a paint (voc_screen_send:
 * kam.voc_cloud and kam.voc_open, which kam --voc reads too). Tab moves
 * between the cloud and the list; Enter lists a topic's entries or shows
 * an item in full on its account; R on a topic opens an announcement to
 * everyone who raised it (announce_screen.c). M shows the loop's measures
 * (kam.voc_measures) in the list's place, and the list again. On a wall
 * (t->wall) nothing is selected. An item that falls overdue while shown
 * reads the screen again at its due time (wake), with no change in the
 * database to tell it. */
#include <stdlib.h>
#include <string.h>

#include "account_screen.h"
#include "announce_screen.h"
#include "client.h"
#include "draw.h"
#include "listnav.h"
#include "message.h"
#include "requests.h"
#include "services.h"
#include "table.h"
#include "table_tab.h"
#include "voc_screen.h"
#include "kam/countof.h"
#include "kam/mono.h"
#include "kam/xalloc.h"

#define OPEN_LIMIT	200
#define WIDE_COLS	120	/* the list beside the cloud from here */
#define GAP		2	/* columns between two words */

struct voc_view {
	struct view	 v;
	struct acct_rows topics;	/* the rows of part "topic" */
	struct table	 open;		/* the rows of part "open" */
	struct table	 measures;	/* the rows of part "measure" */
	bool		 show_measures;	/* M: the measures in the list's place */
	size_t		 cursor;	/* the topic under the cursor */
	size_t		 top;		/* the cloud's first line shown */
	bool		 on_list;	/* Tab: the list has the cursor */
	bool		 loaded;
	double		 wake_at;	/* mono_ms: the next item falls due */
	int		 cloud_y, cloud_x, cloud_h;	/* the paint under way */
};

#define VV(v) ((struct voc_view *)(v))

static const struct table_col open_cols[] = {
	{ "Due", VS_DUE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Mark", VS_MARK, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Account", VS_ACCOUNT, 10, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Kind", VS_KIND, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "State", VS_STATE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Subject", VS_SUBJECT, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
};

static const struct table_col measure_cols[] = {
	{ "Measure", VS_TOPIC, 10, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Value", VS_STATE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
};

static enum theme_elem
open_role(const struct acct_rows *r, size_t row, int field)
{
	(void)field;
	return table_cell_is(r, row, VS_MARK, "overdue") ?
	    TE_AGENDA_OVERDUE : TE_NORMAL;
}

/* strong from two thirds of the most raised topic's count, faint below
 * a third */
static int
weight_of(long items, long most)
{
	return 3 * items >= 2 * most ? 0 : 3 * items < most ? 2 : 1;
}

static long
items_of(const struct acct_rows *r, size_t i)
{
	const char *s = acct_rows_get(r, i, VS_ITEMS);

	return s ? strtol(s, NULL, 10) : 0;
}

/* "! Delivery 3" */
static void
word_text(const struct acct_rows *r, size_t i, struct kam_buf *out,
    enum theme_elem *role)
{
	const char *topic = acct_rows_get(r, i, VS_TOPIC);
	const char *marker = theme_voc_tone(acct_rows_get(r, i, VS_TONE),
	    role);

	buf_reset(out);
	buf_addf(out, "%s %s %ld", marker, topic ? topic : "(no topic)",
	    items_of(r, i));
	*role = (enum theme_elem)((int)*role + weight_of(items_of(r, i),
	    items_of(r, 0)));
}

/* Where word i goes: its line and column in a cloud cols wide; calls
 * put for each (NULL: only counts). Returns the lines used. */
typedef void (*word_put)(struct voc_view *vv, struct tui *t, size_t i,
    size_t line, size_t x, size_t w, const char *text, enum theme_elem role);

static size_t
lay_out(struct voc_view *vv, struct tui *t, size_t cols, word_put put,
    size_t *cursor_line)
{
	struct kam_buf text;
	enum theme_elem role;
	size_t line = 0, x = 0;

	buf_init(&text);
	for (size_t i = 0; i < vv->topics.nrows; i++) {
		size_t w;

		word_text(&vv->topics, i, &text, &role);
		w = text_width(text.data);
		if (w > cols)
			w = cols;
		if (x > 0 && x + w > cols) {
			line++;
			x = 0;
		}
		if (i == vv->cursor && cursor_line != NULL)
			*cursor_line = line;
		if (put != NULL)
			put(vv, t, i, line, x, w, text.data, role);
		x += w + GAP;
	}
	buf_free(&text);
	return vv->topics.nrows > 0 ? line + 1 : 0;
}


static void
put_word(struct voc_view *vv, struct tui *t, size_t i, size_t line,
    size_t x, size_t w, const char *text, enum theme_elem role)
{
	if (line < vv->top || line >= vv->top + (size_t)vv->cloud_h)
		return;
	if (i == vv->cursor && !vv->on_list && !t->wall)
		role = TE_SELECTED;
	draw_text(t, vv->cloud_y + (int)(line - vv->top), vv->cloud_x + (int)x,
	    (int)w, text, role, ALIGN_LEFT);
}

static void
draw_cloud(struct voc_view *vv, struct tui *t, int y, int x, int cols,
    int height)
{
	size_t cursor_line = 0, lines;

	for (int i = 0; i < height; i++)
		draw_fill(t, y + i, x, cols, TE_NORMAL);
	if (!vv->loaded || vv->topics.nrows == 0) {
		draw_text(t, y, x, cols, vv->loaded ? "No feedback in this period." :
		    "Reading...", TE_NORMAL, ALIGN_LEFT);
		return;
	}
	lines = lay_out(vv, t, (size_t)cols, NULL, &cursor_line);
	if (cursor_line < vv->top)
		vv->top = cursor_line;
	else if (cursor_line >= vv->top + (size_t)height)
		vv->top = cursor_line - (size_t)height + 1;
	if (vv->top + (size_t)height > lines)
		vv->top = lines > (size_t)height ? lines - (size_t)height : 0;
	vv->cloud_y = y;
	vv->cloud_x = x;
	vv->cloud_h = height;
	lay_out(vv, t, (size_t)cols, put_word, NULL);
}

/* The table in the list's place: the open items or the measures. */
static struct table *
list_of(struct voc_view *vv)
{
	return vv->show_measures ? &vv->measures : &vv->open;
}

static void
voc_draw(struct view *v, struct tui *t, int y0, int height)
{
	struct voc_view *vv = VV(v);
	struct kam_buf head;
	bool wide = t->cols >= WIDE_COLS;
	int cloud_cols = wide ? t->cols * 11 / 20 : t->cols;
	int cloud_h = wide ? height - 1 : (height - 1) / 2;
	int list_x = wide ? cloud_cols + 1 : 0;
	int list_y = wide ? y0 : y0 + 1 + cloud_h;

	buf_init(&head);
	buf_addf(&head, "Topics: + praise  ~ idea  ! complaint");
	draw_text(t, y0, 0, cloud_cols, head.data, TE_LABEL, ALIGN_LEFT);
	draw_cloud(vv, t, y0 + 1, 0, cloud_cols - (wide ? 1 : 0), cloud_h);
	if (wide)
		draw_fill(t, y0, cloud_cols, 1, TE_NORMAL);
	buf_reset(&head);
	if (vv->show_measures)
		buf_adds(&head, "Measures of the loop (M: open items)");
	else
		buf_addf(&head, "Open items, first due first (%zu)",
		    vv->open.rows.nrows);
	draw_text(t, list_y, list_x, t->cols - list_x, head.data, TE_LABEL,
	    ALIGN_LEFT);
	buf_free(&head);
	if (wide)
		for (int i = 1; i < height; i++)
			draw_fill(t, y0 + i, cloud_cols, 1, TE_NORMAL);
	table_place(list_of(vv), list_x, t->cols - list_x);
	table_draw(t, list_of(vv), list_y + 1, y0 + height - list_y - 1,
	    vv->show_measures ? "Reading..." : "No open items.");
}

/* The cloud moves word by word; the list as any table. */
static bool
step(struct voc_view *vv, enum kam_action a)
{
	size_t n = vv->topics.nrows;

	if (vv->on_list)
		return listnav_act(&list_of(vv)->nav, a) ||
		    table_scroll(list_of(vv), a);
	if (a == ACT_MOVE_DOWN || a == ACT_MOVE_RIGHT)
		vv->cursor = vv->cursor + 1 < n ? vv->cursor + 1 : vv->cursor;
	else if (a == ACT_MOVE_UP || a == ACT_MOVE_LEFT)
		vv->cursor = vv->cursor > 0 ? vv->cursor - 1 : 0;
	else if (a == ACT_MOVE_FIRST)
		vv->cursor = 0;
	else if (a == ACT_MOVE_LAST)
		vv->cursor = n > 0 ? n - 1 : 0;
	else
		return false;
	return true;
}

static void
enter(struct voc_view *vv, struct tui *t)
{
	const struct acct_rows *o = &vv->open.rows;
	size_t i = vv->open.nav.cursor;

	if (!vv->on_list && vv->cursor < vv->topics.nrows)
		view_voc_entries_show(t, acct_rows_get(&vv->topics, vv->cursor,
		    VS_TOPIC));
	else if (vv->on_list && !vv->show_measures && i < o->nrows)
		view_account_open_entry(t, acct_rows_get(o, i, VS_ACCOUNT_ID),
		    acct_rows_get(o, i, VS_ACCOUNT), acct_rows_get(o, i, VS_ID));
}

/* R on a topic: an announcement to everyone who raised it. */
static void
announce(struct voc_view *vv, struct tui *t)
{
	const char *topic = acct_rows_get(&vv->topics, vv->cursor, VS_TOPIC);

	if (vv->on_list || vv->cursor >= vv->topics.nrows)
		tui_message(t, true, "R on a topic of the cloud announces; an "
		    "item is answered on its account (Enter, then R).");
	else if (topic == NULL)
		tui_message(t, true, "Entries without a topic cannot be "
		    "announced to: give them one (T on the Feedback tab).");
	else
		view_announce_show(t, topic);
}

static bool
voc_action(struct view *v, struct tui *t, enum kam_action a)
{
	struct voc_view *vv = VV(v);

	if (a == ACT_TAB_NEXT || a == ACT_TAB_PREV)
		vv->on_list = !vv->on_list;
	else if (a == ACT_ENTER)
		enter(vv, t);
	else if (a == ACT_FEEDBACK_ANSWER && !t->wall)
		announce(vv, t);
	else if (a == ACT_FILTER_MINE) {
		t->voc.reach = (enum voc_reach)(((int)t->voc.reach + 1) % VOC_NREACH);
		tui_reload(t, v);
	} else if (a == ACT_VOC_MEASURES) {
		vv->show_measures = !vv->show_measures;
		tui_reload(t, v);
	} else if (!step(vv, a))
		return false;
	t->dirty = true;
	return true;
}

static void
voc_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	struct voc_view *vv = VV(v);

	(void)t;
	buf_addf(out, "Cloud: %zu topics, %zu open%s", vv->topics.nrows,
	    vv->open.rows.nrows, vv->on_list ? " | list" : "");
}

static void
voc_title(struct view *v, struct tui *t, struct kam_buf *out)
{
	(void)v;
	buf_adds(out, "Voice of the customer, ");
	voc_state_describe(out, &t->voc, &t->user);
}

static void
voc_reload(struct view *v, struct tui *t)
{
	VV(v)->wake_at = 0;
	table_clear(&VV(v)->open);
	table_clear(&VV(v)->measures);
	req_submit(t, v, 0, 0);
}

static bool
voc_send(struct view *v, struct tui *t, int slot, int arg)
{
	struct voc_scope s;

	(void)slot;
	(void)arg;
	voc_state_scope(&t->voc, &t->user, &s);
	return voc_screen_send(t->db, &s, OPEN_LIMIT, VV(v)->show_measures);
}

/* When the first of the open items still ahead of its due time falls
 * overdue (0: none is), from the wait the server counted. */
static double
next_due(const struct acct_rows *open)
{
	long least = -1;

	for (size_t r = 0; r < open->nrows; r++) {
		const char *s = acct_rows_get(open, r, VS_WAKE);
		long ms = s != NULL ? strtol(s, NULL, 10) : -1;

		if (ms >= 0 && (least < 0 || ms < least))
			least = ms;
	}
	/* the server's "overdue" is due < now(): a moment after */
	return least < 0 ? 0 : mono_ms() + (double)least + 1;
}

static double
voc_wake(struct view *v)
{
	return VV(v)->wake_at;
}

/* The rows of one part, moved out of all (which keeps the rest). */
static void
take_part(struct acct_rows *all, const char *part, struct acct_rows *out)
{
	size_t nc = all->ncols, n = 0;

	*out = (struct acct_rows){ .ncols = nc };
	out->cell = xcalloc(all->nrows * nc + 1, sizeof *out->cell);
	for (size_t r = 0; r < all->nrows; r++) {
		if (!table_cell_is(all, r, VS_PART, part))
			continue;
		memcpy(out->cell + n * nc, all->cell + r * nc, nc * sizeof *out->cell);
		memset(all->cell + r * nc, 0, nc * sizeof *out->cell);
		n++;
	}
	out->nrows = n;
}

static void
voc_recv(struct view *v, struct tui *t, int slot, int arg)
{
	struct voc_view *vv = VV(v);
	struct acct_rows all, open, measures;

	(void)slot;
	(void)arg;
	vv->loaded = true;
	if (!acct_rows_recv(t->db, &all)) {
		vv->open.loaded = vv->measures.loaded = true;
		tui_db_error(t);
		return;
	}
	acct_rows_free(&vv->topics);
	take_part(&all, "topic", &vv->topics);
	take_part(&all, "open", &open);
	take_part(&all, "measure", &measures);
	acct_rows_free(&all);
	if (vv->cursor >= vv->topics.nrows)
		vv->cursor = vv->topics.nrows > 0 ? vv->topics.nrows - 1 : 0;
	vv->wake_at = next_due(&open);
	table_take(&vv->open, &open, 0);
	acct_rows_free(&open);
	table_take(&vv->measures, &measures, 0);
	acct_rows_free(&measures);
}

static bool
voc_command(struct view *v, struct tui *t, const struct cmd *c)
{
	(void)v;
	if (c->kind != CMD_VOC)
		return false;
	view_voc_show(t, c->arg);
	return true;
}

/* the entries, their accounts (owner, team, name) and the topics' names */
static const char *const voc_tables[] = { "interaction", "account", "topic",
    NULL };

static void
voc_interest(struct view *v, struct live_interest *out)
{
	(void)v;
	out->tables = voc_tables;
	out->account = NULL;
}

static void
voc_view_free(struct view *v)
{
	acct_rows_free(&VV(v)->topics);
	table_free(&VV(v)->open);
	table_free(&VV(v)->measures);
	free(v);
}

static const struct kam_view_ops voc_ops = {
	.name = "voc", .draw = voc_draw, .action = voc_action,
	.status = voc_status, .free = voc_view_free, .reload = voc_reload,
	.send = voc_send, .recv = voc_recv, .title = voc_title,
	.command = voc_command, .interest = voc_interest, .wake = voc_wake,
};

static struct view *
voc_new(void)
{
	struct voc_view *vv = xcalloc(1, sizeof *vv);

	vv->v.ops = &voc_ops;
	table_init(&vv->open, open_cols, (int)countof(open_cols), open_role);
	table_set_key(&vv->open, VS_ID);
	table_init(&vv->measures, measure_cols, (int)countof(measure_cols), NULL);
	return &vv->v;
}

void
view_voc_show(struct tui *t, const char *args)
{
	struct kam_buf err;

	buf_init(&err);
	if (args != NULL && !voc_state_parse(args, &t->voc, &err)) {
		tui_message(t, true, "%s", err.data);
		buf_free(&err);
		return;
	}
	buf_free(&err);
	if (t->top != NULL && t->top->ops == &voc_ops)
		tui_reload(t, t->top);
	else
		tui_push(t, voc_new());
}
