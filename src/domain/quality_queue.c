/* The findings as a work list (kam/quality_queue.h): fixed text, values
 * as parameters ($1 the key of the page's edge, $2 the limit, $3 the
 * scope). The key is the severity's rank, the tier's, the account's id,
 * the rule and the row at fault, padded so that it sorts as bytes
 * whatever the database's collation. The scope filters the accounts
 * before the rules run, so that "mine" evaluates the user's accounts
 * only. */
#include <stdio.h>

#include "kam/quality_queue.h"

static const char queue_sql[] =
	"SELECT f.sort_key, f.sort_key AS id, f.severity, f.tier, f.account, "
	"f.rule, f.field, f.detail, f.account_id, f.entity, f.entity_id "
	"FROM (SELECT f.severity_rank || ' ' || CASE f.tier WHEN 'strategic' "
	"THEN 1 WHEN 'key' THEN 2 ELSE 3 END || ' ' || lpad(a.id::text, 19, '0') "
	"|| ' ' || f.rule || ' ' || lpad(f.entity_id::text, 19, '0') "
	"COLLATE \"C\" AS sort_key, f.severity, f.tier, a.name AS account, "
	"f.rule, f.field, f.detail, a.id AS account_id, f.entity, f.entity_id "
	"FROM kam.quality_finding f JOIN kam.account a ON a.id = f.account_id "
	"WHERE CASE $3::text WHEN 'mine' THEN a.owner_id = kam.my_user_id() "
	"WHEN 'team' THEN a.team = (SELECT u.team FROM kam.app_user u "
	"WHERE u.id = kam.my_user_id()) ELSE true END) f "
	"WHERE $1::text IS NULL OR f.sort_key > $1 "
	"ORDER BY f.sort_key LIMIT $2::int";

static const char *const queue_names[QQ_NFIELDS] = {
	[QQ_KEY] = "sort_key", [QQ_ID] = "id", [QQ_SEVERITY] = "severity",
	[QQ_TIER] = "tier", [QQ_ACCOUNT] = "account", [QQ_RULE] = "rule",
	[QQ_FIELD] = "field", [QQ_DETAIL] = "detail",
	[QQ_ACCOUNT_ID] = "account_id", [QQ_ENTITY] = "entity",
	[QQ_ENTITY_ID] = "entity_id",
};
static const struct db_columns queue_cols = DB_COLUMNS("quality findings",
    queue_names);

const char *
quality_scope_name(enum quality_scope s)
{
	return s == QUALITY_MINE ? "mine" : s == QUALITY_TEAM ? "team" : "all";
}

bool
quality_queue_send(struct kam_db *db, const struct quality_queue_req *req)
{
	char limit[16];
	const char *p[] = { req->after_key, limit, quality_scope_name(req->scope) };

	snprintf(limit, sizeof limit, "%d", req->limit > 0 ? req->limit : 100);
	return db_send_columns(db, queue_sql, 3, p, &queue_cols);
}
