/* A tab reads its account through struct tab_account, which its parent
 * begins with; no tab calls the account view's code, so a tab links
 * without it (and without its other tabs). */
#include "client.h"
#include "message.h"
#include "tab.h"

#define ACCOUNT(tab) ((const struct tab_account *)(tab)->parent)

const char *
tab_account_id(const struct view *tab)
{
	return ACCOUNT(tab)->id;
}

const char *
tab_account_name(const struct view *tab)
{
	return ACCOUNT(tab)->name;
}

const struct edit_rights *
view_account_rights(const struct view *account)
{
	const struct tab_account *a = (const struct tab_account *)account;

	return a->have_rights ? &a->rights : NULL;
}

bool
tab_may_write(const struct view *tab, struct tui *t, const char *what)
{
	const struct edit_rights *r = view_account_rights(tab->parent);

	if (r == NULL)
		tui_message(t, true, "Still reading what you may change here; "
		    "try again in a moment.");
	else if (!r->write)
		tui_message(t, true, "Your role may not change this account's %s.",
		    what);
	return r != NULL && r->write;
}

void
tab_interest(struct view *tab, const char *const *tables,
    struct live_interest *out)
{
	out->tables = tables;
	out->account = tab_account_id(tab);
}
