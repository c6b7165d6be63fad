/* What src/domain/edit.c knows of each entity: its columns and its fixed
 * statements, all values as parameters. Private to src/domain.
 *
 * The statements' parameters, in this order:
 *   read	$1 id; returns version, then every column, named as in cols
 *   insert	$1 client key, $2 account, then the EC_INSERT columns in
 *		order; ON CONFLICT (client_key) DO NOTHING RETURNING id, version
 *   find	$1 client key; returns id, version
 *   update	$1 id, $2 version, then the EC_UPDATE columns in order;
 *		... WHERE id = $1 AND version = $2 RETURNING version
 * Read values come back as the form writes them (numbers trim_scale'd,
 * times as timestamptz text), so that "the same" compares equal. */
#ifndef KAM_DOMAIN_EDIT_ENTITY_H
#define KAM_DOMAIN_EDIT_ENTITY_H

#include "kam/edit.h"

/* A constraint of the entity's table in plain words, and the column it
 * is about (NULL: none). */
struct edit_constraint {
	const char	*name;
	const char	*column;
	const char	*words;
};

struct edit_entity_def {
	const char			*table;
	const struct edit_column	*cols;
	size_t				 ncols;
	const char			*read;
	const char			*insert;
	const char			*find;
	const char			*update;
	const struct edit_constraint	*constraints;	/* ends with a NULL name */
	/* Optional: what a refusal by the table's policies means here
	 * (NULL: the general words). */
	const char			*refused;
};

/* An operation: its UPDATE ($1 id, $2 version, RETURNING version) and a
 * query ($1 id) whose column done says t when it is already done. A valued one takes
 * the operation's value as well: $3 of the update, $2 of the query. */
struct edit_op_def {
	const char	*update;
	const char	*done;
	bool		 valued;
};

/* A question before a save: $1 the row's account, $2 its id (NULL for a
 * new row), then the values of columns; one row with the text of column
 * warning when there is something to warn about, none (or NULL)
 * otherwise. */
struct edit_warn_def {
	const char	*sql;
	const char	*columns[5];	/* ends with NULL: four at most */
};

/* Each entity, operation and warning is defined in the file of its
 * entity (edit_entities.c, edit_conditions.c, edit_plan.c, ...); these
 * tables in edit_entities.c gather them. */
extern const struct edit_entity_def *const	edit_entities[EE_COUNT];
extern const struct edit_op_def *const		edit_ops[EOP_COUNT];
extern const char *const			edit_picks[EP_COUNT];
extern const bool				edit_pick_ids[EP_COUNT];
extern const struct edit_warn_def *const	edit_warns[EW_COUNT];

extern const struct edit_entity_def	edit_condition_def, edit_service_level_def,
					edit_plan_def, edit_action_def,
					edit_account_def, edit_complaint_def,
					edit_holiday_def, edit_window_def,
					edit_team_def;
extern const struct edit_op_def		edit_condition_end, edit_action_complete,
					edit_action_drop, edit_follow_up_done,
					edit_follow_up_reopen,
					edit_complaint_reopen,
					edit_feedback_state, edit_feedback_topics,
					edit_feedback_answer, edit_feedback_owner,
					edit_holiday_delete, edit_window_delete,
					edit_not_duplicate;
extern const struct edit_warn_def	edit_condition_overlap, edit_sla_overlap,
					edit_account_duplicate;
extern const char			edit_pick_teams[], edit_pick_parents[],
					edit_pick_people[];

/* An entry refused: the database lets its author (or an administrator)
 * correct it, on an account they may write (0018_entry_lifecycle.sql). */
#define EDIT_CORRECT_REFUSED "The database does not let your login change " \
	"this: an entry is corrected by its author or an administrator only " \
	"(log a new entry instead), on an account they may write"

/* Reads of an interval as the form writes one ("1 days 4 hours"): whole
 * minutes as days, hours and minutes. */
#define EDIT_INTERVAL_TEXT(col) "(SELECT coalesce(nullif(concat_ws(' ', " \
	"nullif(m / 1440, 0) || ' days', nullif(m / 60 % 24, 0) || ' hours', " \
	"nullif(m % 60, 0) || ' minutes'), ''), '0 minutes') FROM (SELECT " \
	"round(extract(epoch FROM " col ") / 60)::bigint AS m) AS minutes)"

/* Reads of a time of day as the form writes one: HH:MM, unless it has
 * seconds (then as it is, so that a save does not drop them). */
#define TIME_OR_EXACT(col) "CASE WHEN extract(second FROM " col ") = 0 THEN " \
	"to_char(" col ", 'HH24:MI') ELSE " col "::text END"

#endif
