/* The agenda: the user's follow-ups, plan actions, annual talks and
 * cadence alarms that are due (see kam/agenda.h for whose), in date order, overdue ones
 * marked, a page at a time. Enter opens the item's account on the tab
 * that shows it; x marks a follow-up done. A table of its own, not a tab
 * of one account. */
#include <string.h>

#include "account_screen.h"
#include "agenda_screen.h"
#include "client.h"
#include "message.h"
#include "services.h"
#include "tab.h"
#include "table_tab.h"
#include "kam/account_detail.h"
#include "kam/agenda.h"

#include "kam/countof.h"
#define PAGE 200

static const struct table_col agenda_cols[] = {
	{ "Due", AG_DUE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "When", AG_WHEN, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Kind", AG_KIND, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Account", AG_ACCOUNT, 12, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "What", AG_WHAT, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
};

static enum theme_elem
agenda_role(const struct acct_rows *r, size_t row, int field)
{
	const char *overdue = acct_rows_get(r, row, AG_OVERDUE);

	(void)field;
	return overdue && strcmp(overdue, "t") == 0 ? TE_AGENDA_OVERDUE : TE_NORMAL;
}

static bool
send_page(struct table_tab *tt, struct tui *t)
{
	struct agenda_req req = { .limit = PAGE, .backwards = tt->tb.backwards,
	    .overdue_only = t->agenda.overdue, .kind = t->agenda.kind };

	table_tab_last_key(tt, &req.after_key, NULL);
	return agenda_send(t->db, &req);
}

/* The tab that shows the item: History for a follow-up or a contact
 * due, the conditions or the SLA for what ends, else the Plan. */
static int
item_tab(const char *kind)
{
	if (kind == NULL)
		return TAB_PLAN;
	if (strcmp(kind, AGENDA_FOLLOW_UP) == 0 || strcmp(kind, AGENDA_CONTACT) == 0)
		return TAB_HISTORY;
	if (strcmp(kind, AGENDA_CONDITION) == 0)
		return TAB_CONDITIONS;
	if (strcmp(kind, AGENDA_RENEWAL) == 0)
		return TAB_SLA;
	return TAB_PLAN;
}

static void
open_item(struct table_tab *tt, struct tui *t)
{
	const struct acct_rows *r = &tt->tb.rows;
	size_t i = tt->tb.nav.cursor;

	view_account_open(t, acct_rows_get(r, i, AG_ACCOUNT_ID),
	    acct_rows_get(r, i, AG_ACCOUNT), item_tab(acct_rows_get(r, i, AG_KIND)));
}

/* x: the follow-up under the cursor done, asked first; back from the
 * database, the agenda reads again and it has gone. */
static void
follow_up_done(struct table_tab *tt, struct tui *t)
{
	const struct acct_rows *r = &tt->tb.rows;
	size_t i = tt->tb.nav.cursor;
	struct kam_buf q;

	if (i >= r->nrows) {
		tui_message(t, true, "Nothing under the cursor.");
		return;
	}
	if (!table_cell_is(r, i, AG_KIND, AGENDA_FOLLOW_UP)) {
		tui_message(t, true, "x marks a follow-up done here; Enter opens "
		    "the account on the tab that shows this item.");
		return;
	}
	buf_init(&q);
	buf_addf(&q, "Mark the follow-up “%s” done?", acct_rows_get(r, i, AG_WHAT));
	table_tab_op(tt, t, EOP_FOLLOW_UP_DONE, acct_rows_get(r, i, AG_ID),
	    acct_rows_get(r, i, AG_VERSION), "Follow-up done.", q.data);
	buf_free(&q);
}

static bool
agenda_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	if (a == ACT_FORM_COMPLETE) {
		follow_up_done(tt, t);
		return true;
	}
	if (a != ACT_FILTER_OVERDUE)
		return false;
	t->agenda.overdue = !t->agenda.overdue;
	table_tab_refetch(tt, t);
	return true;
}

static bool
agenda_command(struct table_tab *tt, struct tui *t, const struct cmd *c)
{
	struct kam_buf err;

	if (c->kind != CMD_FILTER)
		return false;
	buf_init(&err);
	if (agenda_filter_parse(c->arg, &t->agenda, &err))
		table_tab_refetch(tt, t);
	else
		tui_message(t, true, "%s", err.data);
	buf_free(&err);
	return true;
}

static void
agenda_title(struct table_tab *tt, struct tui *t, struct kam_buf *out)
{
	(void)tt;
	buf_addf(out, "Agenda - %s", t->user.display_name ?
	    t->user.display_name : t->user.role_name);
	if (!t->session.plans)
		buf_adds(out, " (follow-ups only: your role has no account plans)");
}

static void
agenda_status(struct table_tab *tt, struct tui *t, struct kam_buf *out)
{
	struct kam_buf f;

	(void)tt;
	buf_init(&f);
	agenda_filter_describe(&f, &t->agenda);
	if (f.len > 0)
		buf_addf(out, " | filter: %s", f.data);
	buf_free(&f);
}

/* follow-ups, plan actions, annual talks and cadence alarms */
static const char *const agenda_tables[] = { "interaction", "plan_action",
    "account_plan", "account", NULL };

static const struct table_tab_def agenda = {
	.what = "Agenda", .cols = agenda_cols, .ncols = (int)countof(agenda_cols),
	.live = agenda_tables, .id_field = AG_KEY,	/* ids of kinds meet */
	.role = agenda_role, .page = PAGE, .back = true,
	.empty = "Nothing due: no follow-ups, plan actions, annual talks or "
	    "cadence alarms match.",
	.enter = open_item, .action = agenda_action, .send = send_page,
	.title = agenda_title, .command = agenda_command, .status = agenda_status,
};

void
view_agenda_show(struct tui *t)
{
	if (table_tab_is(t->top, &agenda))
		tui_reload(t, t->top);
	else
		tui_push(t, table_tab_new(NULL, &agenda));
}
