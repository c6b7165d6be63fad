/* A tab that is one table: reads its rows (a page at a time when the
 * definition says so), moves, finds, and with a definition's hooks
 * filters and opens an entry in full. */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "message.h"
#include "pager.h"
#include "requests.h"
#include "services.h"
#include "tab.h"
#include "table_tab.h"
#include "trace.h"
#include "kam/account_detail.h"
#include "kam/xalloc.h"

enum { SLOT_ROWS, SLOT_ENTRY, SLOT_OP };
enum { ASK_OP };
#define TT(v) ((struct table_tab *)(v))

static bool tt_action(struct view *v, struct tui *t, enum kam_action a);

/* Tells the definition when the row under the cursor changed. */
static void
follow(struct table_tab *tt, struct tui *t)
{
	if (tt->def->moved != NULL && table_cursor_moved(&tt->tb))
		tt->def->moved(tt, t);
}

/* keep: the same rows again, the cursor on its line; else from the top */
static void
fetch(struct table_tab *tt, struct tui *t, bool keep)
{
	/* a window that G opened at the end is read again from the end */
	bool tail = keep && tt->tb.head_missing;
	size_t from_end = tt->tb.nav.n - tt->tb.nav.cursor;

	if (keep && !tail)
		table_clear(&tt->tb);
	else
		table_restart(&tt->tb);
	if (tail) {
		tt->tb.backwards = true;
		tt->tb.from_end = from_end;
	}
	tt->refused = tt->def->allowed != NULL && !tt->def->allowed(t);
	if (tt->def->columns != NULL)
		tt->tb.cols = tt->def->columns(t, &tt->tb.ncols);
	/* what the role may not read is not asked for */
	if (tt->refused) {
		tt->tb.loaded = true;
		return;
	}
	tt->tb.fetching = true;
	req_submit(t, &tt->v, SLOT_ROWS, 0);
}

void
table_tab_refetch(struct table_tab *tt, struct tui *t)
{
	fetch(tt, t, false);
}

static void
tt_reload(struct view *v, struct tui *t)
{
	if (TT(v)->def->reloading != NULL)
		TT(v)->def->reloading(TT(v), t);
	fetch(TT(v), t, true);
	row_op_resend(&TT(v)->op, t, v, SLOT_OP);
}

void
table_tab_op_value(struct table_tab *tt, struct tui *t, enum edit_op op,
    const char *id, const char *version, const char *value, const char *done,
    const char *question)
{
	row_op_ask_value(&tt->op, t, &tt->v, ASK_OP, op, id, version, value, done,
	    question);
}

void
table_tab_op_now(struct table_tab *tt, struct tui *t, enum edit_op op,
    const char *id, const char *version, const char *value, const char *done)
{
	row_op_run_value(&tt->op, t, &tt->v, SLOT_OP, op, id, version, value, done);
}

void
table_tab_op(struct table_tab *tt, struct tui *t, enum edit_op op,
    const char *id, const char *version, const char *done, const char *question)
{
	table_tab_op_value(tt, t, op, id, version, NULL, done, question);
}

static void
tt_answer(struct view *v, struct tui *t, int what, bool yes)
{
	(void)what;
	row_op_answer(&TT(v)->op, t, v, SLOT_OP, yes);
}

void
table_tab_last_key(const struct table_tab *tt, const char **key,
    const char **id)
{
	size_t n = tt->tb.rows.nrows;
	size_t row = tt->tb.backwards ? 0 : n - 1;

	*key = n ? acct_rows_get(&tt->tb.rows, row, 0) : NULL;
	if (id != NULL)
		*id = n ? acct_rows_get(&tt->tb.rows, row, 1) : NULL;
}

/* Reads the page before the first row, or with none the last page. */
static void
fetch_before(struct table_tab *tt, struct tui *t)
{
	tt->tb.backwards = tt->tb.fetching = true;
	req_submit(t, &tt->v, SLOT_ROWS, 0);
}

static bool
tt_send(struct view *v, struct tui *t, int slot, int arg)
{
	struct table_tab *tt = TT(v);
	struct acct_rows_req req = { .query = tt->def->query,
	    .limit = tt->def->page };

	(void)arg;
	if (slot == SLOT_OP)
		return row_op_send(&tt->op, t);
	if (slot == SLOT_ENTRY) {
		req.query = tt->def->show ? tt->def->entry_query : AQ_ENTRY;
		req.account_id = tt->entry_id;
		return acct_rows_send(t->db, &req);
	}
	if (tt->def->send != NULL)
		return tt->def->send(tt, t);
	req.account_id = tab_account_id(v);
	if (tt->def->page > 0)
		table_tab_last_key(tt, &req.after_key, &req.after_id);
	req.backwards = tt->tb.backwards;
	if (tt->def->fill != NULL)
		tt->def->fill(t, &req);
	return acct_rows_send(t->db, &req);
}

