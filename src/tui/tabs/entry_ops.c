#include <string.h>

#include "client.h"
#include "entry_ops.h"
#include "form_view.h"
#include "forms.h"
#include "message.h"
#include "tab.h"
#include "table_tab.h"
#include "kam/account_detail.h"

static const char *
cell(const struct table_tab *tt, size_t row, int field)
{
	return acct_rows_get(&tt->tb.rows, row, (size_t)field);
}

/* The form that corrects the entry: a manager's or an admin's, or a
 * support agent's ticket (it stays one); NULL, said why, for neither. */
static const struct form_def *
correct_form(struct table_tab *tt, struct tui *t, size_t row)
{
	const struct edit_rights *r = view_account_rights(tt->v.parent);
	bool admin = t->user.kind != NULL && strcmp(t->user.kind, "admin") == 0;

	if (r == NULL) {
		tui_message(t, true, "Still reading what you may change here; "
		    "try again in a moment.");
		return NULL;
	}
	if (!admin && !table_cell_is(&tt->tb.rows, row, HI_MINE, "t")) {
		tui_message(t, true, "Only its author (%s) or an administrator may "
		    "correct this entry; L logs a new one.", cell(tt, row, HI_AUTHOR) ?
		    cell(tt, row, HI_AUTHOR) : "someone else");
		return NULL;
	}
	if (r->write)
		return &form_correct_interaction;
	if (r->tickets)
		return &form_correct_ticket;
	tui_message(t, true, "Your role may not change this account's history.");
	return NULL;
}

/* x and C: on an account the user may write, or on one's own ticket. */
static bool
may_change(struct table_tab *tt, struct tui *t, size_t row)
{
	const struct edit_rights *r = view_account_rights(tt->v.parent);

	if (r != NULL && r->tickets && !r->write &&
	    !table_cell_is(&tt->tb.rows, row, HI_MINE, "t")) {
		tui_message(t, true, "Support changes its own tickets only.");
		return false;
	}
	return r != NULL && (r->tickets || r->write) ? true :
	    tab_may_write(&tt->v, t, "history");
}

static void
follow_up(struct table_tab *tt, struct tui *t, size_t row)
{
	const char *state = cell(tt, row, HI_FOLLOW_UP_STATE);
	bool done = state != NULL && strcmp(state, "done") == 0;
	struct kam_buf q;

	if (state == NULL) {
		tui_message(t, true, "This entry has no follow-up.");
		return;
	}
	buf_init(&q);
	buf_addf(&q, done ? "Mark the follow-up of “%s” not done again?" :
	    "Mark the follow-up of “%s” done?", cell(tt, row, HI_SUBJECT));
	table_tab_op(tt, t, done ? EOP_FOLLOW_UP_REOPEN : EOP_FOLLOW_UP_DONE,
	    cell(tt, row, HI_ID), cell(tt, row, HI_VERSION),
	    done ? "Follow-up open again." : "Follow-up done.", q.data);
	buf_free(&q);
}

static void
complaint(struct table_tab *tt, struct tui *t, size_t row)
{
	const char *state = cell(tt, row, HI_COMPLAINT);
	struct kam_buf q;

	if (state == NULL) {
		tui_message(t, true, "This entry is no complaint.");
		return;
	}
	if (strcmp(state, "open") == 0) {
		form_view_open(t, &form_complaint, tab_account_id(&tt->v),
		    tab_account_name(&tt->v), cell(tt, row, HI_ID));
		return;
	}
	buf_init(&q);
	buf_addf(&q, "Reopen the complaint “%s”?", cell(tt, row, HI_SUBJECT));
	table_tab_op(tt, t, EOP_COMPLAINT_REOPEN, cell(tt, row, HI_ID),
	    cell(tt, row, HI_VERSION), "Complaint open again.", q.data);
	buf_free(&q);
}

bool
entry_ops_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	size_t row = tt->tb.nav.cursor;
	const struct form_def *form;

	if (a != ACT_FORM_EDIT && a != ACT_FORM_COMPLETE &&
	    a != ACT_FORM_CLOSE_COMPLAINT)
		return false;
	if (row >= tt->tb.rows.nrows)
		tui_message(t, true, "No entry under the cursor.");
	else if (a == ACT_FORM_EDIT) {
		if ((form = correct_form(tt, t, row)) != NULL)
			form_view_open(t, form, tab_account_id(&tt->v),
			    tab_account_name(&tt->v), cell(tt, row, HI_ID));
	} else if (!may_change(tt, t, row))
		;
	else if (a == ACT_FORM_COMPLETE)
		follow_up(tt, t, row);
	else
		complaint(tt, t, row);
	return true;
}
