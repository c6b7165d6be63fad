/* Special conditions as forms change them: the entity, ending one on a
 * date (valid_to), and the warning about conditions of the same kind
 * whose validity overlaps (see edit_entity.h for the statements' shape). */
#include "edit_entity.h"
#include "kam/countof.h"

#define IU (EC_INSERT | EC_UPDATE)

static const struct edit_column cols[] = {
	{ "kind", IU }, { "title", IU }, { "value", IU }, { "unit", IU },
	{ "scope", IU }, { "valid_from", IU }, { "valid_to", IU },
	{ "approved_by", IU },
};

static const struct edit_constraint constraints[] = {
	{ "special_condition_title_check", "title", "must not be empty" },
	{ "special_condition_kind_check", "kind", "is not a kind kam knows" },
	{ "special_condition_unit_check", "unit", "is not a unit kam knows" },
	{ "special_condition_value_check", "value", "cannot be below 0" },
	{ "value_has_unit", "unit", "and Value go together: give both or neither" },
	{ "percent_range", "value", "is a percentage: at most 100" },
	{ "valid_range", "valid_to", "is before Valid from" },
	{ "special_condition_approved_by_fkey", "approved_by",
	  "is not a kam user (any more)" },
	{ "special_condition_account_id_fkey", NULL, "the account has gone" },
	{ NULL, NULL, NULL },
};

const struct edit_entity_def edit_condition_def = {
	"special_condition", cols, countof(cols),
	"SELECT version, kind, title, trim_scale(value)::text AS value, unit, scope, "
	"valid_from, valid_to, approved_by FROM kam.special_condition "
	"WHERE id = $1::bigint",
	"INSERT INTO kam.special_condition (client_key, account_id, kind, title, "
	"value, unit, scope, valid_from, valid_to, approved_by) VALUES "
	"($1::uuid, $2::bigint, $3, $4, $5::numeric, $6, $7, $8::date, $9::date, "
	"$10::bigint) ON CONFLICT (client_key) DO NOTHING RETURNING id, version",
	"SELECT id, version FROM kam.special_condition WHERE client_key = $1::uuid",
	"UPDATE kam.special_condition SET kind = $3, title = $4, "
	"value = $5::numeric, unit = $6, scope = $7, valid_from = $8::date, "
	"valid_to = $9::date, approved_by = $10::bigint "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	constraints, NULL,
};

/* Done when it ends on that day or before. */
const struct edit_op_def edit_condition_end = {
	"UPDATE kam.special_condition SET valid_to = $3::date "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	"SELECT valid_to IS NOT NULL AND valid_to <= $2::date AS done "
	"FROM kam.special_condition WHERE id = $1::bigint",
	true,
};

/* Validity is inclusive at both ends; no end is open. The first overlap
 * by start, and how many more. */
const struct edit_warn_def edit_condition_overlap = {
	"SELECT CASE WHEN count(*) > 0 THEN (array_agg(format('%s (%s to %s)', "
	"o.title, o.valid_from, coalesce(o.valid_to::text, 'open end')) "
	"ORDER BY o.valid_from, o.id))[1] || CASE WHEN count(*) > 1 THEN "
	"format(' and %s more', count(*) - 1) ELSE '' END END AS warning, "
	"NULL::bigint AS other_id, NULL AS other_name "
	"FROM kam.special_condition o WHERE o.account_id = $1::bigint "
	"AND o.id IS DISTINCT FROM $2::bigint AND o.kind = $3 "
	"AND daterange(o.valid_from, o.valid_to, '[]') && "
	"daterange($4::date, $5::date, '[]')",
	{ "kind", "valid_from", "valid_to", NULL },
};
