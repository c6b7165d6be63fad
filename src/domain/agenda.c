/* The agenda's statement: fixed text, values as parameters ($1 the last
 * key, $2 the limit, $3 overdue only, $4 the kind). Which items are due
 * is kam.agenda_items() (migration 0008); here they are ordered, keyed
 * for paging, filtered and told in words. */
#include <stdio.h>

#include "kam/agenda.h"

#define DAYS(n) "(" n ") || CASE WHEN " n " = 1 THEN ' day' ELSE ' days' END"

/* The key sorts as bytes, whatever the database's collation. */
static const char agenda_sql[] =
	"SELECT * FROM (SELECT to_char(m.due, 'YYYY-MM-DD') || ' ' || m.ord || "
	"' ' || lpad(m.id::text, 19, '0') COLLATE \"C\" AS k, m.id, m.due, "
	"CASE WHEN NOT m.dated THEN 'not scheduled' "
	"WHEN m.due = current_date THEN 'today' "
	"WHEN m.due < current_date THEN " DAYS("current_date - m.due") " || ' late' "
	"ELSE 'in ' || " DAYS("m.due - current_date") " END, "
	"m.kind, m.account, m.what, m.account_id, m.due < current_date AS overdue "
	"FROM kam.agenda_items() m) r WHERE ($1::text IS NULL OR r.k > $1) "
	"AND (NOT $3::bool OR r.overdue) AND ($4::text IS NULL OR r.kind = $4) "
	"ORDER BY r.k LIMIT $2::int";

bool
agenda_send(struct kam_db *db, const struct agenda_req *req)
{
	char limit[16];
	const char *p[] = { req->after_key, limit,
	    req->overdue_only ? "t" : "f", req->kind };

	snprintf(limit, sizeof limit, "%d", req->limit > 0 ? req->limit : 100);
	return db_send(db, agenda_sql, 4, p);
}
