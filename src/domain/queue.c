#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "kam/log.h"
#include "kam/queue.h"

/* The page is picked on the index kam.ticket_queue (0033: the due time,
 * no due time last, then the id), and only its rows are joined to their
 * milestones: the clock runs for a page, not for the whole queue. */
static const char page_sql[] =
	"SELECT p.k::text AS k, s.id, s.account_id, s.account, s.subject, "
	"s.priority, s.state, "
	"coalesce(to_char(s.next_due_at, 'YYYY-MM-DD HH24:MI'), '') AS due, "
	"CASE WHEN s.next_due_at IS NULL THEN '' "
	"WHEN s.next_due_at = s.first_response_due AND s.first_response_at IS NULL "
	"THEN 'first response' ELSE 'resolution' END AS milestone, "
	"coalesce(CASE WHEN s.time_left < interval '0' THEN '-' ELSE '' END || "
	"CASE WHEN abs(l.m) >= 60 THEN abs(l.m) / 60 || ' h ' ELSE '' END || "
	"abs(l.m) % 60 || ' min', '') AS time_left, "
	"CASE WHEN s.breached THEN 'breached' WHEN s.at_risk THEN 'at risk' "
	"WHEN s.state = 'waiting_for_customer' THEN 'paused' ELSE '' END AS mark, "
	"coalesce(s.escalation, '') AS escalation, "
	"json_build_object('id', s.id, 'account_id', s.account_id, "
	"'account', s.account, 'subject', s.subject, 'priority', s.priority, "
	"'state', s.state, 'opened_at', s.opened_at, 'sla', s.sla_name, "
	"'next_due_at', s.next_due_at, 'at_risk', s.at_risk, "
	"'breached', s.breached, 'escalation', s.escalation, "
	"'business_seconds_left', extract(epoch FROM s.time_left)::bigint, "
	"'first_response', json_build_object('due', s.first_response_due, "
	"'met_at', s.first_response_at, 'state', s.first_response_state, "
	"'breached_at', s.first_response_breached_at), "
	"'resolution', json_build_object('due', s.resolution_due, "
	"'met_at', s.resolved_at, 'state', s.resolution_state, "
	"'breached_at', s.resolution_breached_at), "
	"'paused_since', s.paused_since) AS json "
	"FROM (SELECT coalesce(x.next_due_at, 'infinity'::timestamptz) AS k, x.id "
	"FROM kam.ticket x WHERE x.state <> 'closed' "
	"AND (coalesce(x.next_due_at, 'infinity'::timestamptz), x.id) > "
	"($1::timestamptz, $2::bigint) "
	"ORDER BY coalesce(x.next_due_at, 'infinity'::timestamptz), x.id "
	"LIMIT $3::integer) p "
	"CROSS JOIN LATERAL (SELECT * FROM kam.ticket_status y "
	"WHERE y.id = p.id) s "
	/* whole minutes of business time, rounded towards the due time */
	"CROSS JOIN LATERAL (SELECT (sign(extract(epoch FROM s.time_left)) * "
	"ceil(abs(extract(epoch FROM s.time_left)) / 60))::bigint AS m) l "
	"ORDER BY p.k, p.id";

static const char counts_sql[] =
	"SELECT count(*) FILTER (WHERE s.at_risk AND NOT s.breached), "
	"count(*) FILTER (WHERE s.breached) "
	"FROM kam.ticket_status s WHERE s.state <> 'closed'";

static const char *const queue_names[QUEUE_NFIELDS] = {
	[QUEUE_KEY] = "k", [QUEUE_ID] = "id", [QUEUE_ACCOUNT_ID] = "account_id",
	[QUEUE_ACCOUNT] = "account", [QUEUE_SUBJECT] = "subject",
	[QUEUE_PRIORITY] = "priority", [QUEUE_STATE] = "state",
	[QUEUE_DUE] = "due", [QUEUE_MILESTONE] = "milestone",
	[QUEUE_LEFT] = "time_left", [QUEUE_MARK] = "mark",
	[QUEUE_ESCALATION] = "escalation", [QUEUE_JSON] = "json",
};

static const struct db_columns queue_cols = DB_COLUMNS("the queue", queue_names);

static void
page_params(const char *params[3], char n[16], const char *key,
    const char *id, int limit)
{
	snprintf(n, 16, "%d", limit);
	params[0] = key != NULL ? key : "-infinity";
	params[1] = key != NULL && id != NULL ? id : "0";
	params[2] = n;
}

bool
queue_send(struct kam_db *db, const char *key, const char *id, int limit)
{
	char n[16];
	const char *params[3];

	page_params(params, n, key, id, limit);
	return db_send_columns(db, page_sql, 3, params, &queue_cols);
}

int
queue_page(struct kam_db *db, const char *key, const char *id, int limit,
    queue_fn emit, void *ctx)
{
	char n[16];
	const char *params[3];
	const char *field[QUEUE_NFIELDS];
	struct kam_res *r;
	int rows;

	page_params(params, n, key, id, limit);
	r = res_columns(db, db_query(db, page_sql, 3, params), &queue_cols);
	if (r == NULL) {
		log_warn("%s", db_error(db));
		return -1;
	}
	rows = res_rows(r);
	for (int i = 0; i < rows; i++) {
		for (int f = 0; f < QUEUE_NFIELDS; f++)
			field[f] = res_get(r, i, f);
		emit(ctx, field);
	}
	res_free(r);
	return rows;
}

int
queue_counts(struct kam_db *db, long *at_risk, long *breached)
{
	long n[2] = { 0, 0 };
	int rc = db_counts(db, counts_sql, 0, NULL, n, 2);

	*at_risk = n[0];
	*breached = n[1];
	return rc;
}
