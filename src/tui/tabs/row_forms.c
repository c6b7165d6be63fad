/* One table of forms per tab, so adding a form to a tab is a line. */
#include "client.h"
#include "form_view.h"
#include "message.h"
#include "row_forms.h"
#include "table_tab.h"
#include "kam/account_detail.h"

bool
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
