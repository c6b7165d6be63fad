/* The account screen's plain tables: contacts, conditions (active,
 * upcoming, expired; ending within 30 days marked), orders and invoices
 * (overdue marked). */
#include <string.h>

#include "form_view.h"
#include "tabs.h"

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

/* Whether the user may change the account's contacts; says why not. */
static bool
may_write(struct table_tab *tt, struct tui *t)
{
	const struct edit_rights *r = view_account_rights(tt->v.parent);

	if (r == NULL)
		tui_message(t, true, "Still reading what you may change here; "
		    "try again in a moment.");
	else if (!r->write)
		tui_message(t, true, "Your role may not change this account's contacts.");
	return r != NULL && r->write;
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

static bool
contacts_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	size_t row = tt->tb.nav.cursor;

	if (a != ACT_FORM_ADD && a != ACT_FORM_EDIT && a != ACT_FORM_DEACTIVATE)
		return false;
	if (!may_write(tt, t))
		return true;
	if (a == ACT_FORM_ADD)
		form_view_open(t, &form_contact, tab_account_id(&tt->v),
		    tab_account_name(&tt->v), NULL);
	else if (row >= tt->tb.rows.nrows)
		tui_message(t, true, "No contact under the cursor.");
	else if (a == ACT_FORM_EDIT)
		form_view_open(t, &form_contact, tab_account_id(&tt->v),
		    tab_account_name(&tt->v), acct_rows_get(&tt->tb.rows, row, CT_ID));
	else
		deactivate(tt, t, row);
	return true;
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

static const struct table_tab_def conditions = {
	.what = "Conditions", .query = AQ_CONDITIONS, .cols = condition_cols,
	.ncols = N(condition_cols), .role = condition_role,
	.empty = "No special conditions.",
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
