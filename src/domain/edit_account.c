/* An account as its form changes it: the locally owned columns that
 * 0003_security.sql lets managers update; what the ERP sends is read
 * only. Accounts come from the ERP, so there is no insert. The pick lists
 * of teams and of accounts that may head this one. */
#include "edit_entity.h"
#include "kam/countof.h"

static const struct edit_column cols[] = {
	{ "erp_id", 0 }, { "name", 0 }, { "legal_name", 0 }, { "vat_id", 0 },
	{ "country", 0 }, { "city", 0 }, { "address", 0 }, { "currency", 0 },
	{ "credit_limit", 0 }, { "payment_terms", 0 },
	{ "tier", EC_UPDATE }, { "owner_id", EC_UPDATE }, { "team", EC_UPDATE },
	{ "industry", EC_UPDATE }, { "lifecycle", EC_UPDATE },
	{ "status", EC_UPDATE }, { "parent_id", EC_UPDATE }, { "notes", EC_UPDATE },
};

static const struct edit_constraint constraints[] = {
	{ "account_tier_check", "tier", "is not a tier kam knows" },
	{ "account_lifecycle_check", "lifecycle", "is not a lifecycle stage kam knows" },
	{ "account_status_check", "status", "is not a status kam knows" },
	{ "account_team_check", "team", "must not be empty" },
	{ "account_check", "parent_id", "cannot be the account itself" },
	{ "account_owner_id_fkey", "owner_id", "is not a kam user (any more)" },
	{ "account_parent_id_fkey", "parent_id", "is not an account (any more)" },
	{ "account_group_no_cycle", "parent_id",
	  "is in this account's own group: that would go round in a circle" },
	{ NULL, NULL, NULL },
};

/* The same customer twice (0057): the account most alike, its city and
 * the reasons, and how many more; its id, for opening it instead. $1 the account (the row's parent), $2
 * the row's id. */
const struct edit_warn_def edit_account_duplicate = {
	"SELECT (array_agg(concat_ws(', ', l.name, l.city) || ' (' || l.reasons "
	"|| ')' ORDER BY l.score DESC, l.other_id))[1] || CASE WHEN count(*) > 1 "
	"THEN format(' and %s more', count(*) - 1) ELSE '' END AS warning, "
	"(array_agg(l.other_id ORDER BY l.score DESC, l.other_id))[1] AS other_id, "
	"(array_agg(l.name ORDER BY l.score DESC, l.other_id))[1] AS other_name "
	"FROM kam.account_lookalikes(coalesce($2::bigint, $1::bigint), $3, $4, "
	"$5, $6) l",
	{ "name", "country", "city", "vat_id" },
};

/* The policy's WITH CHECK: after the change the account must still be
 * the manager's own or their team's. */
const struct edit_entity_def edit_account_def = {
	"account", cols, countof(cols),
	"SELECT version, erp_id, name, legal_name, vat_id, country, city, "
	"address, currency, credit_limit, payment_terms, tier, owner_id, team, "
	"industry, lifecycle, status, parent_id, notes FROM kam.account "
	"WHERE id = $1::bigint",
	NULL, NULL,
	"UPDATE kam.account SET tier = $3, owner_id = $4::bigint, team = $5, "
	"industry = $6, lifecycle = $7, status = $8, parent_id = $9::bigint, "
	"notes = $10 WHERE id = $1::bigint AND version = $2::int RETURNING version",
	constraints,
	"the account must stay yours or your team's: keep yourself as owner, "
	"or your team",
};

/* $1 the account, $2 its team now: the managers' teams, the account's
 * first. */
const char edit_pick_teams[] =
	"SELECT t.team AS value, t.team AS label FROM (SELECT u.team "
	"FROM kam.app_user u "
	"WHERE u.active AND u.kind = 'manager' AND u.team IS NOT NULL "
	"UNION SELECT $2::text WHERE $2::text IS NOT NULL) t "
	"ORDER BY t.team IS NOT DISTINCT FROM (SELECT a.team FROM kam.account a "
	"WHERE a.id = $1::bigint) DESC, t.team";

/* $1 the account, $2 its parent now. Never the account or one below it
 * (that would make a loop); the account's team's accounts and those that
 * head others already, so that the list stays short on a large book. */
const char edit_pick_parents[] =
	"WITH RECURSIVE below AS (SELECT a.id FROM kam.account a "
	"WHERE a.id = $1::bigint UNION SELECT c.id FROM kam.account c "
	"JOIN below b ON c.parent_id = b.id) "
	"SELECT p.id AS value, p.name || coalesce(' (' || p.erp_id || ')', '') "
	"AS label FROM kam.account p WHERE p.id NOT IN (SELECT id FROM below) "
	"AND (p.id = $2::bigint OR (NOT p.erp_deleted AND (p.team = "
	"(SELECT a.team FROM kam.account a WHERE a.id = $1::bigint) "
	"OR EXISTS (SELECT 1 FROM kam.account k WHERE k.parent_id = p.id)))) "
	"ORDER BY p.name, p.id";
