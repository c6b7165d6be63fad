/* Duplicates on the data-quality screen (duplicates_screen.h,
 * kam/duplicate_list.h): a table of its own, live, a page at a time. A
 * pair marked "not a duplicate" here, in psql or by kam --duplicates
 * changes kam.not_duplicate, which the list listens to: the pair goes.
 * The row keeps both accounts' ids (DL_ACCOUNT_ID, DL_OTHER_ID) for
 * whatever works on the pair. */
#include "account_screen.h"
#include "client.h"
#include "duplicates_screen.h"
#include "merge_screen.h"
#include "message.h"
#include "quality_scope.h"
#include "services.h"
#include "table_tab.h"
#include "kam/countof.h"
#include "kam/duplicate_list.h"

#define PAGE 200

static const struct table_col duplicate_cols[] = {
	{ "Score", DL_SCORE, 0, ALIGN_RIGHT, TC_TEXT, COL_WHOLE },
	{ "Account", DL_ACCOUNT, 12, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Looks like", DL_OTHER, 12, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Why", DL_REASONS, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
};

static bool
send_page(struct table_tab *tt, struct tui *t)
{
	struct duplicate_list_req req = { .limit = PAGE,
	    .scope = t->quality_scope };

	table_tab_last_key(tt, &req.after_key, NULL);
	return duplicate_list_send(t->db, &req);
}

static void
open_pair(struct table_tab *tt, struct tui *t)
{
	const struct acct_rows *r = &tt->tb.rows;
	size_t i = tt->tb.nav.cursor;

	if (i >= r->nrows)
		return;
	view_account_open(t, acct_rows_get(r, i, DL_ACCOUNT_ID),
	    acct_rows_get(r, i, DL_ACCOUNT), TAB_OVERVIEW);
	tui_message(t, false, "Looks like %s: %s", acct_rows_get(r, i, DL_OTHER),
	    acct_rows_get(r, i, DL_REASONS));
}

static void
mark_pair(struct table_tab *tt, struct tui *t)
{
	const struct acct_rows *r = &tt->tb.rows;
	size_t i = tt->tb.nav.cursor;

	if (i >= r->nrows)
		return;
	table_tab_op(tt, t, EOP_NOT_DUPLICATE, acct_rows_get(r, i, DL_PAIR), "1",
	    "Marked: not a duplicate.", "Not a duplicate?");
}

/* The first account of the pair stays (X in the merge view swaps). */
static void
merge_pair(struct table_tab *tt, struct tui *t)
{
	const struct acct_rows *r = &tt->tb.rows;
	size_t i = tt->tb.nav.cursor;

	if (i < r->nrows)
		view_merge_open(t, false, acct_rows_get(r, i, DL_ACCOUNT_ID),
		    acct_rows_get(r, i, DL_OTHER_ID));
}

/* m: my accounts, my team's, all; D: not a duplicate. The findings are
 * below (Esc). */
static bool
duplicates_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	switch (a) {
	case ACT_FILTER_MINE:
		quality_scope_next(t);
		table_tab_refetch(tt, t);
		return true;
	case ACT_FORM_DEACTIVATE:
		mark_pair(tt, t);
		return true;
	case ACT_MERGE:
		merge_pair(tt, t);
		return true;
	default:
		return false;
	}
}

static void
duplicates_title(struct table_tab *tt, struct tui *t, struct kam_buf *out)
{
	(void)tt;
	buf_addf(out, "Data quality - duplicates, %s", quality_scope_words(t));
}

static void
duplicates_status(struct table_tab *tt, struct tui *t, struct kam_buf *out)
{
	(void)tt;
	buf_addf(out, " | %s (m: mine, team, all) D: not a duplicate, "
	    "J: merge, Esc: findings", quality_scope_name(t->quality_scope));
}

static bool
duplicates_allowed(const struct tui *t)
{
	return t->session.plans;
}

/* what kam.duplicate_accounts() reads (migration 0052) */
static const char *const duplicate_tables[] = { "account", "contact",
    "not_duplicate", NULL };

static const struct table_tab_def duplicates = {
	.what = "Pairs", .cols = duplicate_cols,
	.ncols = (int)countof(duplicate_cols),
	.live = duplicate_tables, .id_field = DL_KEY,
	.page = PAGE,
	.empty = "No candidate duplicates among these accounts.",
	.enter = open_pair, .action = duplicates_action, .send = send_page,
	.title = duplicates_title, .status = duplicates_status,
	.allowed = duplicates_allowed,
	.refused = "Your role may not look for duplicates.",
};

void
view_duplicates_show(struct tui *t)
{
	if (table_tab_is(t->top, &duplicates))
		tui_reload(t, t->top);
	else
		tui_push(t, table_tab_new(NULL, &duplicates));
}
