/* Feedback's loop (0027_feedback_loop.sql): its state moved, its topics
 * set, the customer answered, the item handed on. Each is one statement
 * at the version the list showed; which moves are allowed, the stamps and
 * the answer's outbound entry are the database's. See edit_entity.h for
 * the statements' shape. */
#include "edit_entity.h"

const struct edit_op_def edit_feedback_state = {
	"UPDATE kam.interaction SET loop_state = $3 "
	"WHERE id = $1::bigint AND version = $2::int AND feedback <> 'none' "
	"RETURNING version",
	"SELECT loop_state = $2 AS done FROM kam.interaction WHERE id = $1::bigint",
	true,
};

/* A name nobody used yet is proposed as a topic by the update; the
 * question "done?" proposes nothing (an unknown name: not done). */
const struct edit_op_def edit_feedback_topics = {
	"UPDATE kam.interaction SET topic_ids = kam.topic_ids_of($3, true) "
	"WHERE id = $1::bigint AND version = $2::int AND feedback <> 'none' "
	"RETURNING version",
	"SELECT topic_ids = kam.topic_ids_of($2, false) AS done "
	"FROM kam.interaction WHERE id = $1::bigint",
	true,
};

/* Answered (or closed since) is done: a retry never tells the customer
 * twice. */
const struct edit_op_def edit_feedback_answer = {
	"SELECT version FROM kam.feedback_answer($1::bigint, $2::int, $3)",
	"SELECT loop_state IN ('answered', 'closed') AND $2::text IS NOT NULL "
	"AS done FROM kam.interaction WHERE id = $1::bigint",
	true,
};

const struct edit_op_def edit_feedback_owner = {
	"UPDATE kam.interaction SET loop_owner_id = (SELECT u.id FROM "
	"kam.app_user u WHERE u.role_name = $3 AND u.active) "
	"WHERE id = $1::bigint AND version = $2::int AND feedback <> 'none' "
	"AND EXISTS (SELECT 1 FROM kam.app_user u WHERE u.role_name = $3 "
	"AND u.active) RETURNING version",
	"SELECT loop_owner_id = (SELECT u.id FROM kam.app_user u "
	"WHERE u.role_name = $2) AS done FROM kam.interaction WHERE id = $1::bigint",
	true,
};
