/* Candidate duplicate accounts as a work list (kam/duplicate_list.h):
 * fixed text, values as parameters ($1 the key of the page's edge, $2 the
 * limit, $3 the scope). The key is the score's distance from 100 and the
 * pair's ids, padded so that it sorts as bytes whatever the database's
 * collation. A pair is in "mine" or "team" when either account is. And
 * the mark "not a duplicate" as an operation on a row (kam/edit.h): $1 the
 * pair "LOW HIGH", $2 unused but typed (operations send a version). */
#include <stdio.h>

#include "edit_entity.h"
#include "kam/duplicate_list.h"

static const char list_sql[] =
	"SELECT d.sort_key, d.account_id || ' ' || d.other_id AS pair, "
	"d.score, concat_ws(', ', a.name, a.city) AS account, "
	"concat_ws(', ', b.name, b.city) AS other, d.reasons, d.account_id, "
	"d.other_id "
	"FROM (SELECT lpad((100 - d.score)::text, 3, '0') || ' ' || "
	"lpad(d.account_id::text, 19, '0') || ' ' || "
	"lpad(d.other_id::text, 19, '0') COLLATE \"C\" AS sort_key, d.* "
	"FROM kam.duplicate_accounts() d) d "
	"JOIN kam.account a ON a.id = d.account_id "
	"JOIN kam.account b ON b.id = d.other_id "
	"WHERE ($1::text IS NULL OR d.sort_key > $1) "
	"AND CASE $3::text WHEN 'mine' THEN kam.my_user_id() IN (a.owner_id, "
	"b.owner_id) WHEN 'team' THEN (SELECT u.team FROM kam.app_user u "
	"WHERE u.id = kam.my_user_id()) IN (a.team, b.team) ELSE true END "
	"ORDER BY d.sort_key LIMIT $2::int";

static const char *const list_names[DL_NFIELDS] = {
	[DL_KEY] = "sort_key", [DL_PAIR] = "pair", [DL_SCORE] = "score",
	[DL_ACCOUNT] = "account", [DL_OTHER] = "other", [DL_REASONS] = "reasons",
	[DL_ACCOUNT_ID] = "account_id", [DL_OTHER_ID] = "other_id",
};
static const struct db_columns list_cols = DB_COLUMNS("duplicate accounts",
    list_names);

bool
duplicate_list_send(struct kam_db *db, const struct duplicate_list_req *req)
{
	char limit[16];
	const char *p[] = { req->after_key, limit, quality_scope_name(req->scope) };

	snprintf(limit, sizeof limit, "%d", req->limit > 0 ? req->limit : 100);
	return db_send_columns(db, list_sql, 3, p, &list_cols);
}

/* Marked already (a retry after a lost answer) counts as done. */
const struct edit_op_def edit_not_duplicate = {
	"INSERT INTO kam.not_duplicate (kind, low_id, high_id) "
	"SELECT 'account', split_part($1, ' ', 1)::bigint, "
	"split_part($1, ' ', 2)::bigint WHERE $2::text IS NOT NULL "
	"ON CONFLICT (kind, low_id, high_id) DO NOTHING RETURNING version",
	"SELECT EXISTS (SELECT FROM kam.not_duplicate n WHERE n.kind = 'account' "
	"AND n.low_id = split_part($1, ' ', 1)::bigint "
	"AND n.high_id = split_part($1, ' ', 2)::bigint) AS done",
	false,
};