static void
add_entry_line(char ***lines, size_t *n, const char *label, const char *v)
{
	struct kam_buf b;

	if (v == NULL || *v == '\0')
		return;
	buf_init(&b);
	buf_addf(&b, "%-12s %s", label, v);
	*lines = xrealloc(*lines, (*n + 1) * sizeof **lines);
	(*lines)[(*n)++] = buf_detach(&b);
}

/* The entry as pager lines: its fields, a blank line, the body wrapped. */
static void
show_entry(struct tui *t, const struct acct_rows *r)
{
	static const char *const labels[] = { "When", "Channel", "Direction",
	    "Contact", "Subject", "Author", "Feedback", "Outcome", "Follow-up",
	    "Done", "Complaint", "Corrected" };
	char **lines = NULL, **body;
	size_t n = 0, nb;

	for (int i = EN_AT; i < EN_BODY; i++)
		add_entry_line(&lines, &n, labels[i], acct_rows_get(r, 0, (size_t)i));
	nb = text_wrap(acct_rows_get(r, 0, EN_BODY) ? acct_rows_get(r, 0, EN_BODY) :
	    "(no text)", (size_t)(t->cols > 2 ? t->cols - 2 : 1), &body);
	lines = xrealloc(lines, (n + nb + 1) * sizeof *lines);
	lines[n++] = xstrdup("");
	memcpy(lines + n, body, nb * sizeof *body);
	free(body);
	tui_push(t, view_pager_new(t, acct_rows_get(r, 0, EN_SUBJECT) ?
	    acct_rows_get(r, 0, EN_SUBJECT) : "History entry", lines, n + nb));
}

static void
tt_recv(struct view *v, struct tui *t, int slot, int arg)
{
	struct table_tab *tt = TT(v);
	struct acct_rows rows;

	(void)arg;
	if (slot == SLOT_OP) {
		row_op_take(&tt->op, t, v, SLOT_OP);
		return;
	}
	if (!acct_rows_recv(t->db, &rows)) {
		tt->tb.fetching = false;
		tt->tb.loaded = true;
		if (slot == SLOT_ROWS && tt->def->refused != NULL &&
		    strcmp(db_error_sqlstate(t->db), "42501") == 0)
			tt->refused = true;
		else
			tui_db_error(t);
		return;
	}
	if (slot == SLOT_ENTRY) {
		if (rows.nrows == 0)
			tui_message(t, true, "This entry has gone.");
		else if (tt->def->show != NULL)
			tt->def->show(t, &rows);
		else
			show_entry(t, &rows);
		acct_rows_free(&rows);
		return;
	}
	if (tt->tb.backwards)
		table_take_before(&tt->tb, &rows, tt->def->page);
	else
		table_take(&tt->tb, &rows, tt->def->page);
	acct_rows_free(&rows);
	if (tt->def->arrived != NULL)
		tt->def->arrived(tt, t);
	trace_event(t->trace, "table-rows", tt->def->what);
	if (tt->ahead != ACT_NONE) {
		enum kam_action a = tt->ahead;

		tt->ahead = ACT_NONE;
		tt_action(v, t, a);
		return;
	}
	if ((tt->tb.want_last && tt->tb.more) || table_restoring(&tt->tb)) {
		tt->tb.fetching = true;
		req_submit(t, v, SLOT_ROWS, 0);
	} else if (tt->tb.want_last) {
		tt->tb.want_last = false;
		listnav_act(&tt->tb.nav, ACT_MOVE_LAST);
	}
	follow(tt, t);
}

void
table_tab_open_entry(struct table_tab *tt, struct tui *t, const char *id)
{
	free(tt->entry_id);
	tt->entry_id = xstrdup(id);
	req_submit(t, &tt->v, SLOT_ENTRY, 0);
}

static void
tt_draw(struct view *v, struct tui *t, int y0, int height)
{
	table_draw(t, &TT(v)->tb, y0, height,
	    TT(v)->refused ? TT(v)->def->refused : TT(v)->def->empty);
}

static bool
act(struct view *v, struct tui *t, enum kam_action a)
{
	struct table_tab *tt = TT(v);

	if (!tt->tb.loaded && (a == ACT_ENTER || a == ACT_FORM_EDIT ||
	    a == ACT_FORM_DEACTIVATE || a == ACT_FORM_COMPLETE ||
	    a == ACT_FORM_CLOSE_COMPLAINT)) {
		tt->ahead = a;	/* for the row under the cursor, once there is one */
		return true;
	}
	if (tt->def->action != NULL && tt->def->action(tt, t, a))
		return true;
	if (a == ACT_ENTER && tt->def->enter != NULL && tt->tb.nav.n > 0) {
		tt->def->enter(tt, t);
		return true;
	}
	if (a == ACT_MOVE_LAST && tt->tb.more && tt->def->back) {
		table_restart(&tt->tb);
		tt->tb.from_end = 1;
		fetch_before(tt, t);
		return true;
	}
	if (a == ACT_MOVE_FIRST && tt->tb.head_missing) {
		fetch(tt, t, false);
		return true;
	}
	if (a == ACT_MOVE_LAST && tt->tb.more) {
		tt->tb.want_last = true;
		if (!tt->tb.fetching) {
			tt->tb.fetching = true;
			req_submit(t, v, SLOT_ROWS, 0);
		}
		return true;
	}
	if (table_scroll(&tt->tb, a))
		return true;
	tt->tb.want_last = false;
	if (!listnav_act(&tt->tb.nav, a))
		return false;
	if (table_wants_more(&tt->tb)) {
		tt->tb.fetching = true;
		req_submit(t, v, SLOT_ROWS, 0);
	} else if (table_wants_before(&tt->tb))
		fetch_before(tt, t);
	return true;
}

