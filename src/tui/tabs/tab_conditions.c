/* The account screen's plain tables: contacts, conditions (active,
 * upcoming, expired; ending within 30 days marked), orders and invoices
 * (overdue marked). */
#include <string.h>

#include "form_view.h"
#include "tab.h"
#include "kam/date.h"

#define N(a) (int)(sizeof (a) / sizeof (a)[0])

static bool
is(const struct acct_rows *r, size_t row, int field, const char *v)
{
	const char *s = acct_rows_get(r, row, (size_t)field);

	return s != NULL && strcmp(s, v) == 0;
}

static const struct table_col contact_cols[] = {
	{ "Name", CT_NAME, 20, ALIGN_LEFT, TC_TEXT },
	{ "Job title", CT_JOB, 14, ALIGN_LEFT, TC_TEXT },
	{ "Email", CT_EMAIL, 0, ALIGN_LEFT, TC_TEXT },
	{ "Phone", CT_PHONE, 15, ALIGN_LEFT, TC_TEXT },
	{ "Decides", CT_DECIDES, 7, ALIGN_LEFT, TC_YESNO },
	{ "Active", CT_ACTIVE, 6, ALIGN_LEFT, TC_YESNO },
};

static enum theme_elem
contact_role(const struct acct_rows *r, size_t row, int field)
{
	(void)field;
	return is(r, row, CT_ACTIVE, "f") ? TE_ACCT_DORMANT : TE_NORMAL;
}

/* The forms of a table's rows: a adds one, e edits the one under the
 * cursor, D ends it (asks first). */
struct row_forms {
	const struct form_def	*form;
	int			 id;		/* the rows' id field */
	const char		*what;		/* "contacts" */
	const char		*none;		/* "No contact under the cursor." */
	void			(*end)(struct table_tab *tt, struct tui *t, size_t row);
};

static bool
row_forms_action(struct table_tab *tt, struct tui *t, enum kam_action a,
    const struct row_forms *rf)
{
	size_t row = tt->tb.nav.cursor;

	if (a != ACT_FORM_ADD && a != ACT_FORM_EDIT && a != ACT_FORM_DEACTIVATE)
		return false;
	if (!tab_may_write(&tt->v, t, rf->what))
		return true;
	if (a == ACT_FORM_ADD)
		form_view_open(t, rf->form, tab_account_id(&tt->v),
		    tab_account_name(&tt->v), NULL);
	else if (row >= tt->tb.rows.nrows)
		tui_message(t, true, "%s", rf->none);
	else if (a == ACT_FORM_EDIT)
		form_view_open(t, rf->form, tab_account_id(&tt->v),
		    tab_account_name(&tt->v),
		    acct_rows_get(&tt->tb.rows, row, (size_t)rf->id));
	else
		rf->end(tt, t, row);
	return true;
}

static void
deactivate(struct table_tab *tt, struct tui *t, size_t row)
{
	struct kam_buf q;

	if (is(&tt->tb.rows, row, CT_ACTIVE, "f")) {
		tui_message(t, true, "This contact is inactive already (e edits it).");
		return;
	}
	buf_init(&q);
	buf_addf(&q, "Deactivate %s?", acct_rows_get(&tt->tb.rows, row, CT_NAME));
	table_tab_op(tt, t, EOP_CONTACT_DEACTIVATE,
	    acct_rows_get(&tt->tb.rows, row, CT_ID),
	    acct_rows_get(&tt->tb.rows, row, CT_VERSION), "Contact deactivated.",
	    q.data);
	buf_free(&q);
}

static const struct row_forms contact_forms = {
	&form_contact, CT_ID, "contacts", "No contact under the cursor.", deactivate,
};

static bool
contacts_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	return row_forms_action(tt, t, a, &contact_forms);
}

static const struct table_tab_def contacts = {
	.what = "Contacts", .query = AQ_CONTACTS, .cols = contact_cols,
	.ncols = N(contact_cols), .role = contact_role,
	.empty = "No contacts on record.", .action = contacts_action,
};

static const struct table_col condition_cols[] = {
	{ "State", CD_STATE, 9, ALIGN_LEFT, TC_TEXT },
	{ "Kind", CD_KIND, 13, ALIGN_LEFT, TC_TEXT },
	{ "Title", CD_TITLE, 0, ALIGN_LEFT, TC_TEXT },
	{ "Value", CD_VALUE, 12, ALIGN_RIGHT, TC_TEXT },
	{ "Scope", CD_SCOPE, 10, ALIGN_LEFT, TC_TEXT },
	{ "From", CD_FROM, 10, ALIGN_LEFT, TC_TEXT },
	{ "To", CD_TO, 10, ALIGN_LEFT, TC_TEXT },
};

