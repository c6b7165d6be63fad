/* The support queue (:queue): every ticket not closed that the user may
 * read, by its next due milestone (kam/queue.h), with the business time
 * left, at-risk and breached ones marked, a page at a time. Enter opens
 * the ticket's account on History, where the ticket is an entry. A table
 * of its own, not a tab of one account; its rows come from kam.ticket,
 * kam.ticket_pause (through the due times), kam.interaction, kam.account
 * and kam.service_level (kam.ticket_status), and reading it again from
 * the top (view_queue_show, or the view's reload) is all a change needs.
 *
 * Beside the table (below it on a narrow screen, as tig splits its
 * views) stands the SLA card of the account under the cursor: the card
 * of the SLA tab and kam --sla (kam/sla.h, card_add_sla), read when the
 * cursor stops on another account's ticket (table_tab_def.moved and
 * req_submit_after: fast keys read once), again with the queue, and led
 * by the escalation contact when the ticket is at risk or breached. i
 * shows or hides it. */
#include <stdlib.h>
#include <string.h>

#include "account_screen.h"
#include "card_tab.h"
#include "client.h"
#include "draw.h"
#include "queue_screen.h"
#include "requests.h"
#include "services.h"
#include "tab.h"
#include "table_tab.h"
#include "trace.h"
#include "kam/countof.h"
#include "kam/queue.h"
#include "kam/sla.h"
#include "kam/xalloc.h"

#define PAGE 50
#define CARD_BESIDE_COLS 110	/* from here the card stands beside */
#define CARD_WAIT_MS 150	/* the cursor rests this long: the card reads */

enum { SLOT_CARD };

struct queue_view {
	struct view	 v;
	struct view	*list;		/* the table (a table_tab) */
	struct card	 card;
	struct sla_card	 sla;		/* the card's, for account */
	char		*account;	/* the card's account; NULL: none */
	char		*asked;		/* ... the one the running read is for */
	bool		 have;		/* sla is account's */
	bool		 stale;		/* the cursor moved while it was hidden */
	bool		 hide_beside;	/* i on a wide screen */
	bool		 show_below;	/* i on a narrow one */
};

#define QV(v) ((struct queue_view *)(v))
#define LIST(qv) ((struct table_tab *)(qv)->list)

