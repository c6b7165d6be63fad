/* The Feedback tab: the account's timeline (tab_history.c), only the
 * entries with a compliment, an idea or a complaint. */
#include "client.h"
#include "tab_history.h"
#include "table_tab.h"
#include "kam/account_detail.h"

#include "kam/countof.h"

static const struct table_col feedback_cols[] = {
	{ "When", HI_AT, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Kind", HI_FEEDBACK, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Channel", HI_CHANNEL, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Contact", HI_CONTACT, 10, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Subject", HI_SUBJECT, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
	/* a short list of words ("follow-up, open"): read whole */
	{ "State", HI_STATE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
};

static void
feedback_fill(struct tui *t, struct acct_rows_req *req)
{
	req->channel = t->hist.channel;
	req->feedback = t->hist.feedback ? t->hist.feedback : "any";
}

static const struct table_tab_def feedback = {
	.what = "Feedback", .query = AQ_HISTORY, .cols = feedback_cols,
	.ncols = (int)countof(feedback_cols), .role = history_feedback_role, .page = HISTORY_PAGE,
	.empty = "No compliments, ideas or complaints match.",
	.fill = feedback_fill, .enter = history_open_entry, .action = history_action,
};

struct view *
tab_feedback_new(struct view *account)
{
	return table_tab_new(account, &feedback);
}