static enum theme_elem
condition_role(const struct acct_rows *r, size_t row, int field)
{
	if (is(r, row, CD_SOON, "t"))
		return field == CD_TO || field == CD_STATE ? TE_COND_EXPIRING : TE_NORMAL;
	if (is(r, row, CD_STATE, "expired"))
		return TE_COND_EXPIRED;
	if (is(r, row, CD_STATE, "upcoming"))
		return TE_COND_UPCOMING;
	return TE_NORMAL;
}

/* D: valid to today, the user's, asked first. A condition that has not
 * begun cannot end before it begins (valid_range); one that has ended is
 * left as it is. */
static void
end_condition(struct table_tab *tt, struct tui *t, size_t row)
{
	const struct acct_rows *r = &tt->tb.rows;
	const char *to = acct_rows_get(r, row, CD_TO);
	char today[DATE_STRLEN];
	struct kam_buf q;

	date_format(date_today(), today);
	if (strcmp(acct_rows_get(r, row, CD_FROM), today) > 0) {
		tui_message(t, true, "This condition begins on %s: e changes its "
		    "dates.", acct_rows_get(r, row, CD_FROM));
		return;
	}
	if (to != NULL && strcmp(to, today) <= 0) {
		tui_message(t, true, "This condition ends on %s already (e changes "
		    "its dates).", to);
		return;
	}
	buf_init(&q);
	buf_addf(&q, "End “%s” today (%s)? It applies until then; e sets another "
	    "date.", acct_rows_get(r, row, CD_TITLE), today);
	table_tab_op_value(tt, t, EOP_CONDITION_END, acct_rows_get(r, row, CD_ID),
	    acct_rows_get(r, row, CD_VERSION), today, "Condition ended today.",
	    q.data);
	buf_free(&q);
}

static const struct row_forms condition_forms = {
	&form_condition, CD_ID, "conditions", "No condition under the cursor.",
	end_condition,
};

static bool
conditions_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	return row_forms_action(tt, t, a, &condition_forms);
}

static const struct table_tab_def conditions = {
	.what = "Conditions", .query = AQ_CONDITIONS, .cols = condition_cols,
	.ncols = N(condition_cols), .role = condition_role,
	.empty = "No special conditions.", .action = conditions_action,
};

static const struct table_col money_cols[] = {
	{ "Kind", MO_KIND, 7, ALIGN_LEFT, TC_TEXT },
	{ "Number", MO_NUMBER, 0, ALIGN_LEFT, TC_TEXT },
	{ "Date", MO_DATE, 10, ALIGN_LEFT, TC_TEXT },
	{ "Due", MO_DUE, 10, ALIGN_LEFT, TC_TEXT },
	{ "Amount", MO_AMOUNT, 13, ALIGN_RIGHT, TC_MONEY },
	{ "Open", MO_OPEN, 13, ALIGN_RIGHT, TC_MONEY },
	{ "Status", MO_STATUS, 7, ALIGN_LEFT, TC_TEXT },
	{ "Late", MO_OVERDUE, 4, ALIGN_LEFT, TC_YESNO },
};

static enum theme_elem
money_role(const struct acct_rows *r, size_t row, int field)
{
	(void)field;
	return is(r, row, MO_OVERDUE, "t") ? TE_OVERDUE : TE_NORMAL;
}

static bool
may_read_money(const struct tui *t)
{
	return t->session.erp_figures;
}

static const struct table_tab_def money = {
	.what = "Orders & invoices", .query = AQ_MONEY, .cols = money_cols,
	.ncols = N(money_cols), .role = money_role, .page = 200,
	.empty = "No orders or invoices.", .allowed = may_read_money,
	.refused = "Your role is not allowed to read orders and invoices.",
};

struct view *
tab_contacts_new(struct view *account)
{
	return table_tab_new(account, &contacts);
}

struct view *
tab_conditions_new(struct view *account)
{
	return table_tab_new(account, &conditions);
}

struct view *
tab_money_new(struct view *account)
{
	return table_tab_new(account, &money);
}
