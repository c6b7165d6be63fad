#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "message.h"
#include "requests.h"
#include "row_op.h"
#include "services.h"

/* Holds the op for its question or its sending; false, said why, while
 * the last one is still on its way. */
static bool
hold(struct row_op *o, struct tui *t, enum edit_op op, const char *id,
    const char *version, const char *value, const char *done)
{
	if (o->stage == ROP_SENT || o->stage == ROP_CHECKING) {
		tui_message(t, true, "The last change has not been answered yet.");
		return false;
	}
	o->op = op;
	edit_str_set(&o->id, id);
	edit_str_set(&o->version, version);
	edit_str_set(&o->value, value);
	edit_str_set(&o->done, done);
	o->stage = ROP_ASKED;
	return true;
}

void
row_op_ask_value(struct row_op *o, struct tui *t, struct view *owner, int what,
    enum edit_op op, const char *id, const char *version, const char *value,
    const char *done, const char *question)
{
	if (hold(o, t, op, id, version, value, done))
		tui_ask(t, owner, what, "%s", question);
}

void
row_op_run_value(struct row_op *o, struct tui *t, struct view *owner, int slot,
    enum edit_op op, const char *id, const char *version, const char *value,
    const char *done)
{
	if (hold(o, t, op, id, version, value, done))
		row_op_answer(o, t, owner, slot, true);
}

void
row_op_ask(struct row_op *o, struct tui *t, struct view *owner, int what,
    enum edit_op op, const char *id, const char *version, const char *done,
    const char *question)
{
	row_op_ask_value(o, t, owner, what, op, id, version, NULL, done, question);
}

void
row_op_answer(struct row_op *o, struct tui *t, struct view *owner, int slot,
    bool yes)
{
	if (o->stage != ROP_ASKED)
		return;
	o->stage = yes ? ROP_SENT : ROP_IDLE;
	if (yes)
		req_submit(t, owner, slot, 0);
}

bool
row_op_send(struct row_op *o, struct tui *t)
{
	if (o->stage == ROP_CHECKING)
		return edit_op_done_send_value(t->db, o->op, o->id, o->value);
	return edit_op_send_value(t->db, o->op, o->id, o->version, o->value);
}

static enum row_op_next
finish(struct row_op *o, struct tui *t, bool error, const char *words)
{
	o->stage = ROP_IDLE;
	tui_message(t, error, "%s", words);
	return ROP_FINISHED;
}

enum row_op_next
row_op_recv(struct row_op *o, struct tui *t)
{
	struct edit_error err;
	enum edit_outcome r;
	enum row_op_next next = ROP_FINISHED;

	edit_error_init(&err);
	r = o->stage == ROP_CHECKING ? edit_op_done_recv(t->db, &err) :
	    edit_op_recv(t->db, &err);
	if (r == EDIT_SAVED)
		finish(o, t, false, o->done);
	else if (r == EDIT_UNSURE && o->stage == ROP_SENT) {
		o->stage = ROP_CHECKING;
		next = ROP_AGAIN;
	} else if (r == EDIT_UNSURE)
		finish(o, t, true, "Not changed: someone changed it meanwhile, or "
		    "you may not change it. The list is read again.");
	else if (r == EDIT_GONE)
		finish(o, t, true, "Not changed: it has gone meanwhile.");
	else if (err.lost) {
		tui_db_error(t);
		next = ROP_LATER;
	} else {
		finish(o, t, true, "Not changed: ");
		buf_adds(&t->message, err.words.data);
	}
	edit_error_free(&err);
	return next;
}

void
row_op_take(struct row_op *o, struct tui *t, struct view *tab, int slot)
{
	switch (row_op_recv(o, t)) {
	case ROP_FINISHED:
		tui_reload_all(t);	/* the screens below may show the row */
		break;
	case ROP_AGAIN:
		req_submit(t, tab, slot, 0);
		break;
	case ROP_LATER:
		break;
	}
}

void
row_op_resend(struct row_op *o, struct tui *t, struct view *owner, int slot)
{
	if (o->stage == ROP_SENT || o->stage == ROP_CHECKING)
		req_submit(t, owner, slot, 0);
}

void
row_op_free(struct row_op *o)
{
	free(o->id);
	free(o->version);
	free(o->value);
	free(o->done);
	memset(o, 0, sizeof *o);
}
