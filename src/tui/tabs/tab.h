/* The tabs of the account screen. Each is a view of its own (its requests
 * are its own); the account view shows one at a time. */
#ifndef KAM_TUI_TAB_H
#define KAM_TUI_TAB_H

#include <stdbool.h>

#include "client.h"
#include "kam/edit.h"

#define NTABS 9

struct view	*tab_overview_new(struct view *account);
struct view	*tab_contacts_new(struct view *account);
struct view	*tab_conditions_new(struct view *account);
struct view	*tab_sla_new(struct view *account);
struct view	*tab_plan_new(struct view *account);
struct view	*tab_history_new(struct view *account);
struct view	*tab_orders_new(struct view *account);
struct view	*tab_feedback_new(struct view *account);
/* The Feedback tab's entry id in full in front of it, the tab's cursor
 * on its row once the rows read hold it. */
void		 tab_feedback_show(struct view *tab, struct tui *t, const char *id);
struct view	*tab_changes_new(struct view *account);

/* What every tab knows of its account: the account view (its parent)
 * begins with this, so a tab reads it without the account view's code. */
struct tab_account {
	struct view		 v;
	char			*id;
	char			*name;
	struct edit_rights	 rights;	/* what the user may change here */
	bool			 have_rights;
};

/* The account a tab belongs to. */
const char	*tab_account_id(const struct view *tab);
const char	*tab_account_name(const struct view *tab);
/* What the user may change on the account; NULL until it is known. */
const struct edit_rights *view_account_rights(const struct view *account);
/* Whether the user may change the account's what ("contacts") from tab;
 * says why not. */
bool		 tab_may_write(const struct view *tab, struct tui *t,
		    const char *what);
/* The same for its service levels, which a role of its team may grant. */
bool		 tab_may_write_sla(const struct view *tab, struct tui *t);

/* A tab's interest (view.h): tables of its account. */
void		 tab_interest(struct view *tab, const char *const *tables,
		    struct live_interest *out);

#endif
