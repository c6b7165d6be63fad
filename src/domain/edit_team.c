/* The account team as forms change it (migration 0050): a role of the
 * account, its person and deputy. The role is given when the row is made
 * (kam.team_role's code) and stays; the people change. Anyone may be
 * chosen, support staff too (a service owner often is), hence a pick of
 * every active user. */
#include "edit_entity.h"
#include "kam/countof.h"

static const struct edit_column cols[] = {
	{ "role", EC_INSERT }, { "person_id", EC_INSERT | EC_UPDATE },
	{ "deputy_id", EC_INSERT | EC_UPDATE },
};

static const struct edit_constraint constraints[] = {
	{ "team_member_role", "role", "has a person already: change that one" },
	{ "team_member_role_fkey", "role", "is not a role of the list" },
	{ "deputy_not_person", "deputy_id", "is the person: choose another" },
	{ "team_member_person_id_fkey", "person_id", "is not a kam user (any more)" },
	{ "team_member_deputy_id_fkey", "deputy_id", "is not a kam user (any more)" },
	{ "team_member_account_id_fkey", NULL, "the account has gone" },
	{ NULL, NULL, NULL },
};

const struct edit_entity_def edit_team_def = {
	"team_member", cols, countof(cols),
	"SELECT version, role, person_id, deputy_id FROM kam.team_member "
	"WHERE id = $1::bigint",
	"INSERT INTO kam.team_member (client_key, account_id, role, person_id, "
	"deputy_id) VALUES ($1::uuid, $2::bigint, $3, $4::bigint, $5::bigint) "
	"ON CONFLICT (client_key) DO NOTHING RETURNING id, version",
	"SELECT id, version FROM kam.team_member WHERE client_key = $1::uuid",
	"UPDATE kam.team_member SET person_id = $3::bigint, deputy_id = $4::bigint "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	constraints, NULL,
};

/* Every active user, the account's team first; and the current one. */
const char edit_pick_people[] =
	"SELECT u.id AS value, u.display_name || ' (' || u.kind || ')' AS label "
	"FROM kam.app_user u WHERE u.active OR u.id = $2::bigint "
	"ORDER BY u.team IS NOT DISTINCT FROM (SELECT a.team FROM kam.account a "
	"WHERE a.id = $1::bigint) DESC, u.display_name, u.id";
