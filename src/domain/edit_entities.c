/* The entities a form changes: the interaction and the contact, their
 * columns, statements and constraints in plain words (see edit_entity.h
 * for the shape of each statement), and the tables that gather every
 * entity, operation, pick list and warning. A new form's entity is one
 * more entry in enum edit_entity and in edit_entities[] here, defined
 * in a file of its own when it is more than a few lines. */
#include "edit_entity.h"
#include "kam/countof.h"

#define IU (EC_INSERT | EC_UPDATE)
/* A time as the client writes it: UTC, to the second. */
#define UTC_TEXT(col) "to_char(" col " AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* An entry's topics as :topics and the Feedback tab show them, and as
 * kam.topic_ids_of reads them back (a new name is proposed as a topic). */
#define TOPIC_NAMES "(SELECT string_agg(t.name, ', ' ORDER BY t.name) " \
	"FROM kam.topic t WHERE t.id = ANY (topic_ids))"

static const struct edit_column interaction_cols[] = {
	{ "contact_id", IU }, { "occurred_at", IU }, { "channel", IU },
	{ "direction", IU }, { "subject", IU }, { "body", IU },
	{ "outcome", IU }, { "follow_up_on", IU }, { "feedback", IU },
	{ "topics", IU },
};

static const struct edit_constraint interaction_constraints[] = {
	{ "interaction_subject_check", "subject", "must not be empty" },
	{ "interaction_subject_length", "subject",
	  "is too long: at most 300 characters" },
	{ "interaction_channel_check", "channel", "is not a channel kam knows" },
	{ "interaction_direction_check", "direction", "is not a direction kam knows" },
	{ "interaction_feedback_check", "feedback", "is not a feedback kind kam knows" },
	{ "interaction_contact_id_account_id_fkey", "contact_id",
	  "is not one of this account's contacts (any more)" },
	{ "interaction_account_id_fkey", NULL, "the account has gone" },
	{ "interaction_author_id_fkey", NULL,
	  "your login is not a kam user (ask an administrator)" },
	{ "complaint_closed_with_outcome", "outcome",
	  "is what a closed complaint came to: reopen it (C) before you clear it" },
	{ NULL, NULL, NULL },
};

static const struct edit_column contact_cols[] = {
	{ "erp_id", 0 }, { "name", IU }, { "job_title", IU }, { "email", IU },
	{ "phone", IU }, { "decision_maker", IU }, { "preferred_channel", IU },
	{ "active", IU },
};

static const struct edit_constraint contact_constraints[] = {
	{ "contact_name_check", "name", "must not be empty" },
	{ "contact_email_check", "email", "is not an email address (name@example.com)" },
	{ "contact_phone_check", "phone", "is not a phone number (digits, spaces "
	  "and + ( ) - / . between them, an extension after x or ext)" },
	{ "contact_preferred_channel_check", "preferred_channel",
	  "is not a channel kam knows" },
	{ "contact_account_id_fkey", NULL, "the account has gone" },
	{ NULL, NULL, NULL },
};

static const struct edit_entity_def interaction_def = {
	"interaction", interaction_cols, countof(interaction_cols),
	"SELECT version, contact_id, " UTC_TEXT("occurred_at") " AS occurred_at, "
	"channel, "
	"direction, subject, body, outcome, follow_up_on, feedback, "
	TOPIC_NAMES " AS topics "
	"FROM kam.interaction WHERE id = $1::bigint",
	"INSERT INTO kam.interaction (client_key, account_id, contact_id, "
	"occurred_at, channel, direction, subject, body, outcome, "
	"follow_up_on, feedback, topic_ids) VALUES ($1::uuid, $2::bigint, "
	"$3::bigint, $4::timestamptz, $5, $6, $7, $8, $9, $10::date, $11, "
	"kam.topic_ids_of($12, true)) "
	"ON CONFLICT (client_key) DO NOTHING RETURNING id, version",
	"SELECT id, version FROM kam.interaction WHERE client_key = $1::uuid",
	"UPDATE kam.interaction SET contact_id = $3::bigint, "
	"occurred_at = $4::timestamptz, channel = $5, direction = $6, "
	"subject = $7, body = $8, outcome = $9, follow_up_on = $10::date, "
	"feedback = $11, topic_ids = kam.topic_ids_of($12, true) "
	"WHERE id = $1::bigint AND version = $2::int "
	"RETURNING version",
	interaction_constraints, EDIT_CORRECT_REFUSED,
};

