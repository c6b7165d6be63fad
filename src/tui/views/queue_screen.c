/* The support queue (:queue): every ticket not closed that the user may
 * read, by its next due milestone (kam/queue.h), with the business time
 * left, at-risk and breached ones marked, a page at a time. Enter opens
 * the ticket's account on History, where the ticket is an entry. A table
 * of its own, not a tab of one account; its rows come from kam.ticket,
 * kam.ticket_pause (through the due times), kam.interaction, kam.account
 * and kam.service_level (kam.ticket_status), and reading it again from
 * the top (view_queue_show, or the view's reload) is all a change needs. */
#include <string.h>

#include "account_screen.h"
#include "client.h"
#include "queue_screen.h"
#include "services.h"
#include "tab.h"
#include "table_tab.h"
#include "kam/countof.h"
#include "kam/queue.h"

#define PAGE 50

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
};

void
view_queue_show(struct tui *t)
{
	if (table_tab_is(t->top, &queue))
		tui_reload(t, t->top);
	else
		tui_push(t, table_tab_new(NULL, &queue));
}
