/* What closes an entry (0018_entry_lifecycle.sql): its follow-up done or
 * not done again, a complaint closed with its outcome (a form of one
 * field) or reopened. Who and when are the database's stamps, never the
 * client's. See edit_entity.h for the statements' shape. */
#include "edit_entity.h"
#include "kam/countof.h"

/* The outcome to close with starts empty, so that closing is a change to
 * save even when the entry had one (a reopened complaint); that one is
 * shown beside it, read only. A closed complaint reads its outcome, so a
 * save whose reply was lost reads as done. */
static const struct edit_column complaint_cols[] = {
	{ "outcome", EC_UPDATE }, { "outcome_before", 0 },
};

static const struct edit_constraint complaint_constraints[] = {
	{ "complaint_closed_with_outcome", "outcome",
	  "is required: a complaint closes with what it came to" },
	{ NULL, NULL, NULL },
};

/* Only a complaint that is open: one closed meanwhile is someone's
 * change (a conflict), one that is no complaint any more has gone. */
const struct edit_entity_def edit_complaint_def = {
	"interaction", complaint_cols, countof(complaint_cols),
	"SELECT version, CASE WHEN complaint_closed_at IS NOT NULL THEN outcome "
	"END AS outcome, outcome AS outcome_before FROM kam.interaction "
	"WHERE id = $1::bigint AND feedback = 'complaint'",
	NULL, NULL,
	"UPDATE kam.interaction SET outcome = $3, complaint_closed_at = now() "
	"WHERE id = $1::bigint AND version = $2::int AND feedback = 'complaint' "
	"AND complaint_closed_at IS NULL RETURNING version",
	complaint_constraints,
	"The database does not let your login close this complaint (not your "
	"account, or for support not your ticket)",
};

const struct edit_op_def edit_follow_up_done = {
	"UPDATE kam.interaction SET follow_up_done_at = now() "
	"WHERE id = $1::bigint AND version = $2::int AND follow_up_on IS NOT NULL "
	"RETURNING version",
	"SELECT follow_up_done_at IS NOT NULL AS done FROM kam.interaction "
	"WHERE id = $1::bigint",
	false,
};

const struct edit_op_def edit_follow_up_reopen = {
	"UPDATE kam.interaction SET follow_up_done_at = NULL "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	"SELECT follow_up_done_at IS NULL AS done FROM kam.interaction "
	"WHERE id = $1::bigint",
	false,
};

const struct edit_op_def edit_complaint_reopen = {
	"UPDATE kam.interaction SET complaint_closed_at = NULL "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	"SELECT complaint_closed_at IS NULL AS done FROM kam.interaction "
	"WHERE id = $1::bigint",
	false,
};
