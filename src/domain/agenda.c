/* The agenda's statement: fixed text, values as parameters ($1 the key
 * of the page's edge, $2 the limit, $3 overdue only, $4 the kind, $5
 * backwards: the page before the key). Which items are due, in which
 * order and by which key is kam.agenda_page() (migration 0032), which
 * reads only the page asked for; beside them the cadence's alarms of the
 * user's accounts (kam.cadence_breaches(), 0029, asked by owner: 0043,
 * kept by triggers and asked by kind: 0045), keyed the same way; here the
 * page is cut from both and told in words. */
#include <stdio.h>

#include "kam/agenda.h"

#define DAYS(n) "(" n ") || CASE WHEN " n " = 1 THEN ' day' ELSE ' days' END"

/* The cadence's alarms on the user's own accounts (migration 0029),
 * keyed as agenda_page keys its items (date, rank, id; the key sorts as
 * bytes, whatever the database's collation); its talks are the agenda's
 * own already, so they are not asked for. The kind ranks after the
 * agenda's three, so that a key stays unique. */
#define CADENCE_ITEMS \
	"SELECT to_char(c.due, 'YYYY-MM-DD') || ' ' || c.ord || ' ' || " \
	"lpad(c.id::text, 19, '0') COLLATE \"C\", c.* FROM (" \
	"SELECT b.due, CASE b.kind WHEN 'contact' THEN 4 WHEN 'renewal' THEN 5 " \
	"ELSE 6 END AS ord, coalesce(b.subject_id, b.account_id) AS id, b.kind, " \
	"b.account_id, b.account, b.what, true FROM " \
	"kam.cadence_breaches(current_date, kam.my_user_id(), " \
	"'{contact,renewal,condition}') b) c"

/* The page's edge and filters, on either part. */
#define PAGE_FILTER \
	"WHERE ($1::text IS NULL OR CASE WHEN $5::bool THEN p.sort_key < $1 " \
	"ELSE p.sort_key > $1 END) AND (NOT $3::bool OR p.due < current_date) " \
	"AND ($4::text IS NULL OR p.kind = $4) "

static const char agenda_sql[] =
	"SELECT m.sort_key, m.id, m.due, "
	"CASE WHEN NOT m.dated THEN 'not scheduled' "
	"WHEN m.due = current_date THEN 'today' "
	"WHEN m.due < current_date THEN " DAYS("current_date - m.due") " || ' late' "
	"ELSE 'in ' || " DAYS("m.due - current_date") " END AS due_words, "
	"m.kind, m.account, m.what, m.account_id, m.due < current_date AS overdue, "
	"CASE m.kind WHEN 'follow-up' THEN (SELECT i.version FROM kam.interaction i "
	"WHERE i.id = m.id) END AS version "
	"FROM (SELECT * FROM (SELECT * FROM kam.agenda_page($1::text, $2::int, "
	"$3::bool, $4::text, $5::bool) UNION ALL " CADENCE_ITEMS ") p "
	PAGE_FILTER "ORDER BY CASE WHEN $5::bool THEN NULL ELSE p.sort_key END, "
	"p.sort_key DESC LIMIT $2::int) m "
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
