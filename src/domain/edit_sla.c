/* The service level as its form changes it (see edit_entity.h for the
 * statements' shape). Weekdays and channels travel as comma-separated
 * lists, times of day as HH:MM and durations as the form writes them;
 * values the form could not have written (seconds) are read exactly, so
 * that a save leaves them as they were. */
#include "edit_entity.h"
#include "kam/countof.h"

#define IU (EC_INSERT | EC_UPDATE)
#define INTERVAL_OR_EXACT(col) "CASE WHEN extract(epoch FROM " col ") % 60 = 0 " \
	"THEN " EDIT_INTERVAL_TEXT(col) " ELSE " col "::text END"

static const struct edit_column cols[] = {
	{ "name", IU }, { "first_response", IU }, { "resolution", IU },
	{ "support_days", IU }, { "support_from", IU }, { "support_to", IU },
	{ "time_zone", IU }, { "channels", IU }, { "escalation_contact_id", IU },
	{ "escalation", IU }, { "goodwill_policy", IU }, { "valid_from", IU },
	{ "valid_to", IU },
};

static const struct edit_constraint constraints[] = {
	{ "service_level_name_check", "name", "must not be empty" },
	{ "service_level_first_response_check", "first_response",
	  "must be longer than 0" },
	{ "resolution_after_response", "resolution",
	  "is shorter than the first response" },
	{ "service_level_support_days_check", "support_days",
	  "takes weekdays from Mon to Sun, at least one" },
	{ "service_level_channels_check", "channels",
	  "takes phone, email, portal, chat and onsite only" },
	{ "window_complete", "support_from",
	  "and Support until go together: give both or neither" },
	{ "window_not_empty", "support_to",
	  "is the same as Support from (all day: leave both empty)" },
	{ "window_start", "support_from",
	  "is the end of the day: support starts at 23:59 at the latest" },
	{ "valid_range", "valid_to", "is before Valid from" },
	{ "service_level_time_zone_check", "time_zone",
	  "is not a time zone the database knows (like Europe/Berlin or UTC)" },
	{ "service_level_escalation_contact_id_account_id_fkey",
	  "escalation_contact_id", "is not one of this account's contacts (any more)" },
	{ "service_level_account_id_fkey", NULL, "the account has gone" },
	{ NULL, NULL, NULL },
};

const struct edit_entity_def edit_service_level_def = {
	"service_level", cols, countof(cols),
	"SELECT version, name, " INTERVAL_OR_EXACT("first_response")
	" AS first_response, " INTERVAL_OR_EXACT("resolution") " AS resolution, "
	"array_to_string(support_days, ',') AS support_days, "
	TIME_OR_EXACT("support_from") " AS support_from, "
	TIME_OR_EXACT("support_to") " AS support_to, time_zone, "
	"array_to_string(channels, ',') AS channels, escalation_contact_id, "
	"escalation, goodwill_policy, valid_from, valid_to "
	"FROM kam.service_level WHERE id = $1::bigint",
	"INSERT INTO kam.service_level (client_key, account_id, name, "
	"first_response, resolution, support_days, support_from, support_to, "
	"time_zone, channels, escalation_contact_id, escalation, goodwill_policy, "
	"valid_from, valid_to) VALUES ($1::uuid, $2::bigint, $3, $4::interval, "
	"$5::interval, string_to_array($6, ',')::smallint[], $7::time, $8::time, "
	"$9, string_to_array($10, ','), $11::bigint, $12, $13, $14::date, "
	"$15::date) ON CONFLICT (client_key) DO NOTHING RETURNING id, version",
	"SELECT id, version FROM kam.service_level WHERE client_key = $1::uuid",
	"UPDATE kam.service_level SET name = $3, first_response = $4::interval, "
	"resolution = $5::interval, "
	"support_days = string_to_array($6, ',')::smallint[], "
	"support_from = $7::time, support_to = $8::time, time_zone = $9, "
	"channels = string_to_array($10, ','), escalation_contact_id = $11::bigint, "
	"escalation = $12, goodwill_policy = $13, valid_from = $14::date, "
	"valid_to = $15::date WHERE id = $1::bigint AND version = $2::int "
	"RETURNING version",
	constraints, NULL,
};

/* Service levels of the account whose validity overlaps the row's, as
 * for conditions (inclusive at both ends, no end open): the first by
 * start, and how many more. Which one then applies is the rule of
 * kam.account_service_level (migration 0015). */
const struct edit_warn_def edit_sla_overlap = {
	"SELECT CASE WHEN count(*) > 0 THEN (array_agg(format('%s (%s to %s)', "
	"o.name, o.valid_from, coalesce(o.valid_to::text, 'open end')) "
	"ORDER BY o.valid_from, o.id))[1] || CASE WHEN count(*) > 1 THEN "
	"format(' and %s more', count(*) - 1) ELSE '' END END AS warning, "
	"NULL::bigint AS other_id, NULL AS other_name "
	"FROM kam.service_level o WHERE o.account_id = $1::bigint "
	"AND o.id IS DISTINCT FROM $2::bigint "
	"AND daterange(o.valid_from, o.valid_to, '[]') && "
	"daterange($3::date, $4::date, '[]')",
	{ "valid_from", "valid_to", NULL },
};
