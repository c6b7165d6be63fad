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

/* Whether the user may write what (sla: the service levels, which a role
 * of the account team may grant), saying why not when not. */
static bool
may(const struct view *tab, struct tui *t, const char *what, bool sla)
{
	const struct edit_rights *r = view_account_rights(tab->parent);
	bool ok = r != NULL && (sla ? r->sla : r->write);

	if (r == NULL)
		tui_message(t, true, "Still reading what you may change here; "
		    "try again in a moment.");
	else if (!ok)
		tui_message(t, true, "Your role may not change this account's %s.",
		    what);
	return ok;
}

bool
tab_may_write(const struct view *tab, struct tui *t, const char *what)
{
	return may(tab, t, what, false);
}

bool
tab_may_write_sla(const struct view *tab, struct tui *t)
{
	return may(tab, t, "service level", true);
}

void
tab_interest(struct view *tab, const char *const *tables,
    struct live_interest *out)
{
	out->tables = tables;
	out->account = tab_account_id(tab);
}
