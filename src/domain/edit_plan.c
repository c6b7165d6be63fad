/* The account plan and its actions as forms change them, and the one-step
 * changes of an action: complete it (on the user's today) and drop it
 * (see edit_entity.h for the statements' shape). */
#include "edit_entity.h"
#include "kam/countof.h"

#define IU (EC_INSERT | EC_UPDATE)

/* The year names the plan: set when it is made. */
static const struct edit_column plan_cols[] = {
	{ "year", EC_INSERT }, { "annual_talk_on", IU }, { "revenue_target", IU },
	{ "objectives", IU }, { "innovation_access", IU }, { "status", IU },
	{ "talk_held_on", IU },
};

static const struct edit_constraint plan_constraints[] = {
	{ "account_plan_account_id_year_key", "year",
	  "has a plan on this account already: one plan per account and year" },
	{ "account_plan_year_check", "year", "is a year from 2000 to 2100" },
	{ "account_plan_revenue_target_check", "revenue_target", "cannot be below 0" },
	{ "account_plan_status_check", "status", "is not a status kam knows" },
	{ "talk_held_not_ahead", "talk_held_on", "cannot be later than today" },
	{ "account_plan_account_id_fkey", NULL, "the account has gone" },
	{ NULL, NULL, NULL },
};

const struct edit_entity_def edit_plan_def = {
	"account_plan", plan_cols, countof(plan_cols),
	"SELECT version, year, annual_talk_on, "
	"trim_scale(revenue_target)::text AS revenue_target, "
	"objectives, innovation_access, status, talk_held_on FROM kam.account_plan "
	"WHERE id = $1::bigint",
	"INSERT INTO kam.account_plan (client_key, account_id, year, "
	"annual_talk_on, revenue_target, objectives, innovation_access, status, "
	"talk_held_on) VALUES ($1::uuid, $2::bigint, $3::int, $4::date, "
	"$5::numeric, $6, $7::boolean, $8, $9::date) "
	"ON CONFLICT (client_key) DO NOTHING RETURNING id, version",
	"SELECT id, version FROM kam.account_plan WHERE client_key = $1::uuid",
	"UPDATE kam.account_plan SET annual_talk_on = $3::date, "
	"revenue_target = $4::numeric, objectives = $5, "
	"innovation_access = $6::boolean, status = $7, talk_held_on = $8::date "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	plan_constraints, NULL,
};

/* plan_id is given when the form opens (the plan shown), never edited. */
static const struct edit_column action_cols[] = {
	{ "plan_id", EC_INSERT }, { "title", IU }, { "kind", IU },
	{ "owner_id", IU }, { "due_on", IU }, { "status", IU }, { "done_on", IU },
};

static const struct edit_constraint action_constraints[] = {
	{ "plan_action_title_check", "title", "must not be empty" },
	{ "plan_action_kind_check", "kind", "is not a kind kam knows" },
	{ "plan_action_status_check", "status", "is not a status kam knows" },
	{ "done_on_when_done", "done_on", "is only for actions that are done" },
	{ "plan_action_owner_id_fkey", "owner_id", "is not a kam user (any more)" },
	{ "plan_action_plan_id_fkey", NULL, "the plan has gone" },
	{ NULL, NULL, NULL },
};

/* The plan must be the account's: a draft names both. No row when it is
 * not (or has gone), which the find by key then reports as gone. */
const struct edit_entity_def edit_action_def = {
	"plan_action", action_cols, countof(action_cols),
	"SELECT version, plan_id, title, kind, owner_id, due_on, status, done_on "
	"FROM kam.plan_action WHERE id = $1::bigint",
	"INSERT INTO kam.plan_action (client_key, plan_id, title, kind, owner_id, "
	"due_on, status, done_on) SELECT $1::uuid, p.id, $4, $5, $6::bigint, "
	"$7::date, $8, $9::date FROM kam.account_plan p WHERE p.id = $3::bigint "
	"AND p.account_id = $2::bigint "
	"ON CONFLICT (client_key) DO NOTHING RETURNING id, version",
	"SELECT id, version FROM kam.plan_action WHERE client_key = $1::uuid",
	"UPDATE kam.plan_action SET title = $3, kind = $4, owner_id = $5::bigint, "
	"due_on = $6::date, status = $7, done_on = $8::date "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	action_constraints, NULL,
};

/* Done by someone on another day is a change of theirs, not this one. */
const struct edit_op_def edit_action_complete = {
	"UPDATE kam.plan_action SET status = 'done', done_on = $3::date "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	"SELECT status = 'done' AND done_on = $2::date AS done FROM kam.plan_action "
	"WHERE id = $1::bigint",
	true,
};

const struct edit_op_def edit_action_drop = {
	"UPDATE kam.plan_action SET status = 'dropped', done_on = NULL "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	"SELECT status = 'dropped' AS done FROM kam.plan_action "
	"WHERE id = $1::bigint",
	false,
};