static const struct table_col queue_cols[] = {
	{ "Due", QUEUE_DUE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Left", QUEUE_LEFT, 0, ALIGN_RIGHT, TC_TEXT, COL_WHOLE },
	{ "Mark", QUEUE_MARK, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Account", QUEUE_ACCOUNT, 12, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Subject", QUEUE_SUBJECT, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Milestone", QUEUE_MILESTONE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Priority", QUEUE_PRIORITY, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "State", QUEUE_STATE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "#", QUEUE_ID, 0, ALIGN_RIGHT, TC_TEXT, COL_WHOLE },
};

static enum theme_elem
queue_role(const struct acct_rows *r, size_t row, int field)
{
	(void)field;
	if (table_cell_is(r, row, QUEUE_MARK, "breached"))
		return TE_STATUS_ERROR;
	if (table_cell_is(r, row, QUEUE_MARK, "at risk"))
		return TE_AGENDA_OVERDUE;
	return TE_NORMAL;
}

static bool
send_page(struct table_tab *tt, struct tui *t)
{
	const char *key, *id;

	table_tab_last_key(tt, &key, &id);
	return queue_send(t->db, key, id, PAGE);
}

static void
open_ticket(struct table_tab *tt, struct tui *t)
{
	const struct acct_rows *r = &tt->tb.rows;
	size_t i = tt->tb.nav.cursor;

	if (i < r->nrows)
		view_account_open(t, acct_rows_get(r, i, QUEUE_ACCOUNT_ID),
		    acct_rows_get(r, i, QUEUE_ACCOUNT), TAB_HISTORY);
}

static void
queue_title(struct table_tab *tt, struct tui *t, struct kam_buf *out)
{
	(void)tt;
	(void)t;
	buf_adds(out, "Support queue");
}

static bool
card_shown(const struct queue_view *qv, const struct tui *t)
{
	return t->cols >= CARD_BESIDE_COLS ? !qv->hide_beside : qv->show_below;
}

/* The cell field of the row under the cursor; NULL: no row. */
static const char *
cursor_cell(const struct queue_view *qv, int field)
{
	const struct table *tb = &LIST(qv)->tb;

	if (tb->nav.cursor >= tb->rows.nrows)
		return NULL;
	return acct_rows_get(&tb->rows, tb->nav.cursor, (size_t)field);
}

/* The card's lines for the ticket under the cursor: its escalation
 * contact first when it is at risk or breached (the row's, from
 * kam.ticket_status), then the account's card as everywhere else. */
static void
card_lines(struct queue_view *qv)
{
	const char *mark = cursor_cell(qv, QUEUE_MARK);

	card_clear(&qv->card);
	qv->card.loaded = true;
	if (mark != NULL && strcmp(mark, "at risk") == 0)
		card_add(&qv->card, "AT RISK: call",
		    cursor_cell(qv, QUEUE_ESCALATION), TE_STATUS_ERROR);
	else if (mark != NULL && strcmp(mark, "breached") == 0)
		card_add(&qv->card, "BREACHED: call",
		    cursor_cell(qv, QUEUE_ESCALATION), TE_STATUS_ERROR);
	if (qv->sla.field[SLA_STATE] == NULL)
		card_heading(&qv->card, "This account has gone, or you may not "
		    "see it.");
	else
		card_add_sla(&qv->card, &qv->sla);
}

/* The card follows the cursor: the same account's ticket only changes
 * its first line; another's is read once the cursor rests. Nothing is
 * read while the card is hidden. */
static void
card_follow(struct queue_view *qv, struct tui *t)
{
	const char *account = cursor_cell(qv, QUEUE_ACCOUNT_ID);

	qv->stale = !card_shown(qv, t);
	if (qv->stale)
		return;
	if (account != NULL && qv->account != NULL &&
	    strcmp(account, qv->account) == 0) {
		if (qv->have)
			card_lines(qv);
		return;
	}
	free(qv->account);
	qv->account = account ? xstrdup(account) : NULL;
	qv->have = false;
	card_clear(&qv->card);
	qv->card.loaded = account == NULL;
	if (account != NULL)
		req_submit_after(t, &qv->v, SLOT_CARD, 0, CARD_WAIT_MS);
	else
		req_drop(t, &qv->v, SLOT_CARD);
}

static void
queue_moved(struct table_tab *tt, struct tui *t)
{
	card_follow(QV(tt->v.parent), t);
}

/* the tickets, their waits and entries, and what sets their due times:
 * another agent's change shows without a key */
static const char *const queue_tables[] = { "ticket", "ticket_pause",
    "interaction", "account", "service_level", "ticket_setting", NULL };

static const struct table_tab_def queue = {
	.what = "Queue", .cols = queue_cols, .ncols = (int)countof(queue_cols),
	.live = queue_tables, .id_field = QUEUE_ID,
	.role = queue_role, .page = PAGE,
	.empty = "No open tickets.",
	.enter = open_ticket, .send = send_page, .title = queue_title,
	.moved = queue_moved,
};

static bool
queue_send_card(struct view *v, struct tui *t, int slot, int arg)
{
	struct queue_view *qv = QV(v);

	(void)slot, (void)arg;
	/* asked only with an account (card_follow withdraws it with none) */
	free(qv->asked);
	qv->asked = xstrdup(qv->account);
	trace_event(t->trace, "card", qv->asked);
	return sla_card_send(t->db, qv->asked);
}

/* A card for an account the cursor has left since is dropped: the read
 * for the one it rests on comes after it. */
static void
queue_recv_card(struct view *v, struct tui *t, int slot, int arg)
{
	struct queue_view *qv = QV(v);
	struct sla_card c;

	(void)slot, (void)arg;
	memset(&c, 0, sizeof c);
	if (!sla_card_recv(t->db, &c)) {
		qv->card.loaded = true;
		tui_db_error(t);
		return;
	}
	if (qv->account == NULL || strcmp(qv->asked, qv->account) != 0) {
		sla_card_free(&c);
		return;
	}
	sla_card_free(&qv->sla);
	qv->sla = c;
	qv->have = true;
	card_lines(qv);
}

/* The queue and, with it, the card: a live change or Ctrl-L reads both. */
static void
queue_reload(struct view *v, struct tui *t)
{
	struct queue_view *qv = QV(v);

	tui_reload(t, qv->list);
	if (qv->account != NULL && card_shown(qv, t))
		req_submit(t, v, SLOT_CARD, 0);
}

static void
card_header(struct tui *t, struct queue_view *qv, int y, int x, int w)
{
	draw_fill(t, y, x, w, TE_HEADER);
	draw_text(t, y, x + 1, w - 1, qv->account != NULL && !qv->card.loaded ?
	    "SLA card (reading)" : "SLA card", TE_HEADER, ALIGN_LEFT);
}

/* Beside: the card takes two fifths of the width, right of the table,
 * its header on the table's header line. Below: the lower half. */
static void
queue_draw(struct view *v, struct tui *t, int y0, int height)
{
	struct queue_view *qv = QV(v);
	struct table *tb = &LIST(qv)->tb;
	int cw = t->cols * 2 / 5, th = height / 2;

	if (qv->stale && card_shown(qv, t))
		card_follow(qv, t);
	if (!card_shown(qv, t)) {
		table_place(tb, 0, 0);
		qv->list->ops->draw(qv->list, t, y0, height);
	} else if (t->cols >= CARD_BESIDE_COLS) {
		table_place(tb, 0, t->cols - cw - 1);
		qv->list->ops->draw(qv->list, t, y0, height);
		card_header(t, qv, y0, t->cols - cw - 1, cw + 1);
		card_place(&qv->card, t->cols - cw, cw);
		card_draw(t, &qv->card, y0 + 1, height - 1);
	} else {
		table_place(tb, 0, 0);
		qv->list->ops->draw(qv->list, t, y0, th);
		card_header(t, qv, y0 + th, 0, t->cols);
		card_place(&qv->card, 0, 0);
		card_draw(t, &qv->card, y0 + th + 1, height - th - 1);
	}
}

static bool
queue_action(struct view *v, struct tui *t, enum kam_action a)
{
	struct queue_view *qv = QV(v);

	if (a != ACT_SLA_CARD)
		return qv->list->ops->action(qv->list, t, a);
	if (t->cols >= CARD_BESIDE_COLS)
		qv->hide_beside = !qv->hide_beside;
	else
		qv->show_below = !qv->show_below;
	card_follow(qv, t);
	return true;
}

static void
queue_search(struct view *v, struct tui *t, const char *text, bool live)
{
	QV(v)->list->ops->search(QV(v)->list, t, text, live);
}

static bool
queue_search_next(struct view *v, struct tui *t, int dir)
{
	return QV(v)->list->ops->search_next(QV(v)->list, t, dir);
}

static bool
queue_command(struct view *v, struct tui *t, const struct cmd *c)
{
	return QV(v)->list->ops->command(QV(v)->list, t, c);
}

static void
queue_click(struct view *v, struct tui *t, int y, int x)
{
	const struct table *tb = &LIST(QV(v))->tb;

	if (tb->width == 0 || x < tb->x0 + tb->width)
		QV(v)->list->ops->click(QV(v)->list, t, y, x);
}

/* The table's status, and the card's key where it is hidden. */
static void
queue_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	struct queue_view *qv = QV(v);

	qv->list->ops->status(qv->list, t, out);
	buf_adds(out, card_shown(qv, t) ? " | i: hide the SLA card" :
	    " | i: SLA card");
}

