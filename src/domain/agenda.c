/* The agenda's statement: fixed text, values as parameters ($1 the key
 * of the page's edge, $2 the limit, $3 overdue only, $4 the kind, $5
 * backwards: the page before the key). Which items are due, in which
 * order and by which key is kam.agenda_page() (migration 0032), which
 * reads only the page asked for; here they are told in words. */
#include <stdio.h>

#include "kam/agenda.h"

#define DAYS(n) "(" n ") || CASE WHEN " n " = 1 THEN ' day' ELSE ' days' END"

static const char agenda_sql[] =
	"SELECT m.sort_key, m.id, m.due, "
	"CASE WHEN NOT m.dated THEN 'not scheduled' "
	"WHEN m.due = current_date THEN 'today' "
	"WHEN m.due < current_date THEN " DAYS("current_date - m.due") " || ' late' "
	"ELSE 'in ' || " DAYS("m.due - current_date") " END AS due_words, "
	"m.kind, m.account, m.what, m.account_id, m.due < current_date AS overdue, "
	"CASE m.kind WHEN 'follow-up' THEN (SELECT i.version FROM kam.interaction i "
	"WHERE i.id = m.id) END AS version "
	"FROM kam.agenda_page($1::text, $2::int, $3::bool, $4::text, $5::bool) m "
	"ORDER BY m.sort_key";

/* The columns it returns, named for enum agenda_field; db_take checks
 * them. */
static const char *const agenda_names[AG_NFIELDS] = {
	[AG_KEY] = "sort_key", [AG_ID] = "id", [AG_DUE] = "due",
	[AG_WHEN] = "due_words", [AG_KIND] = "kind", [AG_ACCOUNT] = "account",
	[AG_WHAT] = "what", [AG_ACCOUNT_ID] = "account_id",
	[AG_OVERDUE] = "overdue", [AG_VERSION] = "version",
};

static const struct db_columns agenda_cols = DB_COLUMNS("agenda", agenda_names);

bool
agenda_send(struct kam_db *db, const struct agenda_req *req)
{
	char limit[16];
	const char *p[] = { req->after_key, limit,
	    req->overdue_only ? "t" : "f", req->kind, req->backwards ? "t" : "f" };

	snprintf(limit, sizeof limit, "%d", req->limit > 0 ? req->limit : 100);
	return db_send_columns(db, agenda_sql, 5, p, &agenda_cols);
}
