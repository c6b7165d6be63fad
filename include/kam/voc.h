/* The voice of the customer (0028_voice_of_the_customer.sql): the topics
 * customers raised since a day, for a team or everyone the user may
 * read, counted by kind, and the open items by due time. */
#ifndef KAM_VOC_H
#define KAM_VOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kam/db.h"

enum voc_topic_field {
	VT_TOPIC,	/* NULL: entries without a topic */
	VT_ITEMS, VT_COMPLIMENTS, VT_IDEAS, VT_COMPLAINTS, VT_OPEN, VT_OVERDUE,
	VT_TONE,	/* compliment, idea or complaint: the kind raised most */
	VT_NFIELDS
};

enum voc_open_field {
	VO_ID, VO_ACCOUNT_ID, VO_ACCOUNT, VO_KIND, VO_STATE,
	VO_DUE,		/* "YYYY-MM-DD HH:MM" in the session's zone, or NULL */
	VO_OVERDUE,	/* t or f */
	VO_SUBJECT, VO_OWNER, VO_NFIELDS
};

/* Rows of text (NULL for SQL NULL), nfields a row. */
struct voc_rows {
	size_t	  nrows;
	int	  nfields;
	char	**cell;
};

struct voc {
	struct voc_rows	 topics;	/* enum voc_topic_field, most raised first */
	struct voc_rows	 open;		/* enum voc_open_field, due first */
};

/* since: a day (YYYY-MM-DD) in the session's zone, or NULL for all;
 * team NULL for every team; at most open_limit open items. A sysexits
 * code; on EX_OK the caller frees out with voc_free. */
int		 voc_load(struct kam_db *db, const char *since, const char *team,
		    int open_limit, struct voc *out);
void		 voc_free(struct voc *v);
const char	*voc_get(const struct voc_rows *r, size_t row, int field);

/* The same as one JSON document (caller frees), or NULL with *code. */
char		*voc_json(struct kam_db *db, const char *since, const char *team,
		    int open_limit, int *code);

/* What the client's cloud covers (0040_voc_cloud.sql): since a day
 * (YYYY-MM-DD in the session's zone; NULL: all), a team (NULL: every
 * team), and only the user's own accounts. */
struct voc_scope {
	const char	*since;
	const char	*team;
	bool		 mine;
};

/* The cloud screen's one statement a paint: the topics (part "topic",
 * most raised first) and then at most open_limit open items (part
 * "open", first due first), in one result; collect it with db_take or
 * acct_rows_recv. A row has the fields of both parts, NULL where they do
 * not apply. With measures, then part "measure" (0047's voc_measures):
 * one row a figure, its label in VS_TOPIC and its value as text in
 * VS_STATE. */
enum voc_screen_field {
	VS_PART, VS_TOPIC, VS_ITEMS, VS_COMPLIMENTS, VS_IDEAS, VS_COMPLAINTS,
	VS_TONE, VS_ID, VS_ACCOUNT_ID, VS_ACCOUNT, VS_KIND, VS_STATE,
	VS_DUE,		/* "YYYY-MM-DD HH:MM", or "" */
	VS_MARK,	/* "overdue" or "" */
	VS_SUBJECT,
	VS_WAKE,	/* ms until the item falls overdue; NULL: none ahead */
	VS_NFIELDS
};
bool		 voc_screen_send(struct kam_db *db, const struct voc_scope *s,
		    int open_limit, bool measures);

/* A topic's entries (topic NULL: those without one), newest first, a
 * page of limit after the row of key and id (key NULL: from the top). */
enum voc_entry_field {
	VE_KEY, VE_ID, VE_ACCOUNT_ID, VE_ACCOUNT, VE_WHEN, VE_KIND, VE_STATE,
	VE_DUE, VE_MARK, VE_SUBJECT, VE_NFIELDS
};
bool		 voc_entries_send(struct kam_db *db, const struct voc_scope *s,
		    const char *topic, const char *key, const char *id, int limit);

/* Open complaints since a day, for a team (NULL: all), and how many are
 * overdue. A sysexits code. */
int		 voc_open_complaints(struct kam_db *db, const char *since,
		    const char *team, long *open, long *overdue);

/* An announcement (0047_voc_announce_measures.sql) on topic to every
 * customer who raised it in scope s: the open items on it the user may
 * write answered by message, one outbound entry a account, in the one
 * statement's transaction; dry_run: who would be told, nothing written.
 * out: one row a contact told (part "told"; contact and email NULL for
 * items raised without one; items: how many of theirs), then one a
 * visible item left alone (part "untouched": not the user's to answer),
 * each by account. A sysexits code (EX_DATAERR: no such topic, no
 * message); on EX_OK the caller frees out with voc_rows_free. */
#define VOC_MESSAGE_MAX	(64 * 1024)	/* bytes: a letter, not a file */
enum voc_announce_field {
	VA_PART, VA_ACCOUNT_ID, VA_ACCOUNT, VA_CONTACT, VA_EMAIL, VA_SUBJECT,
	VA_ITEMS, VA_NFIELDS
};
int		 voc_announce(struct kam_db *db, const struct voc_scope *s,
		    const char *topic, const char *message, bool dry_run,
		    struct voc_rows *out);

/* The same in the client's way: sent, then its rows taken once db_poll
 * says DB_READY (false: a database error, see db_error). */
bool		 voc_announce_send(struct kam_db *db, const struct voc_scope *s,
		    const char *topic, const char *message, bool dry_run);
bool		 voc_announce_recv(struct kam_db *db, struct voc_rows *out);
/* The contacts told (part "told"): name, email, account as CSV for a
 * mail merge, written by the export's writer (quoted; formulas
 * neutralised unless raw; controls made visible). A sysexits code. */
int		 voc_contacts_write(FILE *fp, const struct voc_rows *r, bool raw);

/* What an announcement's rows add up to. */
struct voc_told {
	long	items;		/* answered (or to be) */
	long	accounts;	/* an entry logged on each */
	long	contacts;	/* with an e-mail address */
	long	untouched;	/* items left alone */
};
void		 voc_announce_count(const struct voc_rows *r, struct voc_told *n);

/* Rows of a statement by cols (a sysexits code), and their release. */
int		 voc_rows_load(struct kam_db *db, const char *sql, int nparams,
		    const char *const *params, const struct db_columns *cols,
		    struct voc_rows *out);
void		 voc_rows_free(struct voc_rows *r);

#endif