static bool
tt_action(struct view *v, struct tui *t, enum kam_action a)
{
	bool done = act(v, t, a);

	follow(TT(v), t);
	return done;
}

static void
tt_search(struct view *v, struct tui *t, const char *text, bool live)
{
	/* as you type the cursor would run ahead of the words */
	if (!live && text != NULL && *text != '\0') {
		table_find(&TT(v)->tb, text, 1, true);
		follow(TT(v), t);
	}
}

static bool
tt_search_next(struct view *v, struct tui *t, int dir)
{
	bool found = table_find(&TT(v)->tb, t->search, dir, false);

	follow(TT(v), t);
	return found;
}

static bool
tt_command(struct view *v, struct tui *t, const struct cmd *c)
{
	struct table_tab *tt = TT(v);
	struct acct_filter ignored = { 0 };
	struct kam_buf err;
	bool ok;

	/* the definition's own commands first; ":filter" stays the table's */
	if (tt->def->command != NULL && tt->def->command(tt, t, c))
		return true;
	if (c->kind != CMD_FILTER || tt->def->fill == NULL)
		return false;
	buf_init(&err);
	if ((ok = filter_parse(c->arg, &ignored, &t->hist, &err)))
		table_tab_refetch(tt, t);
	else
		tui_message(t, true, "%s", err.data);
	buf_free(&err);
	acct_filter_free(&ignored);
	return true;
}

static void
tt_click(struct view *v, struct tui *t, int y, int x)
{
	(void)x;
	if (table_click(&TT(v)->tb, y))
		tt_action(v, t, ACT_ENTER);
	else
		follow(TT(v), t);
}

static void
tt_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	struct table_tab *tt = TT(v);

	table_status(&tt->tb, tt->def->what, out);
	if (tt->def->fill != NULL && (t->hist.channel || t->hist.feedback)) {
		buf_adds(out, " | filter: ");
		hist_filter_words(out, &t->hist);
	}
	if (tt->def->status != NULL)
		tt->def->status(tt, t, out);
}

static void
tt_title(struct view *v, struct tui *t, struct kam_buf *out)
{
	struct table_tab *tt = TT(v);

	if (tt->def->title != NULL)
		tt->def->title(tt, t, out);
	else
		buf_adds(out, tt->def->what);
}

static void
tt_free(struct view *v)
{
	struct table_tab *tt = TT(v);

	table_free(&tt->tb);
	free(tt->entry_id);
	row_op_free(&tt->op);
	free(tt);
}

/* A tab shows its account's rows; a screen of its own (def->send),
 * every account's it may see. */
static void
tt_interest(struct view *v, struct live_interest *out)
{
	struct table_tab *tt = TT(v);

	out->tables = tt->def->live;
	out->account = tt->def->send != NULL ? NULL : tab_account_id(v);
}

static const struct kam_view_ops table_tab_ops = {
	.name = "table",
	.draw = tt_draw,
	.action = tt_action,
	.reload = tt_reload,
	.send = tt_send,
	.recv = tt_recv,
	.search = tt_search,
	.search_next = tt_search_next,
	.command = tt_command,
	.click = tt_click,
	.status = tt_status,
	.title = tt_title,
	.free = tt_free,
	.answer = tt_answer,
	.interest = tt_interest,
};

bool
table_tab_is(const struct view *v, const struct table_tab_def *def)
{
	return v->ops == &table_tab_ops && ((const struct table_tab *)v)->def == def;
}

struct view *
table_tab_new(struct view *account, const struct table_tab_def *def)
{
	struct table_tab *tt = xcalloc(1, sizeof *tt);

	tt->v.ops = &table_tab_ops;
	tt->v.parent = account;
	tt->def = def;
	table_init(&tt->tb, def->cols, def->ncols, def->role);
	if (def->currency > 0)
		table_set_currency(&tt->tb, def->currency);
	if (def->live != NULL)
		table_set_key(&tt->tb, def->id_field);
	return &tt->v;
}

bool
table_cell_is(const struct acct_rows *rows, size_t row, int field,
    const char *v)
{
	const char *s = acct_rows_get(rows, row, (size_t)field);

	return s != NULL && strcmp(s, v) == 0;
}
