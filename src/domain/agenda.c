/* The agenda's statement: fixed text, values as parameters ($1 the last
 * key, $2 the limit, $3 overdue only, $4 the kind). Which items are due
 * is kam.agenda_items() (migration 0008) and kam.cadence_breaches()
 * (0029); here they are ordered, keyed for paging, filtered and told in
 * words. */
#include <stdio.h>

#include "kam/agenda.h"

#define DAYS(n) "(" n ") || CASE WHEN " n " = 1 THEN ' day' ELSE ' days' END"

/* A talk that took place is done, whatever its planned day (migration
 * 0020); agenda_items() lists it until that day has passed. Asked of
 * talks only: CASE, unlike OR, keeps to that order. */
#define TALK_NOT_HELD "CASE WHEN m.kind = 'talk' THEN NOT kam.talk_held(m.id) " \
	"ELSE true END"

/* The cadence's alarms on the user's own accounts (migration 0029),
 * beside the agenda's items; its talks are the agenda's own already. The
 * kind orders them, so that a key stays unique. */
#define CADENCE_ITEMS \
	"SELECT b.due, CASE b.kind WHEN 'contact' THEN 4 WHEN 'renewal' THEN 5 " \
	"ELSE 6 END, coalesce(b.subject_id, b.account_id), b.kind, b.account_id, " \
	"b.account, b.what, true FROM kam.cadence_breaches() b " \
	"WHERE b.owner_id = kam.my_user_id() AND b.kind <> 'talk'"

/* The key sorts as bytes, whatever the database's collation. */
static const char agenda_sql[] =
	"SELECT * FROM (SELECT to_char(m.due, 'YYYY-MM-DD') || ' ' || m.ord || "
	"' ' || lpad(m.id::text, 19, '0') COLLATE \"C\" AS sort_key, m.id, m.due, "
	"CASE WHEN NOT m.dated THEN 'not scheduled' "
	"WHEN m.due = current_date THEN 'today' "
	"WHEN m.due < current_date THEN " DAYS("current_date - m.due") " || ' late' "
	"ELSE 'in ' || " DAYS("m.due - current_date") " END AS due_words, "
	"m.kind, m.account, m.what, m.account_id, m.due < current_date AS overdue, "
	"CASE m.kind WHEN 'follow-up' THEN (SELECT i.version FROM kam.interaction i "
	"WHERE i.id = m.id) END AS version "
	"FROM (SELECT * FROM kam.agenda_items() UNION ALL " CADENCE_ITEMS ") m "
	"WHERE " TALK_NOT_HELD ") r "
	"WHERE ($1::text IS NULL OR r.sort_key > $1) "
	"AND (NOT $3::bool OR r.overdue) AND ($4::text IS NULL OR r.kind = $4) "
	"ORDER BY r.sort_key LIMIT $2::int";

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
	    req->overdue_only ? "t" : "f", req->kind };

	snprintf(limit, sizeof limit, "%d", req->limit > 0 ? req->limit : 100);
	return db_send_columns(db, agenda_sql, 4, p, &agenda_cols);
}