static const struct edit_entity_def contact_def = {
	"contact", contact_cols, countof(contact_cols),
	"SELECT version, erp_id, name, job_title, email, phone, "
	"decision_maker, preferred_channel, active "
	"FROM kam.contact WHERE id = $1::bigint",
	"INSERT INTO kam.contact (client_key, account_id, name, job_title, "
	"email, phone, decision_maker, preferred_channel, active) VALUES "
	"($1::uuid, $2::bigint, $3, $4, $5, $6, $7::boolean, $8, $9::boolean) "
	"ON CONFLICT (client_key) DO NOTHING RETURNING id, version",
	"SELECT id, version FROM kam.contact WHERE client_key = $1::uuid",
	"UPDATE kam.contact SET name = $3, job_title = $4, email = $5, "
	"phone = $6, decision_maker = $7::boolean, preferred_channel = $8, "
	"active = $9::boolean WHERE id = $1::bigint AND version = $2::int "
	"RETURNING version",
	contact_constraints, NULL,
};

const struct edit_entity_def *const edit_entities[EE_COUNT] = {
	[EE_INTERACTION] = &interaction_def,
	[EE_CONTACT] = &contact_def,
	[EE_CONDITION] = &edit_condition_def,
	[EE_SERVICE_LEVEL] = &edit_service_level_def,
	[EE_PLAN] = &edit_plan_def,
	[EE_ACTION] = &edit_action_def,
	[EE_ACCOUNT] = &edit_account_def,
	[EE_COMPLAINT] = &edit_complaint_def,
	[EE_HOLIDAY] = &edit_holiday_def,
	[EE_WINDOW] = &edit_window_def,
	[EE_TEAM] = &edit_team_def,
};

static const struct edit_op_def contact_deactivate = {
	"UPDATE kam.contact SET active = false "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	"SELECT NOT active AS done FROM kam.contact WHERE id = $1::bigint", false,
};

const struct edit_op_def *const edit_ops[EOP_COUNT] = {
	[EOP_CONTACT_DEACTIVATE] = &contact_deactivate,
	[EOP_CONDITION_END] = &edit_condition_end,
	[EOP_ACTION_COMPLETE] = &edit_action_complete,
	[EOP_ACTION_DROP] = &edit_action_drop,
	[EOP_FOLLOW_UP_DONE] = &edit_follow_up_done,
	[EOP_FOLLOW_UP_REOPEN] = &edit_follow_up_reopen,
	[EOP_COMPLAINT_REOPEN] = &edit_complaint_reopen,
	[EOP_FEEDBACK_STATE] = &edit_feedback_state,
	[EOP_FEEDBACK_TOPICS] = &edit_feedback_topics,
	[EOP_FEEDBACK_ANSWER] = &edit_feedback_answer,
	[EOP_FEEDBACK_OWNER] = &edit_feedback_owner,
	[EOP_HOLIDAY_DELETE] = &edit_holiday_delete,
	[EOP_WINDOW_DELETE] = &edit_window_delete,
	[EOP_NOT_DUPLICATE] = &edit_not_duplicate,
};

/* The same person twice (issue 15, item 5): another contact of the
 * account with the same e-mail in any case, the same phone in E.164
 * (0023's normal form, by the account's country), or a similar name
 * (case, accents and spaces aside, pg_trgm's similarity of the folded
 * names at least 0.6, as the duplicates' rule), with the reasons in
 * words; the likeliest first (e-mail, phone, then the most alike name),
 * how many more, and its id for opening it instead. Tombstones (merged)
 * are left out. */
