/* The History tab: the account's timeline, newest first, a page at a
 * time, filtered by channel and feedback kind, with each entry's state
 * (its follow-up, its complaint, corrected); Enter shows an entry in
 * full, e, x and C correct and close it (entry_ops.c), w, R, T and O
 * move feedback's loop (feedback_ops.c). The Feedback tab
 * (tab_feedback.c) is the same timeline. */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "entry_ops.h"
#include "feedback_ops.h"
#include "tab_history.h"
#include "table_tab.h"
#include "kam/account_detail.h"
#include "kam/xalloc.h"

#include "kam/countof.h"

static const struct table_col history_cols[] = {
	{ "When", HI_AT, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Channel", HI_CHANNEL, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Contact", HI_CONTACT, 10, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Subject", HI_SUBJECT, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Feedback", HI_FEEDBACK, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	/* a short list of words ("follow-up, open"): read whole */
	{ "State", HI_STATE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
};

enum theme_elem
history_feedback_role(const struct acct_rows *r, size_t row, int field)
{
	const char *f = acct_rows_get(r, row, HI_FEEDBACK);

	if (field != HI_FEEDBACK || f == NULL)
		return TE_NORMAL;
	if (strcmp(f, "complaint") == 0)
		return TE_FB_COMPLAINT;
	if (strcmp(f, "idea") == 0)
		return TE_FB_IDEA;
	if (strcmp(f, "compliment") == 0)
		return TE_FB_COMPLIMENT;
	return TE_NORMAL;
}

static void
history_fill(struct tui *t, struct acct_rows_req *req)
{
	req->channel = t->hist.channel;
	req->feedback = t->hist.feedback;
}

void
history_open_entry(struct table_tab *tt, struct tui *t)
{
	table_tab_open_entry(tt, t, acct_rows_get(&tt->tb.rows, tt->tb.nav.cursor,
	    HI_ID));
}

static void
cycle(char **slot, const char *const *values)
{
	const char *next = filter_cycle(values, *slot);

	free(*slot);
	*slot = xstrdup(next);
}

bool
history_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	if (a == ACT_FILTER_CHANNEL)
		cycle(&t->hist.channel, hist_channels);
	else if (a == ACT_FILTER_FEEDBACK)
		cycle(&t->hist.feedback, hist_feedbacks);
	else
		return feedback_ops_action(tt, t, a) || entry_ops_action(tt, t, a);
	table_tab_refetch(tt, t);
	return true;
}

bool
history_command(struct table_tab *tt, struct tui *t, const struct cmd *c)
{
	return feedback_ops_command(tt, t, c);
}

static const char *const history_tables[] = { "interaction", NULL };

static const struct table_tab_def history = {
	.what = "History", .query = AQ_HISTORY, .cols = history_cols,
	.live = history_tables, .id_field = HI_ID,
	.ncols = (int)countof(history_cols), .role = history_feedback_role, .page = HISTORY_PAGE,
	.back = true,
	.empty = "No history matches.", .fill = history_fill,
	.enter = history_open_entry, .action = history_action,
	.command = history_command,
};

struct view *
tab_history_new(struct view *account)
{
	return table_tab_new(account, &history);
}
