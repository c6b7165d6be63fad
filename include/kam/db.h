/* The PostgreSQL connection: connect with keepalives, run parameterised
 * statements, and turn server errors into plain words and sysexits codes.
 * The only module that includes libpq; callers see struct kam_res rows. */
#ifndef KAM_DB_H
#define KAM_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/countof.h"

struct kam_db;
struct kam_res;

/* conninfo may be NULL (libpq's PG* variables decide). kam asks libpq
 * for a read-write session (the primary of a multi-host list) unless
 * PGTARGETSESSIONATTRS or the connection string says otherwise. A server
 * that turns kam away for a moment (full, starting, stopping, a standby
 * while a failover is under way) is asked again with backoff for up to
 * retry_for seconds. On failure returns NULL and prints each host's
 * reason; *code receives the exit status (EX_TEMPFAIL when the retries
 * ran out, EX_UNAVAILABLE otherwise). */
struct kam_db	*db_connect(const char *conninfo, int timeout, int retry_for,
		    int *code);
/* The same with the settings of over (a connection string, may be NULL)
 * winning over conninfo's: the ERP sync's own login, say. A bad over is
 * EX_CONFIG, reported under the name what. */
struct kam_db	*db_connect_over(const char *conninfo, const char *over,
		    const char *what, int timeout, int retry_for, int *code);
void		 db_close(struct kam_db *db);

/* Runs one statement with text parameters (NULL pointers are SQL NULL).
 * Returns rows (possibly none) or NULL on error; see db_error. */
struct kam_res	*db_query(struct kam_db *db, const char *sql, int nparams,
		    const char *const *params);
/* Runs a statement that answers one row of n whole numbers (counts) into
 * out; says why on an error and returns its sysexits code, else EX_OK. */
int		 db_counts(struct kam_db *db, const char *sql, int nparams,
		    const char *const *params, long *out, int n);
/* Runs one statement and returns the rows it affected, or -1 on error. */
long		 db_command(struct kam_db *db, const char *sql, int nparams,
		    const char *const *params);
/* The columns a reader takes from a statement's rows, by name: names[i]
 * is the column it reads as i (its enum's order, so that a table of
 * designated initializers sits beside each enum); what names the
 * statement in errors. Readers name their columns rather than count
 * them: a SELECT reordered or changed cannot hand them the wrong field. */
struct db_columns {
	const char		*what;
	const char *const	*names;
	int			 n;
};
#define DB_COLUMNS(what, names)	{ (what), (names), (int)countof(names) }

/* Checks that r (NULL is returned as it is) has each of want's columns,
 * once; from then on res_get, res_cols and res_col_name see those columns
 * only, in want's order. A column missing or twice means kam and its
 * statement disagree: records the error (EX_SOFTWARE; see db_error),
 * frees r and returns NULL. */
struct kam_res	*res_columns(struct kam_db *db, struct kam_res *r,
		    const struct db_columns *want);
/* Runs a fixed, multi-statement script from the binary (migrations). */
bool		 db_script(struct kam_db *db, const char *sql);

/* Streams the rows of a COPY ... TO STDOUT statement (fixed text) to
 * sink, one call per row as the server formats it; the sink may rewrite
 * the row's bytes in place until it returns. A sink returning false
 * stops the copy (the connection is then reset). Returns false on a
 * database error; see db_error. */
typedef bool	 (*db_copy_sink)(void *ctx, char *data, size_t len);
bool		 db_copy_out(struct kam_db *db, const char *sql, db_copy_sink sink,
		    void *ctx);

/* Sends len bytes of complete lines in COPY text format to a COPY ...
 * FROM STDIN statement (fixed text). Returns false on a database error;
 * see db_error. */
bool		 db_copy_in(struct kam_db *db, const char *sql, const char *data,
		    size_t len);
/* Asynchronous use, for the full-screen client: one statement at a time
 * per connection. Send it, wait until db_socket() is readable (or writable
 * for DB_WAIT_WRITE), call db_poll() until DB_READY, then db_take() the
 * rows (NULL on error: see db_error). DB_BROKEN means the connection is
 * gone; db_reset_start() and db_reset_poll() reconnect without blocking,
 * driven by the socket the same way. db_cancel() asks the server to stop
 * the running statement and returns at once; the statement then ends with
 * an error that db_take() collects. */
enum db_wait { DB_READY, DB_WAIT_READ, DB_WAIT_WRITE, DB_BROKEN };

int		 db_socket(const struct kam_db *db);
bool		 db_connected(const struct kam_db *db);
bool		 db_send(struct kam_db *db, const char *sql, int nparams,
		    const char *const *params);
/* db_send, and db_take then checks want as res_columns does (want must
 * outlive the statement: a static table). */
bool		 db_send_columns(struct kam_db *db, const char *sql, int nparams,
		    const char *const *params, const struct db_columns *want);
enum db_wait	 db_poll(struct kam_db *db);
struct kam_res	*db_take(struct kam_db *db);
void		 db_discard(struct kam_db *db);	/* takes and drops the rows */
/* Whether the last statement has ended, so that the next may be sent;
 * when not, db_poll on a readable socket finishes it. */
bool		 db_idle(const struct kam_db *db);
void		 db_cancel(struct kam_db *db);
/* Whether a cancel request has not reached the server yet: sending the
 * next statement now could have it cancelled instead. */
bool		 db_cancel_pending(void);
bool		 db_reset_start(struct kam_db *db);
enum db_wait	 db_reset_poll(struct kam_db *db);

/* The last error in plain words, and the sysexits code it maps to. */
const char	*db_error(const struct kam_db *db);
int		 db_error_code(const struct kam_db *db);
const char	*db_error_sqlstate(const struct kam_db *db);
/* The constraint and the column the last error named, or "". */
const char	*db_error_constraint(const struct kam_db *db);
const char	*db_error_column(const struct kam_db *db);

const char	*db_user(const struct kam_db *db);	/* the login role */
const char	*db_name(const struct kam_db *db);

int		 res_rows(const struct kam_res *r);
int		 res_cols(const struct kam_res *r);
/* The value as text, or NULL for SQL NULL. Valid until res_free. */
const char	*res_get(const struct kam_res *r, int row, int col);
const char	*res_col_name(const struct kam_res *r, int col);
void		 res_free(struct kam_res *r);

#endif