static void
queue_view_title(struct view *v, struct tui *t, struct kam_buf *out)
{
	QV(v)->list->ops->title(QV(v)->list, t, out);
}

/* The queue's tables, and those of the card: the service level, its
 * calendar and holidays, the escalation contact, the warranties. */
static void
queue_interest(struct view *v, struct live_interest *out)
{
	static const char *const tables[] = { "ticket", "ticket_pause",
	    "interaction", "account", "service_level", "ticket_setting",
	    "calendar", "calendar_window", "calendar_holiday", "contact",
	    "special_condition", NULL };

	(void)v;
	out->tables = tables;
	out->account = NULL;
}

static void
queue_free(struct view *v)
{
	struct queue_view *qv = QV(v);

	qv->list->ops->free(qv->list);
	card_clear(&qv->card);
	sla_card_free(&qv->sla);
	free(qv->account);
	free(qv->asked);
	free(qv);
}

static const struct kam_view_ops queue_ops = {
	.name = "queue",
	.draw = queue_draw,
	.action = queue_action,
	.status = queue_status,
	.free = queue_free,
	.reload = queue_reload,
	.send = queue_send_card,
	.recv = queue_recv_card,
	.search = queue_search,
	.search_next = queue_search_next,
	.command = queue_command,
	.click = queue_click,
	.title = queue_view_title,
	.interest = queue_interest,
};

void
view_queue_show(struct tui *t)
{
	struct queue_view *qv;

	if (t->top->ops == &queue_ops) {
		tui_reload(t, t->top);
		return;
	}
	qv = xcalloc(1, sizeof *qv);
	qv->v.ops = &queue_ops;
	card_init(&qv->card);
	qv->card.loaded = true;
	qv->list = table_tab_new(&qv->v, &queue);
	tui_push(t, &qv->v);
}
