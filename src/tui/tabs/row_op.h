/* A one-step change of the row under a list's cursor (deactivate a
 * contact, end a condition, complete or drop an action): asked first,
 * sent at the version the list showed, sent again after a lost
 * connection, and a retry that finds it done counts as done. The view
 * that owns one gives it a request slot and an answer code. */
#ifndef KAM_TUI_ROW_OP_H
#define KAM_TUI_ROW_OP_H

#include "client.h"
#include "kam/edit.h"

enum row_op_stage { ROP_IDLE, ROP_ASKED, ROP_SENT, ROP_CHECKING };

struct row_op {
	enum row_op_stage	 stage;
	enum edit_op		 op;
	char			*id, *version;
	char			*value;		/* a valued op's (kam/edit.h) */
	char			*done;		/* "Contact deactivated." */
};

/* Asks question (y/n) for owner, as its question what. */
void	row_op_ask(struct row_op *o, struct tui *t, struct view *owner, int what,
	    enum edit_op op, const char *id, const char *version, const char *done,
	    const char *question);
/* The same for an operation that takes a value (a date). */
void	row_op_ask_value(struct row_op *o, struct tui *t, struct view *owner,
	    int what, enum edit_op op, const char *id, const char *version,
	    const char *value, const char *done, const char *question);
/* The same without a question, for what the user typed out already (a
 * ":" command): submitted in owner's slot at once. */
void	row_op_run_value(struct row_op *o, struct tui *t, struct view *owner,
	    int slot, enum edit_op op, const char *id, const char *version,
	    const char *value, const char *done);
/* The answer: on yes the op is submitted in owner's slot. */
void	row_op_answer(struct row_op *o, struct tui *t, struct view *owner,
	    int slot, bool yes);
/* For the owner's send, recv and reload. */
bool	row_op_send(struct row_op *o, struct tui *t);
enum row_op_next { ROP_FINISHED, ROP_AGAIN, ROP_LATER };
/* FINISHED: the message is shown, read the rows again; AGAIN: submit the
 * slot again; LATER: the connection broke, the reload sends it. */
enum row_op_next row_op_recv(struct row_op *o, struct tui *t);
/* row_op_recv for a tab of the account screen (slot in tab): when done,
 * the whole account reads again, for the other tabs may show what
 * changed. */
void	row_op_take(struct row_op *o, struct tui *t, struct view *tab, int slot);
/* After a reconnect: submits what had been sent. */
void	row_op_resend(struct row_op *o, struct tui *t, struct view *owner, int slot);
void	row_op_free(struct row_op *o);

#endif
