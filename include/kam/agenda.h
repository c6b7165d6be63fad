/* The agenda of the logged-in user: follow-ups, plan actions and annual
 * talks that are due, across the user's accounts, in one list ordered by
 * date, a page at a time. Asynchronous like kam/account_detail.h:
 * agenda_send() starts the statement, acct_rows_recv() collects it.
 *
 * Whose items (kam.agenda_page(), migrations 0008, 0018 and 0032): follow-ups
 * due today or earlier and not done that the user is to follow up (logged,
 * or handed over with an account), or that anyone logged on an account the
 * user owns, until the author or the user logs a later entry on that
 * account; open plan actions due today or earlier that the user owns, and
 * unassigned ones on the user's accounts; this year's annual talks on the
 * user's accounts that are not set or not past yet (a plan that is closed
 * needs none); and the cadence's alarms of contact, renewal and
 * condition on the user's accounts. Roles that may not read plans get
 * their follow-ups only. */
#ifndef KAM_AGENDA_H
#define KAM_AGENDA_H

#include <stdbool.h>

#include "kam/account_detail.h"
#include "kam/db.h"

/* AG_KEY orders the list; AG_DUE is the date (a talk not set yet is due
 * by the end of the year); AG_WHEN says it in words ("3 days late",
 * "today", "in 5 days", "not scheduled"); AG_KIND is one of the kinds
 * below; AG_OVERDUE is t when the date has passed; AG_VERSION is the
 * version of a follow-up's entry (for x), else NULL. */
enum agenda_field {
	AG_KEY, AG_ID, AG_DUE, AG_WHEN, AG_KIND, AG_ACCOUNT, AG_WHAT,
	AG_ACCOUNT_ID, AG_OVERDUE, AG_VERSION, AG_NFIELDS
};

/* the kinds, as kam.agenda_items() names them */
#define AGENDA_FOLLOW_UP	"follow-up"
#define AGENDA_ACTION		"action"
#define AGENDA_TALK		"talk"
/* cadence alarms (kam.cadence_breaches(), migration 0029) */
#define AGENDA_CONTACT		"contact"
#define AGENDA_RENEWAL		"renewal"
#define AGENDA_CONDITION	"condition"

struct agenda_req {
	const char	*after_key;	/* the last row's AG_KEY; NULL: from the top */
	int		 limit;
	bool		 backwards;	/* the rows before after_key (NULL: the
					   last ones), still in order */
	bool		 overdue_only;
	const char	*kind;		/* one kind only, or NULL */
};

bool	agenda_send(struct kam_db *db, const struct agenda_req *req);

#endif
