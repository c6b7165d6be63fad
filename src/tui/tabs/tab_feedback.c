/* The Feedback tab: the account's timeline (tab_history.c), only the
 * entries with a compliment, an idea or a complaint, each with its loop:
 * state, topics, owner, due time (w, R, T, O: feedback_ops.c). */
#include "client.h"
#include "tab_history.h"
#include "table_tab.h"
#include "kam/account_detail.h"

#include "kam/countof.h"

/* The loop first (kind, state), then what it is about, who has it and
 * when it is due; the channel and contact are History's. */
static const struct table_col feedback_cols[] = {
	{ "When", HI_AT, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Kind", HI_FEEDBACK, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Loop", HI_LOOP, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Subject", HI_SUBJECT, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Topics", HI_TOPICS, 8, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Owner", HI_OWNER, 8, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Due", HI_DUE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	/* a short list of words ("follow-up, open"): read whole */
	{ "State", HI_STATE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
};

/* Kinds in their colours; an item whose first answer is late, in the
 * overdue colour (its words say "overdue" too, for a screen without). */
static enum theme_elem
feedback_role(const struct acct_rows *r, size_t row, int field)
{
	if ((field == HI_LOOP || field == HI_DUE) &&
	    table_cell_is(r, row, HI_OVERDUE, "t"))
		return TE_OVERDUE;
	return history_feedback_role(r, row, field);
}

static void
feedback_fill(struct tui *t, struct acct_rows_req *req)
{
	req->channel = t->hist.channel;
	req->feedback = t->hist.feedback ? t->hist.feedback : "any";
}

static const char *const feedback_tables[] = { "interaction", NULL };

static const struct table_tab_def feedback = {
	.what = "Feedback", .query = AQ_HISTORY, .cols = feedback_cols,
	.live = feedback_tables, .id_field = HI_ID,
	.ncols = (int)countof(feedback_cols), .role = feedback_role, .page = HISTORY_PAGE,
	.back = true,
	.empty = "No compliments, ideas or complaints match.",
	.fill = feedback_fill, .enter = history_open_entry, .action = history_action,
	.command = history_command,
};

struct view *
tab_feedback_new(struct view *account)
{
	return table_tab_new(account, &feedback);
}

void
tab_feedback_show(struct view *tab, struct tui *t, const char *id)
{
	struct table_tab *tt = (struct table_tab *)tab;

	if (!table_tab_is(tab, &feedback))
		return;
	table_seek(&tt->tb, id);
	table_tab_open_entry(tt, t, id);
}
