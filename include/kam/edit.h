/* Changing rows from the client: what a form may read and write of an
 * entity (an interaction, a contact, ...), saves that never overwrite
 * someone else's change unseen and are safe to send again after a lost
 * connection, the "end" operations (deactivate, ...), pick lists, and
 * what the user may change on an account. Asynchronous like
 * kam/account_detail.h: *_send() starts one short statement (one
 * transaction), *_recv() collects it once db_poll() says DB_READY.
 * Values are text as PostgreSQL reads and writes it; NULL is SQL NULL.
 *
 * A save is one or two statements. edit_save_send() inserts a new row
 * under a client key (a retry of a commit whose reply was lost finds the
 * row instead of adding a second), or updates a row only at the version
 * it was read at. When that changes nothing (EDIT_UNSURE), edit_check_*
 * reads the row again and tells: it was saved after all (a retry of an
 * update that had committed), someone else changed it (EDIT_CONFLICT,
 * with their row), it has gone, or the database would not let this user
 * change it. */
#ifndef KAM_EDIT_H
#define KAM_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/buf.h"
#include "kam/db.h"

enum edit_entity {
	EE_INTERACTION, EE_CONTACT, EE_CONDITION, EE_SERVICE_LEVEL, EE_PLAN,
	EE_ACTION, EE_ACCOUNT,
	EE_COMPLAINT,	/* closing a complaint: its outcome (no new rows) */
	EE_HOLIDAY, EE_WINDOW,	/* a calendar's (the new row's "account") */
	EE_TEAM,	/* a role of the account team (migration 0050) */
	EE_COUNT
};

/* EC_INSERT: a new row gets the column's value; EC_UPDATE: a save writes
 * it. A column with neither is read only (ERP-owned, or fixed). */
#define EC_INSERT	0x1
#define EC_UPDATE	0x2

struct edit_column {
	const char	*name;		/* the table's column: "subject" */
	unsigned	 flags;
};

size_t				 edit_ncolumns(enum edit_entity e);
const struct edit_column	*edit_column_at(enum edit_entity e, size_t i);
/* The column's index, or -1. */
int				 edit_column_find(enum edit_entity e, const char *name);
/* The table of e's rows ("contact"). */
const char			*edit_table(enum edit_entity e);
/* Whether the client may add rows of e (accounts come from the ERP). */
bool				 edit_can_insert(enum edit_entity e);

struct edit_row {
	enum edit_entity	 entity;
	char			*id;		/* NULL: a new row */
	char			*version;	/* the version it was read at */
	char			*parent;	/* a new row's account */
	char			*key;		/* a new row's client key */
	char			**value;	/* edit_ncolumns() values */
};

void	edit_row_init(struct edit_row *r, enum edit_entity e);
void	edit_row_free(struct edit_row *r);
void	edit_row_copy(struct edit_row *dst, const struct edit_row *src);
/* Copies v (NULL for SQL NULL) into column col, or into one of the
 * row's own strings. */
void	edit_row_set(struct edit_row *r, size_t col, const char *v);
void	edit_str_set(char **slot, const char *v);
/* Whether column col holds the same in both (NULLs equal). */
bool	edit_value_equal(const struct edit_row *a, const struct edit_row *b,
	    size_t col);
/* A new client key (a random UUID) into key[37]. False when the system
 * has no randomness to give. */
bool	edit_new_key(char key[37]);

/* A failed statement in plain words, and the column it is about when
 * the database named one (-1 otherwise). */
struct edit_error {
	int		 column;
	bool		 lost;		/* the connection broke: send again later */
	struct kam_buf	 words;
};

void	edit_error_init(struct edit_error *err);
void	edit_error_free(struct edit_error *err);

enum edit_outcome {
	EDIT_SAVED,	/* the row's id and version are in mine */
	EDIT_UNSURE,	/* nothing changed: ask edit_check_send() why */
	EDIT_CONFLICT,	/* someone else saved first: theirs holds their row */
	EDIT_GONE,	/* deleted, or no longer visible to this user */
	EDIT_REFUSED,	/* the database does not let this user change it */
	EDIT_FAILED	/* see the edit_error */
};

/* Reads row->id into row (version and values). */
bool	edit_read_send(struct kam_db *db, enum edit_entity e, const char *id);
enum edit_outcome edit_read_recv(struct kam_db *db, struct edit_row *row,
	    struct edit_error *err);

bool	edit_save_send(struct kam_db *db, const struct edit_row *mine);
enum edit_outcome edit_save_recv(struct kam_db *db, struct edit_row *mine,
	    struct edit_error *err);
bool	edit_check_send(struct kam_db *db, const struct edit_row *mine);
/* theirs must be initialised for the same entity. */
enum edit_outcome edit_check_recv(struct kam_db *db, struct edit_row *mine,
	    struct edit_row *theirs, struct edit_error *err);

