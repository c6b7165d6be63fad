/* The support queue (kam --queue, the :queue screen): every open ticket
 * (migration 0033) the user may read, by its next due milestone, read a
 * page at a time by key (the due time, then the id), with the business
 * time left, at risk and breached. */
#ifndef KAM_QUEUE_H
#define KAM_QUEUE_H

#include <stdbool.h>

#include "kam/db.h"

/* Values as the database sends them (raw: sanitise before printing).
 * QUEUE_KEY and QUEUE_ID are the page's key (pass the last row's to read
 * the next page); QUEUE_DUE is the next due time in the session's time
 * zone, "" when none runs (waiting, resolved, no service level);
 * QUEUE_MILESTONE "first response" or "resolution"; QUEUE_LEFT business
 * seconds left (negative past due), "" without a due time; QUEUE_MARK
 * breached, at risk, paused or ""; QUEUE_ESCALATION whom to call when at
 * risk or breached; QUEUE_JSON the ticket as one JSON object (kam(1)). */
enum queue_field {
	QUEUE_KEY, QUEUE_ID, QUEUE_ACCOUNT_ID, QUEUE_ACCOUNT, QUEUE_SUBJECT,
	QUEUE_PRIORITY, QUEUE_STATE, QUEUE_DUE, QUEUE_MILESTONE, QUEUE_LEFT,
	QUEUE_MARK, QUEUE_ESCALATION, QUEUE_JSON, QUEUE_NFIELDS
};

typedef void	(*queue_fn)(void *ctx, const char *const field[QUEUE_NFIELDS]);

/* One page: at most limit tickets after (key, id), or from the start
 * when key is NULL. Returns the number emitted, or -1 (the database's
 * error logged). */
int	queue_page(struct kam_db *db, const char *key, const char *id, int limit,
	    queue_fn emit, void *ctx);

/* queue_page's statement sent for the client's loop: db_take (or
 * acct_rows_recv) collects the page, its cells by enum queue_field. */
bool	queue_send(struct kam_db *db, const char *key, const char *id, int limit);

/* How many open tickets are at risk and breached now; a sysexits code. */
int	queue_counts(struct kam_db *db, long *at_risk, long *breached);

#endif
