/* The account plan of this year (else the latest): status, revenue
 * target, annual talk, objectives, and its actions with owner, due date
 * and status. */
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "tabs.h"
#include "kam/xalloc.h"

enum { SLOT_PLAN, SLOT_ACTIONS };

struct tab_plan {
	struct view	v;
	struct card	card;
	struct table	actions;
	bool		allowed;
};

#define TP(v) ((struct tab_plan *)(v))

static const struct table_col action_cols[] = {
	{ "Due", AC_DUE, 10, ALIGN_LEFT, TC_TEXT },
	{ "Status", AC_STATUS, 7, ALIGN_LEFT, TC_TEXT },
	{ "Kind", AC_KIND, 11, ALIGN_LEFT, TC_TEXT },
	{ "Action", AC_TITLE, 0, ALIGN_LEFT, TC_TEXT },
	{ "Owner", AC_OWNER, 16, ALIGN_LEFT, TC_TEXT },
	{ "Done", AC_DONE_ON, 10, ALIGN_LEFT, TC_TEXT },
};

static void
build(struct tab_plan *tp, const struct acct_rows *r)
{
	struct kam_buf b;

	card_clear(&tp->card);
	tp->card.loaded = true;
	if (r->nrows == 0) {
		card_add(&tp->card, "Plan", "No account plan yet.", TE_NORMAL);
		return;
	}
	buf_init(&b);
	buf_addf(&b, "%s, %s", acct_rows_get(r, 0, PL_YEAR),
	    acct_rows_get(r, 0, PL_STATUS));
	card_add(&tp->card, "Plan", b.data, TE_NORMAL);
	buf_reset(&b);
	text_money(&b, acct_rows_get(r, 0, PL_TARGET));
	card_add(&tp->card, "Revenue target", b.data, TE_NORMAL);
	card_add(&tp->card, "Annual talk", acct_rows_get(r, 0, PL_TALK_ON) ?
	    acct_rows_get(r, 0, PL_TALK_ON) : "not set", TE_NORMAL);
	card_add(&tp->card, "Innovation", strcmp(acct_rows_get(r, 0, PL_INNOVATION),
	    "t") == 0 ? "priority access to new products" : "no priority access",
	    TE_NORMAL);
	card_add(&tp->card, "Objectives", acct_rows_get(r, 0, PL_OBJECTIVES),
	    TE_NORMAL);
	buf_free(&b);
}

static void
plan_reload(struct view *v, struct tui *t)
{
	struct tab_plan *tp = TP(v);

	tp->allowed = t->session.erp_figures;
	card_clear(&tp->card);
	table_clear(&tp->actions);
	if (!tp->allowed) {
		tp->card.loaded = tp->actions.loaded = true;
		card_add(&tp->card, "Plan", "Your role may not read account plans.",
		    TE_NORMAL);
		return;
	}
	req_submit(t, v, SLOT_PLAN, 0);
	req_submit(t, v, SLOT_ACTIONS, 0);
}

static bool
plan_send(struct view *v, struct tui *t, int slot, int arg)
{
	struct acct_rows_req req = { .query = slot == SLOT_PLAN ? AQ_PLAN :
	    AQ_ACTIONS, .account_id = tab_account_id(v) };

	(void)arg;
	return acct_rows_send(t->db, &req);
}

static void
plan_recv(struct view *v, struct tui *t, int slot, int arg)
{
	struct tab_plan *tp = TP(v);
	struct acct_rows r;

	(void)arg;
	if (!acct_rows_recv(t->db, &r)) {
		tp->card.loaded = tp->actions.loaded = true;
		tui_db_error(t);
		return;
	}
	if (slot == SLOT_PLAN)
		build(tp, &r);
	else
		table_take(&tp->actions, &r, 0);
	acct_rows_free(&r);
}

static void
plan_draw(struct view *v, struct tui *t, int y0, int height)
{
	struct tab_plan *tp = TP(v);
	int top = (int)tp->card.nav.n + 1;

	if (top > height / 2)
		top = height / 2;
	card_draw(t, &tp->card, y0, top);
	if (tp->allowed)
		table_draw(t, &tp->actions, y0 + top, height - top,
		    "No actions in this plan.");
}

static bool
plan_action(struct view *v, struct tui *t, enum kam_action a)
{
	(void)t;
	return listnav_act(&TP(v)->actions.nav, a);
}

static void
plan_search(struct view *v, struct tui *t, const char *text, bool live)
{
	(void)t;
	if (!live && text != NULL && *text != '\0')
		table_find(&TP(v)->actions, text, 1, true);
}

static bool
plan_search_next(struct view *v, struct tui *t, int dir)
{
	return table_find(&TP(v)->actions, t->search, dir, false);
}

static bool
plan_command(struct view *v, struct tui *t, const struct cmd *c)
{
	(void)v, (void)t, (void)c;
	return false;
}

static void
plan_click(struct view *v, struct tui *t, int y, int x)
{
	(void)t, (void)x;
	table_click(&TP(v)->actions, y);
}

static void
plan_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	(void)t;
	table_status(&TP(v)->actions, "Plan actions", out);
}

static void
plan_free(struct view *v)
{
	struct tab_plan *tp = TP(v);

	card_clear(&tp->card);
	table_free(&tp->actions);
	free(tp);
}

static const struct kam_view_ops plan_ops = {
	.name = "plan",
	.draw = plan_draw,
	.action = plan_action,
	.reload = plan_reload,
	.send = plan_send,
	.recv = plan_recv,
	.search = plan_search,
	.search_next = plan_search_next,
	.command = plan_command,
	.click = plan_click,
	.status = plan_status,
	.free = plan_free,
};

struct view *
tab_plan_new(struct view *account)
{
	struct tab_plan *tp = xcalloc(1, sizeof *tp);

	tp->v.ops = &plan_ops;
	tp->v.parent = account;
	card_init(&tp->card);
	table_init(&tp->actions, action_cols,
	    (int)(sizeof action_cols / sizeof action_cols[0]), NULL);
	return &tp->v;
}
