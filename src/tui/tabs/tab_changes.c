/* Changes: the account's audit log, newest first, a page at a time: when,
 * who, which row and which fields, old and new; Enter shows an entry in
 * full. Roles that may not read the log are told so instead. */
#include "change_lines.h"
#include "client.h"
#include "pager.h"
#include "services.h"
#include "tab.h"
#include "table_tab.h"
#include "kam/account_detail.h"

#include "kam/countof.h"
#define PAGE 200

static const struct table_col change_cols[] = {
	{ "When", CH_AT, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Who", CH_WHO, 10, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "What", CH_WHAT, 12, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Change", CH_CHANGE, 0, ALIGN_LEFT, TC_CHANGES, COL_FREE },
};

static void
open_change(struct table_tab *tt, struct tui *t)
{
	table_tab_open_entry(tt, t, acct_rows_get(&tt->tb.rows, tt->tb.nav.cursor,
	    CH_ID));
}

static void
show_change(struct tui *t, const struct acct_rows *r)
{
	char **lines;
	size_t n = change_lines(r, (size_t)(t->cols > 2 ? t->cols - 2 : 1), &lines);

	tui_push(t, view_pager_new(t, acct_rows_get(r, 0, CE_WHAT) ?
	    acct_rows_get(r, 0, CE_WHAT) : "Change", lines, n));
}

static bool
may_read_log(const struct tui *t)
{
	return t->session.audit_log;
}

/* every change of the account is an entry of its log */
static const char *const change_tables[] = { "*", NULL };

static const struct table_tab_def changes = {
	.what = "Changes", .query = AQ_CHANGES, .cols = change_cols,
	.live = change_tables, .id_field = CH_ID,
	.ncols = (int)countof(change_cols), .page = PAGE, .empty = "No changes recorded.",
	.enter = open_change, .entry_query = AQ_CHANGE, .show = show_change,
	.allowed = may_read_log, .refused = "Your role may not read the change log.",
};

struct view *
tab_changes_new(struct view *account)
{
	return table_tab_new(account, &changes);
}
