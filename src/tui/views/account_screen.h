/* The account screen: a tab bar over the tab in front (tabs/tab.h). */
#ifndef KAM_TUI_ACCOUNT_SCREEN_H
#define KAM_TUI_ACCOUNT_SCREEN_H

#include "client.h"

#define TAB_OVERVIEW 0
#define TAB_CONTACTS 1
#define TAB_CONDITIONS 2
#define TAB_SLA 3
#define TAB_PLAN 4
#define TAB_HISTORY 5
#define TAB_FEEDBACK 7

struct view	*view_account_new(struct tui *t, const char *id, const char *name);
/* Shows tab (0-8) of an account view. */
void		 view_account_tab(struct view *v, struct tui *t, int which);
/* Makes an account view on its Feedback tab, entry in full in front. */
struct view	*view_account_open_entry(struct tui *t, const char *id,
		    const char *name, const char *entry);
/* Makes an account view and shows it on tab which. */
struct view	*view_account_open(struct tui *t, const char *id, const char *name,
		    int which);

#endif