/* The one-step changes a list offers on the row under the cursor, at the
 * version the list showed. EDIT_UNSURE: it had changed meanwhile, or the
 * user may not change it (read the list again). */
enum edit_op {
	EOP_CONTACT_DEACTIVATE,
	EOP_CONDITION_END,	/* valid_to: the value, a date */
	EOP_ACTION_COMPLETE,	/* done, on the value's date */
	EOP_ACTION_DROP,
	EOP_FOLLOW_UP_DONE,	/* an entry's follow-up done (who, when: the database's) */
	EOP_FOLLOW_UP_REOPEN,	/* ... not done after all */
	EOP_COMPLAINT_REOPEN,	/* a closed complaint open again */
	/* feedback's loop (0027_feedback_loop.sql), each with its value: */
	EOP_FEEDBACK_STATE,	/* the state to move to: "acknowledged" */
	EOP_FEEDBACK_TOPICS,	/* topic names, comma separated ("" none);
				   a new name is proposed as a topic */
	EOP_FEEDBACK_ANSWER,	/* what the customer is told: logged as an
				   outbound entry, the item answered */
	EOP_FEEDBACK_OWNER,	/* the new owner's login name */
	EOP_HOLIDAY_DELETE, EOP_WINDOW_DELETE,	/* a calendar's, gone */
	EOP_NOT_DUPLICATE,	/* a pair of accounts, "LOW HIGH" as the id */
	EOP_COUNT
};

bool	edit_op_send(struct kam_db *db, enum edit_op op, const char *id,
	    const char *version);
/* The same for an operation that takes a value (the client's today, so
 * that the date is the user's and not the server's). */
bool	edit_op_send_value(struct kam_db *db, enum edit_op op, const char *id,
	    const char *version, const char *value);
enum edit_outcome edit_op_recv(struct kam_db *db, struct edit_error *err);
/* After EDIT_UNSURE (or a lost reply): whether it is done by now, which
 * makes a retry harmless. SAVED: done; UNSURE: not; GONE: no such row. */
bool	edit_op_done_send(struct kam_db *db, enum edit_op op, const char *id);
bool	edit_op_done_send_value(struct kam_db *db, enum edit_op op, const char *id,
	    const char *value);
enum edit_outcome edit_op_done_recv(struct kam_db *db, struct edit_error *err);

/* Rows to choose from: an account's active contacts (and current, which
 * may be inactive by now), the active kam managers, the managers' teams,
 * the accounts that may head an account (its team's and the heads of
 * groups, never itself or one below it). Teams are chosen by name, the
 * others by id. */
enum edit_pick {
	EP_CONTACTS, EP_USERS, EP_TEAMS, EP_PARENTS,
	EP_COUNTRY,	/* the account's country, while current is NULL */
	EP_PEOPLE,	/* every active user, managers and support */
	EP_COUNT
};

struct edit_choice {
	char	*value;
	char	*label;
};

struct edit_choices {
	size_t			 n;
	struct edit_choice	*item;
};

bool	edit_pick_send(struct kam_db *db, enum edit_pick p, const char *account_id,
	    const char *current);
bool	edit_pick_recv(struct kam_db *db, struct edit_choices *out);
void	edit_choices_free(struct edit_choices *c);
/* Whether the pick's values are ids (digits), else names. */
bool	edit_pick_by_id(enum edit_pick p);

/* Questions before a save, asked of the database: conditions of the same
 * kind on the account whose validity overlaps the row's; service levels
 * of the account whose validity overlaps the row's; contacts of the
 * account with the row's e-mail, phone or a similar name (the same
 * person twice); accounts
 * that look like the row (kam.account_lookalikes, 0057). words gets the
 * warning, empty when there is none; false with err when the query
 * failed. */
enum edit_warn {
	EW_NONE, EW_CONDITION_OVERLAP, EW_SLA_OVERLAP, EW_CONTACT_DUPLICATE,
	EW_ACCOUNT_DUPLICATE, EW_COUNT
};

bool	edit_warn_send(struct kam_db *db, enum edit_warn w,
	    const struct edit_row *row);
/* The row a warning says this one looks like most (a contact, an
 * account), for opening it instead; NULLs when it names none. */
struct edit_lookalike {
	char	*id, *name;
};
bool	edit_warn_recv(struct kam_db *db, struct kam_buf *words,
	    struct edit_lookalike *other, struct edit_error *err);
void	edit_lookalike_free(struct edit_lookalike *l);

/* What the database's policies let the user change on one account,
 * mirrored so that the client offers only that: write, the account's
 * own data (contacts, history, plans, conditions, service levels);
 * tickets, interactions of channel "ticket" (support). */
struct edit_rights {
	bool	write;
	bool	tickets;
	bool	sla;	/* its service levels: also a role of its team's */
};

bool	edit_rights_send(struct kam_db *db, const char *account_id);
bool	edit_rights_recv(struct kam_db *db, struct edit_rights *r);

#endif
