/* The account plan of one year, this year's first: status, revenue
 * target, annual talk (planned, held), objectives, and its actions with
 * owner, due date and status, open ones past due marked overdue. [ and ]
 * show the year before and after, any year a plan may have, so that last
 * year's plan can be read and next year's prepared. P makes the plan of
 * the year shown or edits it; a adds an action to it, e or Enter edits
 * one, x completes it, D drops it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "client.h"
#include "form_view.h"
#include "forms.h"
#include "message.h"
#include "requests.h"
#include "row_op.h"
#include "tab.h"
#include "table.h"
#include "table_tab.h"
#include "kam/account_detail.h"
#include "kam/money.h"
#include "kam/date.h"
#include "kam/xalloc.h"

enum { SLOT_PLAN, SLOT_ACTIONS, SLOT_OP };
enum { ASK_OP };

struct tab_plan {
	struct view	v;
	struct card	card;
	struct table	actions;
	bool		allowed;
	char		*plan_id;	/* the plan shown; NULL: none */
	int		 year;		/* the year shown; 0: this year, not yet known */
	char		 year_text[8];	/* year as the request's parameter */
	struct row_op	op;		/* x and D on an action */
	enum kam_action	ahead;		/* typed before the plan came */
};

static bool plan_action(struct view *v, struct tui *t, enum kam_action a);

#define TP(v) ((struct tab_plan *)(v))

/* The years a plan may have (the table's check, migration 0001). */
enum { YEAR_FIRST = 2000, YEAR_LAST = 2100 };

