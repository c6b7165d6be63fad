/* The Contacts tab: the account's people, inactive ones dimmed; a adds,
 * e edits, D deactivates (asked first); J marks a contact and J on
 * another merges the two (merge_screen.h), the one marked first stays. */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "forms.h"
#include "merge_screen.h"
#include "message.h"
#include "row_forms.h"
#include "table_tab.h"
#include "kam/account_detail.h"
#include "kam/xalloc.h"

#include "kam/countof.h"

static const struct table_col contact_cols[] = {
	{ "Name", CT_NAME, 12, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Job title", CT_JOB, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Email", CT_EMAIL, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Phone", CT_PHONE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Decides", CT_DECIDES, 0, ALIGN_LEFT, TC_YESNO, COL_WHOLE },
	{ "Active", CT_ACTIVE, 0, ALIGN_LEFT, TC_YESNO, COL_WHOLE },
};

static enum theme_elem
contact_role(const struct acct_rows *r, size_t row, int field)
{
	(void)field;
	return table_cell_is(r, row, CT_ACTIVE, "f") ? TE_ACCT_DORMANT : TE_NORMAL;
}

static void
deactivate(struct table_tab *tt, struct tui *t, size_t row)
{
	struct kam_buf q;

	if (table_cell_is(&tt->tb.rows, row, CT_ACTIVE, "f")) {
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

/* The mark lives in the client, not the tab, so that it survives the
 * tab being read again; a contact of another account merges as the
 * database says (it refuses: merge the accounts first). */
static void
merge_contact(struct table_tab *tt, struct tui *t)
{
	size_t row = tt->tb.nav.cursor;
	const char *id = acct_rows_get(&tt->tb.rows, row, CT_ID);
	char *first = t->merge_contact;

	if (id == NULL) {
		tui_message(t, true, "No contact under the cursor.");
		return;
	}
	if (first == NULL || strcmp(first, id) == 0) {
		free(first);
		t->merge_contact = xstrdup(id);
		tui_message(t, false, "%s marked to stay: J on the other contact "
		    "merges it into this one.", acct_rows_get(&tt->tb.rows, row, CT_NAME));
		return;
	}
	t->merge_contact = NULL;
	view_merge_open(t, true, first, id);
	free(first);
}

static bool
contacts_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	if (a == ACT_MERGE) {
		merge_contact(tt, t);
		return true;
	}
	return row_forms_action(tt, t, a, &contact_forms);
}

static const char *const contact_tables[] = { "contact", NULL };

static const struct table_tab_def contacts = {
	.what = "Contacts", .query = AQ_CONTACTS, .cols = contact_cols,
	.live = contact_tables, .id_field = CT_ID,
	.ncols = (int)countof(contact_cols), .role = contact_role,
	.empty = "No contacts on record.", .action = contacts_action,
};

struct view *
tab_contacts_new(struct view *account)
{
	return table_tab_new(account, &contacts);
}
