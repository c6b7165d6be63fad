/* What is due for the logged-in user (kam --due): follow-ups and plan
 * actions due today or earlier (kam.agenda_items()) and the cadence
 * breaches of the accounts the user owns (kam.cadence_breaches(),
 * migration 0029: contact, talk, renewal, condition), oldest first. */
#ifndef KAM_DUE_H
#define KAM_DUE_H

#include "kam/db.h"

/* Values as the database sends them (raw: sanitise before printing):
 * DUE_DAY is YYYY-MM-DD, DUE_KIND one of follow-up, action, contact,
 * talk, renewal, condition; DUE_JSON the item as one JSON object. */
enum due_field {
	DUE_DAY, DUE_KIND, DUE_ACCOUNT_ID, DUE_ACCOUNT, DUE_WHAT, DUE_JSON,
	DUE_NFIELDS
};

typedef void	(*due_fn)(void *ctx, const char *const field[DUE_NFIELDS]);

/* Calls emit once an item; returns a sysexits code (the database's error
 * logged). */
int	due_list(struct kam_db *db, due_fn emit, void *ctx);

#endif