static const struct table_col action_cols[] = {
	{ "Due", AC_DUE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Status", AC_STATE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Kind", AC_KIND, 0, ALIGN_LEFT, TC_WORDS, COL_WHOLE },
	{ "Action", AC_TITLE, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Owner", AC_OWNER, 10, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Done", AC_DONE_ON, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
};

/* Open actions past their due date, in the theme's overdue colour. */
static enum theme_elem
action_role(const struct acct_rows *r, size_t row, int field)
{
	(void)field;
	return table_cell_is(r, row, AC_STATE, "overdue") ? TE_PLAN_OVERDUE :
	    TE_NORMAL;
}

/* The annual talk: held (and when it was planned for, if another day),
 * planned and not held yet, or not set. */
static void
talk_words(struct kam_buf *b, const char *planned, const char *held)
{
	if (held != NULL && planned != NULL && strcmp(held, planned) != 0)
		buf_addf(b, "held on %s (planned for %s)", held, planned);
	else if (held != NULL)
		buf_addf(b, "held on %s", held);
	else if (planned != NULL)
		buf_addf(b, "planned for %s, not held yet", planned);
	else
		buf_adds(b, "not set");
}

/* The years that have a plan, and the keys to reach them. */
static void
add_years(struct tab_plan *tp, const char *years)
{
	struct kam_buf b;

	buf_init(&b);
	buf_addf(&b, "%s ([ and ] show the year before and after)",
	    years != NULL ? years : "none");
	card_add(&tp->card, "Plans of", b.data, TE_NORMAL);
	buf_free(&b);
}

static void
build(struct tab_plan *tp, const struct acct_rows *r)
{
	const char *year = acct_rows_get(r, 0, PL_YEAR);
	struct kam_buf b;

	card_clear(&tp->card);
	tp->card.loaded = true;
	edit_str_set(&tp->plan_id, acct_rows_get(r, 0, PL_ID));
	if (year != NULL)
		tp->year = (int)strtol(year, NULL, 10);
	buf_init(&b);
	if (tp->plan_id == NULL) {
		buf_addf(&b, "No account plan for %d yet: P makes it.", tp->year);
		card_add(&tp->card, "Plan", b.data, TE_NORMAL);
		add_years(tp, acct_rows_get(r, 0, PL_YEARS));
		buf_free(&b);
		return;
	}
	buf_addf(&b, "%s, %s", year, acct_rows_get(r, 0, PL_STATUS));
	card_add(&tp->card, "Plan", b.data, TE_NORMAL);
	buf_reset(&b);
	money_format(&b, acct_rows_get(r, 0, PL_TARGET),
	    acct_rows_get(r, 0, PL_CURRENCY));
	card_add(&tp->card, "Revenue target", b.data, TE_NORMAL);
	buf_reset(&b);
	talk_words(&b, acct_rows_get(r, 0, PL_TALK_ON),
	    acct_rows_get(r, 0, PL_TALK_HELD));
	card_add(&tp->card, "Annual talk", b.data, TE_NORMAL);
	card_add(&tp->card, "Innovation", strcmp(acct_rows_get(r, 0, PL_INNOVATION),
	    "t") == 0 ? "priority access to new products" : "no priority access",
	    TE_NORMAL);
	card_add(&tp->card, "Objectives", acct_rows_get(r, 0, PL_OBJECTIVES),
	    TE_NORMAL);
	add_years(tp, acct_rows_get(r, 0, PL_YEARS));
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
	row_op_resend(&tp->op, t, v, SLOT_OP);
}

static bool
plan_send(struct view *v, struct tui *t, int slot, int arg)
{
	struct tab_plan *tp = TP(v);
	struct acct_rows_req req = { .query = slot == SLOT_PLAN ? AQ_PLAN :
	    AQ_ACTIONS, .account_id = tab_account_id(v) };

	(void)arg;
	if (slot == SLOT_OP)
		return row_op_send(&tp->op, t);
	if (tp->year != 0) {
		snprintf(tp->year_text, sizeof tp->year_text, "%d", tp->year);
		req.year = tp->year_text;
	}
	return acct_rows_send(t->db, &req);
}

static void
plan_recv(struct view *v, struct tui *t, int slot, int arg)
{
	struct tab_plan *tp = TP(v);
	struct acct_rows r;

	(void)arg;
	if (slot == SLOT_OP) {
		row_op_take(&tp->op, t, v, SLOT_OP);
		return;
	}
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
	if (tp->ahead != ACT_NONE && tp->card.loaded && tp->actions.loaded) {
		enum kam_action a = tp->ahead;

		tp->ahead = ACT_NONE;
		plan_action(v, t, a);
	}
}

static void
plan_draw(struct view *v, struct tui *t, int y0, int height)
{
	struct tab_plan *tp = TP(v);
	int top;

	card_fit(&tp->card, t->cols);
	top = (int)tp->card.nav.n + 1;

	if (top > height / 2)
		top = height / 2;
	card_draw(t, &tp->card, y0, top);
	if (tp->allowed)
		table_draw(t, &tp->actions, y0 + top, height - top,
		    "No actions in this plan.");
}

/* P: the plan of the year shown, edited, or made for that year. */
static void
open_plan(struct tab_plan *tp, struct tui *t)
{
	const char *preset[] = { "year", tp->year_text, NULL };

	snprintf(tp->year_text, sizeof tp->year_text, "%d", tp->year);
	if (tp->plan_id != NULL)
		form_view_open(t, &form_plan, tab_account_id(&tp->v),
		    tab_account_name(&tp->v), tp->plan_id);
	else
		form_view_open_with(t, &form_plan, tab_account_id(&tp->v),
		    tab_account_name(&tp->v), preset);
}

static void
add_action(struct tab_plan *tp, struct tui *t)
{
	const char *preset[] = { "plan_id", tp->plan_id, NULL };

	if (tp->plan_id == NULL)
		tui_message(t, true, "No plan for %d yet: P makes it.", tp->year);
	else
		form_view_open_with(t, &form_action, tab_account_id(&tp->v),
		    tab_account_name(&tp->v), preset);
}

/* x and D: on open actions only, asked first; x on the user's today. */
static void
close_action(struct tab_plan *tp, struct tui *t, size_t row, bool done)
{
	const struct acct_rows *r = &tp->actions.rows;
	char today[DATE_STRLEN];
	struct kam_buf q;

	if (strcmp(acct_rows_get(r, row, AC_STATUS), "open") != 0) {
		tui_message(t, true, "This action is %s already (e edits it).",
		    acct_rows_get(r, row, AC_STATUS));
		return;
	}
	date_format(date_today(), today);
	buf_init(&q);
	if (done)
		buf_addf(&q, "Mark “%s” done today (%s)?",
		    acct_rows_get(r, row, AC_TITLE), today);
	else
		buf_addf(&q, "Drop “%s”?", acct_rows_get(r, row, AC_TITLE));
	row_op_ask_value(&tp->op, t, &tp->v, ASK_OP, done ? EOP_ACTION_COMPLETE :
	    EOP_ACTION_DROP, acct_rows_get(r, row, AC_ID),
	    acct_rows_get(r, row, AC_VERSION), done ? today : NULL,
	    done ? "Action done." : "Action dropped.", q.data);
	buf_free(&q);
}

static bool
is_form_action(enum kam_action a)
{
	return a == ACT_FORM_PLAN || a == ACT_FORM_ADD || a == ACT_FORM_EDIT ||
	    a == ACT_FORM_COMPLETE || a == ACT_FORM_DEACTIVATE || a == ACT_ENTER;
}

/* [ and ]: the plan of the year before or after, read at once. */
static void
step_year(struct tab_plan *tp, struct tui *t, int by)
{
	int year = (tp->year != 0 ? tp->year : date_today().year) + by;

	if (year < YEAR_FIRST || year > YEAR_LAST) {
		tui_message(t, true, "Plans are for the years %d to %d.",
		    YEAR_FIRST, YEAR_LAST);
		return;
	}
	tp->year = year;
	tp->ahead = ACT_NONE;
	table_restart(&tp->actions);
	plan_reload(&tp->v, t);
}

static bool
plan_action(struct view *v, struct tui *t, enum kam_action a)
{
	struct tab_plan *tp = TP(v);
	size_t row = tp->actions.nav.cursor;

	if (a == ACT_YEAR_PREV || a == ACT_YEAR_NEXT) {
		step_year(tp, t, a == ACT_YEAR_PREV ? -1 : 1);
		return true;
	}
	if (!is_form_action(a))
		return table_scroll(&tp->actions, a) ||
		    listnav_act(&tp->actions.nav, a);
	if (!tp->card.loaded || !tp->actions.loaded) {
		tp->ahead = a;	/* for the plan and row shown, once they are */
		return true;
	}
	if (!tab_may_write(v, t, "plan"))
		return true;
	if (a == ACT_FORM_PLAN)
		open_plan(tp, t);
	else if (a == ACT_FORM_ADD)
		add_action(tp, t);
	else if (row >= tp->actions.rows.nrows)
		tui_message(t, true, "No plan action under the cursor.");
	else if (a == ACT_FORM_EDIT || a == ACT_ENTER)
		form_view_open(t, &form_action, tab_account_id(v),
		    tab_account_name(v), acct_rows_get(&tp->actions.rows, row, AC_ID));
	else
		close_action(tp, t, row, a == ACT_FORM_COMPLETE);
	return true;
}

static void
plan_answer(struct view *v, struct tui *t, int what, bool yes)
{
	(void)what;
	row_op_answer(&TP(v)->op, t, v, SLOT_OP, yes);
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
	table_status(&TP(v)->actions, "Actions", out);
}

static void
plan_free(struct view *v)
{
	struct tab_plan *tp = TP(v);

	card_clear(&tp->card);
	table_free(&tp->actions);
	row_op_free(&tp->op);
	free(tp->plan_id);
	free(tp);
}

/* the year's plan and its actions */
static void
plan_interest(struct view *v, struct live_interest *out)
{
	static const char *const tables[] = { "account_plan", "plan_action", NULL };

	tab_interest(v, tables, out);
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
	.click = plan_click,
	.status = plan_status,
	.free = plan_free,
	.answer = plan_answer,
	.interest = plan_interest,
};

struct view *
tab_plan_new(struct view *account)
{
	struct tab_plan *tp = xcalloc(1, sizeof *tp);

	tp->v.ops = &plan_ops;
	tp->v.parent = account;
	card_init(&tp->card);
	table_init(&tp->actions, action_cols,
	    (int)(sizeof action_cols / sizeof action_cols[0]), action_role);
	return &tp->v;
}
