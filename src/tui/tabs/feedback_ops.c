/* The loop's states, which moves the database allows and what each
 * stamps are 0027_feedback_loop.sql's; here only the words and the next
 * step a key takes. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "entry_ops.h"
#include "feedback_ops.h"
#include "message.h"
#include "kam/account_detail.h"
#include "kam/xalloc.h"

#include "kam/countof.h"

static const char *const states[] = {
	"new", "acknowledged", "in_progress", "answered", "closed",
	"no_answer_needed", "adopted",
};

static const char *
cell(const struct table_tab *tt, size_t row, int field)
{
	return acct_rows_get(&tt->tb.rows, row, (size_t)field);
}

/* The row under the cursor when it is feedback; NULL, said why, if not. */
static const char *
feedback_row(struct table_tab *tt, struct tui *t, size_t *row)
{
	*row = tt->tb.nav.cursor;
	if (*row >= tt->tb.rows.nrows) {
		tui_message(t, true, "No entry under the cursor.");
		return NULL;
	}
	if (cell(tt, *row, HI_LOOP_STATE) == NULL) {
		tui_message(t, true, "This entry is no compliment, idea or "
		    "complaint; e corrects its kind.");
		return NULL;
	}
	return cell(tt, *row, HI_LOOP_STATE);
}

/* A state as typed ("in progress", "No-answer-needed") as stored, or
 * NULL for no state. The caller frees. */
static char *
state_of(const char *typed)
{
	char *s = xstrdup(typed);

	for (char *p = s; *p; p++)
		*p = *p == ' ' || *p == '-' ? '_' : (char)tolower((unsigned char)*p);
	for (size_t i = 0; i < countof(states); i++)
		if (strcmp(states[i], s) == 0)
			return s;
	free(s);
	return NULL;
}

static void
move_to(struct table_tab *tt, struct tui *t, size_t row, const char *to,
    bool ask)
{
	struct kam_buf q, done;
	char *words = xstrdup(to);

	for (char *p = words; *p; p++)
		if (*p == '_')
			*p = ' ';
	buf_init(&q);
	buf_init(&done);
	buf_addf(&q, "Move “%s” to %s?", cell(tt, row, HI_SUBJECT), words);
	buf_addf(&done, "Feedback %s.", words);
	if (ask)
		table_tab_op_value(tt, t, EOP_FEEDBACK_STATE, cell(tt, row, HI_ID),
		    cell(tt, row, HI_VERSION), to, done.data, q.data);
	else
		table_tab_op_now(tt, t, EOP_FEEDBACK_STATE, cell(tt, row, HI_ID),
		    cell(tt, row, HI_VERSION), to, done.data);
	buf_free(&q);
	buf_free(&done);
	free(words);
}

/* w: the step after this one. A complaint closes (and reopens) with its
 * outcome, as C does; answering needs what was said. */
static void
next_step(struct table_tab *tt, struct tui *t, size_t row, const char *state)
{
	bool complaint = table_cell_is(&tt->tb.rows, row, HI_FEEDBACK, "complaint");

	if (strcmp(state, "new") == 0)
		move_to(tt, t, row, "acknowledged", true);
	else if (strcmp(state, "acknowledged") == 0)
		move_to(tt, t, row, "in_progress", true);
	else if (strcmp(state, "in_progress") == 0)
		tui_message(t, true, "R answers the customer; that makes it answered.");
	else if (complaint && strcmp(state, "no_answer_needed") != 0)
		entry_ops_action(tt, t, ACT_FORM_CLOSE_COMPLAINT);
	else if (strcmp(state, "answered") == 0)
		move_to(tt, t, row, "closed", true);
	else
		move_to(tt, t, row, "in_progress", true);
}

static void
start_command(struct tui *t, const char *name, const char *arg)
{
	struct kam_buf text;

	buf_init(&text);
	buf_addf(&text, "%s %s", name, arg ? arg : "");
	prompt_open(&t->prompt, ':', text.data);
	t->dirty = true;
	buf_free(&text);
}

bool
feedback_ops_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	const char *state;
	size_t row;

	if (a != ACT_FEEDBACK_NEXT && a != ACT_FEEDBACK_ANSWER &&
	    a != ACT_FEEDBACK_TOPICS && a != ACT_FEEDBACK_OWNER)
		return false;
	if ((state = feedback_row(tt, t, &row)) == NULL)
		return true;
	if (a == ACT_FEEDBACK_NEXT)
		next_step(tt, t, row, state);
	else if (a == ACT_FEEDBACK_ANSWER)
		start_command(t, "answer", NULL);
	else if (a == ACT_FEEDBACK_TOPICS)
		start_command(t, "topics", cell(tt, row, HI_TOPICS));
	else
		start_command(t, "owner", t->user.role_name);
	return true;
}

static void
set_state(struct table_tab *tt, struct tui *t, size_t row, const char *typed)
{
	char *to = state_of(typed);

	if (to == NULL)
		tui_message(t, true, "No such state '%s': new, acknowledged, "
		    "in progress, answered, closed, no answer needed, adopted.",
		    typed);
	else if (strcmp(to, "answered") == 0)
		tui_message(t, true, ":answer TEXT answers the customer.");
	else
		move_to(tt, t, row, to, false);
	free(to);
}

bool
feedback_ops_command(struct table_tab *tt, struct tui *t, const struct cmd *c)
{
	const char *id, *version;
	size_t row;

	if (c->kind != CMD_STATE && c->kind != CMD_TOPICS &&
	    c->kind != CMD_ANSWER && c->kind != CMD_OWNER)
		return false;
	if (feedback_row(tt, t, &row) == NULL)
		return true;
	id = cell(tt, row, HI_ID);
	version = cell(tt, row, HI_VERSION);
	if (c->kind == CMD_STATE)
		set_state(tt, t, row, c->arg);
	else if (c->kind == CMD_TOPICS)
		table_tab_op_now(tt, t, EOP_FEEDBACK_TOPICS, id, version, c->arg,
		    *c->arg ? "Topics set." : "Topics cleared.");
	else if (c->kind == CMD_ANSWER)
		table_tab_op_now(tt, t, EOP_FEEDBACK_ANSWER, id, version, c->arg,
		    "Answered: the answer is logged as an outbound entry.");
	else
		table_tab_op_now(tt, t, EOP_FEEDBACK_OWNER, id, version, c->arg,
		    "Handed on.");
	return true;
}
