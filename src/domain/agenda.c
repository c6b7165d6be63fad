/* The agenda's statement: fixed text, values as parameters ($1 the last
 * key, $2 the limit, $3 overdue only, $4 the kind). Each kind is read
 * from the user's own rows through an index (accounts by owner, entries
 * by author, actions by owner), never by scanning everyone's history. */
#include <stdio.h>

#include "kam/agenda.h"

#define ME "(SELECT kam.my_user_id())"

/* A follow-up on an account the user owns is open when it is not older
 * than the user's own last entry there; one the user logged elsewhere
 * comes from their own index. Either stays only while its author has
 * logged nothing later on the account. The OFFSET 0 fences keep the
 * planner from estimating these per-account sets as whole tables (and
 * scanning them as such); the details are read for the open ones only. */
#define FOLLOW_UPS \
	"SELECT i.follow_up_on AS due, 1 AS ord, i.id, '" AGENDA_FOLLOW_UP "' AS kind, " \
	"f.account_id, f.account, i.subject || ' (' || concat_ws(', ', i.channel, " \
	"(SELECT c.name FROM kam.contact c WHERE c.id = i.contact_id), " \
	"(SELECT 'by ' || u.display_name FROM kam.app_user u " \
	"WHERE u.id = i.author_id AND u.id <> " ME ")) || ')' AS what, " \
	"true AS dated FROM (" \
	"SELECT x.id, x.account_id, x.author_id, x.occurred_at, o.name AS account " \
	"FROM kam.account o CROSS JOIN LATERAL (SELECT * FROM (SELECT x.id, " \
	"x.account_id, x.author_id, x.occurred_at, x.follow_up_on " \
	"FROM kam.interaction x WHERE x.account_id = o.id AND x.occurred_at >= " \
	"coalesce((SELECT max(m.occurred_at) FROM kam.interaction m " \
	"WHERE m.account_id = o.id AND m.author_id = " ME "), '-infinity') " \
	"OFFSET 0) y WHERE y.follow_up_on <= current_date) x " \
	"WHERE o.owner_id = " ME " UNION ALL " \
	"SELECT x.id, x.account_id, x.author_id, x.occurred_at, o.name " \
	"FROM kam.interaction x JOIN kam.account o ON o.id = x.account_id " \
	"WHERE x.author_id = " ME " AND x.follow_up_on <= current_date " \
	"AND o.owner_id IS DISTINCT FROM " ME ") f " \
	"CROSS JOIN LATERAL (SELECT i.* FROM kam.interaction i WHERE i.id = f.id " \
	"OFFSET 0) i WHERE NOT EXISTS (SELECT 1 FROM kam.interaction j " \
	"WHERE j.account_id = f.account_id AND j.author_id = f.author_id " \
	"AND j.occurred_at > f.occurred_at) "

/* the user's own actions, and unassigned ones on the user's accounts */
#define ACTIONS \
	"UNION ALL SELECT x.due_on, 2, x.id, '" AGENDA_ACTION "', a.id, a.name, " \
	"x.title || ' (' || concat_ws(', ', x.kind, 'plan ' || p.year, " \
	"CASE WHEN x.owner_id IS NULL THEN 'unassigned' END) || ')', true " \
	"FROM kam.plan_action x JOIN kam.account_plan p ON p.id = x.plan_id " \
	"JOIN kam.account a ON a.id = p.account_id " \
	"WHERE x.status = 'open' AND x.due_on <= current_date " \
	"AND (x.owner_id = " ME " OR x.owner_id IS NULL) " \
	"AND (x.owner_id IS NOT NULL OR a.owner_id = " ME ") "

#define TALKS \
	"UNION ALL SELECT coalesce(p.annual_talk_on, make_date(p.year, 12, 31)), " \
	"3, p.id, '" AGENDA_TALK "', a.id, a.name, 'Annual talk ' || p.year, " \
	"p.annual_talk_on IS NOT NULL " \
	"FROM kam.account a JOIN kam.account_plan p ON p.account_id = a.id " \
	"WHERE a.owner_id = " ME " AND p.year = extract(year FROM current_date) " \
	"AND p.status <> 'closed' " \
	"AND (p.annual_talk_on IS NULL OR p.annual_talk_on >= current_date) "

#define DAYS(n) "(" n ") || CASE WHEN " n " = 1 THEN ' day' ELSE ' days' END"

/* The key sorts as bytes, whatever the database's collation. */
#define HEAD \
	"SELECT * FROM (SELECT to_char(m.due, 'YYYY-MM-DD') || ' ' || m.ord || " \
	"' ' || lpad(m.id::text, 19, '0') COLLATE \"C\" AS k, m.id, m.due, " \
	"CASE WHEN NOT m.dated THEN 'not scheduled' " \
	"WHEN m.due = current_date THEN 'today' " \
	"WHEN m.due < current_date THEN " DAYS("current_date - m.due") " || ' late' " \
	"ELSE 'in ' || " DAYS("m.due - current_date") " END AS due_words, " \
	"m.kind, m.account, m.what, m.account_id, m.due < current_date AS overdue " \
	"FROM ("
#define TAIL \
	") m) r WHERE ($1::text IS NULL OR r.k > $1) " \
	"AND (NOT $3::bool OR r.overdue) AND ($4::text IS NULL OR r.kind = $4) " \
	"ORDER BY r.k LIMIT $2::int"

static const char agenda_all[] = HEAD FOLLOW_UPS ACTIONS TALKS TAIL;
/* for roles that may not read plans (support): their follow-ups only */
static const char agenda_follow_ups[] = HEAD FOLLOW_UPS TAIL;

bool
agenda_send(struct kam_db *db, const struct agenda_req *req)
{
	char limit[16];
	const char *p[] = { req->after_key, limit,
	    req->overdue_only ? "t" : "f", req->kind };

	snprintf(limit, sizeof limit, "%d", req->limit > 0 ? req->limit : 100);
	return db_send(db, req->plans ? agenda_all : agenda_follow_ups, 4, p);
}