#define FOLDED(x) "kam.fold(regexp_replace(btrim(" x "), '\\s+', ' ', 'g'))"
static const struct edit_warn_def contact_duplicate = {
	"SELECT CASE WHEN count(*) > 0 THEN (array_agg(concat_ws(', ', m.name, "
	"m.email, m.phone) || CASE WHEN m.active THEN '' ELSE ' (inactive)' END "
	"|| ' (' || m.reasons || ')' ORDER BY m.rank DESC, m.id))[1] || "
	"CASE WHEN count(*) > 1 THEN format(' and %s more', count(*) - 1) "
	"ELSE '' END END AS warning, "
	"(array_agg(m.id ORDER BY m.rank DESC, m.id))[1] AS other_id, "
	"(array_agg(m.name ORDER BY m.rank DESC, m.id))[1] AS other_name "
	"FROM (SELECT o.*, concat_ws('; ', CASE WHEN s.email THEN 'same e-mail' END, "
	"CASE WHEN s.phone THEN 'same phone ' || o.phone_e164 END, "
	"CASE WHEN s.alike >= 0.6 THEN format('names %s %% alike', "
	"round(100 * s.alike)) END) AS reasons, "
	"s.email::int * 4 + s.phone::int * 2 + s.alike AS rank "
	"FROM kam.contact o JOIN kam.account a ON a.id = o.account_id, "
	"LATERAL (SELECT lower(o.email) = lower($4) AS email, "
	"o.phone_e164 = kam.phone_e164($5, a.country) AS phone, "
	"public.similarity(" FOLDED("o.name") ", " FOLDED("$3") ") AS alike) s "
	"WHERE o.account_id = $1::bigint AND o.id IS DISTINCT FROM $2::bigint "
	"AND o.merged_into IS NULL "
	"AND (s.email OR s.phone OR s.alike >= 0.6)) m",
	{ "name", "email", "phone", NULL },
};

const struct edit_warn_def *const edit_warns[EW_COUNT] = {
	[EW_CONDITION_OVERLAP] = &edit_condition_overlap,
	[EW_SLA_OVERLAP] = &edit_sla_overlap,
	[EW_CONTACT_DUPLICATE] = &contact_duplicate,
	[EW_ACCOUNT_DUPLICATE] = &edit_account_duplicate,
};

/* $1 the account, $2 the current value (shown even when inactive); they
 * return value and label. */
const char *const edit_picks[EP_COUNT] = {
	[EP_CONTACTS] =
	"SELECT c.id AS value, c.name || coalesce(', ' || c.job_title, '') || "
	"CASE WHEN c.active THEN '' ELSE ' (inactive)' END AS label "
	"FROM kam.contact c "
	"WHERE c.account_id = $1::bigint AND (c.active OR c.id = $2::bigint) "
	"ORDER BY c.active DESC, c.decision_maker DESC, c.name, c.id",
	/* managers, the account's team first */
	[EP_USERS] =
	"SELECT u.id AS value, u.display_name AS label FROM kam.app_user u "
	"WHERE (u.active AND u.kind = 'manager') OR u.id = $2::bigint "
	"ORDER BY u.team IS NOT DISTINCT FROM (SELECT a.team FROM kam.account a "
	"WHERE a.id = $1::bigint) DESC, u.display_name, u.id",
	[EP_TEAMS] = edit_pick_teams,
	[EP_PARENTS] = edit_pick_parents,
	[EP_PEOPLE] = edit_pick_people,
	/* a new service level's time zone comes from it, unless one is
	 * given already */
	[EP_COUNTRY] =
	"SELECT a.country AS value, a.country AS label FROM kam.account a "
	"WHERE a.id = $1::bigint AND a.country IS NOT NULL AND $2::text IS NULL",
};

const bool edit_pick_ids[EP_COUNT] = {
	[EP_CONTACTS] = true, [EP_USERS] = true, [EP_PARENTS] = true,
	[EP_PEOPLE] = true,
};
