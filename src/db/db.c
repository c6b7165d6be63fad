#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sysexits.h>
#include <time.h>

#include "kam/buf.h"
#include "kam/countof.h"
#include "kam/date.h"
#include "kam/db.h"
#include "kam/log.h"
#include "kam/mono.h"
#include "kam/xalloc.h"
#include "conn_error.h"
#include "db_error.h"
#include "db_private.h"

/* Server notices ("extension already exists, skipping") are chatter for
 * kam's users; they go to the debug log, sanitised like everything else. */
static void
db_notice(void *arg, const char *message)
{
	(void)arg;
	log_debug("%s", message);
}

/* libpq's messages may span lines ("Is the server running...?"); the
 * first line says what went wrong. */
static void
first_line(struct kam_buf *out, const char *msg)
{
	size_t n = strcspn(msg, "\n");

	buf_add(out, msg, n);
}

/* The session's TimeZone is the user's own zone, so that times the server
 * formats match what the user types and sees elsewhere. It goes as libpq's
 * PGTZ, which libpq sends as the startup parameter "timezone" on every
 * connect and reconnect. Not as "options": PgBouncer refuses that startup
 * parameter by default, while it keeps track of timezone for each client
 * and SETs it on whichever server connection it lends that client, at
 * every transaction in transaction pooling (pgbouncer/pgbouncer
 * doc/config.md, ignore_startup_parameters and track_extra_parameters;
 * src/varcache.c, src/objects.c varcache_apply, tag pgbouncer_1_18_0).
 * A PGTZ of the user's own wins; true when PGTZ is kam's. */
static bool
zone_env(void)
{
	static bool ours;
	char zone[ZONE_NAMELEN];

	if (getenv("PGTZ") != NULL)
		return ours;
	ours = date_local_zone(zone) && setenv("PGTZ", zone, 1) == 0;
	return ours;
}

/* kam's own default, unless the user's environment names one: a client
 * that writes wants the primary of a multi-host list, never a standby
 * (libpq-connect.html, target_session_attrs; PGTARGETSESSIONATTRS). */
static const char *
session_attrs(void)
{
	return getenv("PGTARGETSESSIONATTRS") == NULL ? "read-write" : NULL;
}

/* The connection's keywords: kam's own first, then
 * conninfo (expanded by libpq), then the keywords of over, which win over
 * both (db_private.h). */
bool
db_connect_params(const char *conninfo, const char *over, const char *what,
    const char *tmo, const char ***keys,
    const char ***vals, PQconninfoOption **parsed)
{
	static const char *const own[] = { "connect_timeout", "keepalives",
	    "keepalives_idle", "keepalives_interval", "keepalives_count",
	    "application_name", "client_encoding" };
	static const char *const own_vals[] = { NULL, "1", "30", "10", "3",
	    "kam", "UTF8" };
	size_t n = 0, cap = countof(own) + 4;
	struct kam_buf msg;
	char *why = NULL;

	*parsed = NULL;
	if (over != NULL && *over != '\0') {
		if ((*parsed = PQconninfoParse(over, &why)) == NULL) {
			buf_init(&msg);
			first_line(&msg, why ? why : "out of memory");
			log_warn("%s: %s", what, msg.data);
			buf_free(&msg);
			PQfreemem(why);
			return false;
		}
		for (PQconninfoOption *o = *parsed; o->keyword; o++)
			cap++;
	}
	*keys = xcalloc(cap, sizeof **keys);
	*vals = xcalloc(cap, sizeof **vals);
	for (size_t i = 0; i < countof(own); i++, n++) {
		(*keys)[n] = own[i];
		(*vals)[n] = own_vals[i] ? own_vals[i] : tmo;
	}
	if (session_attrs() != NULL) {
		(*keys)[n] = "target_session_attrs";
		(*vals)[n++] = session_attrs();
	}
	if (conninfo != NULL) {	/* else PGDATABASE and friends decide */
		(*keys)[n] = "dbname";
		(*vals)[n++] = conninfo;
	}
	for (PQconninfoOption *o = *parsed; o && o->keyword; o++)
		if (o->val != NULL && *o->val != '\0') {
			(*keys)[n] = o->keyword;
			(*vals)[n++] = o->val;
		}
	return true;
}

/* False for a bad over; else db->conn is set, connected or not. */
static bool
open_conn(struct kam_db *db, const char *conninfo, const char *over,
    const char *what, const char *tmo)
{
	PQconninfoOption *parsed;
	const char **keys, **vals;

	db->conn = NULL;
	if (!db_connect_params(conninfo, over, what, tmo, &keys, &vals, &parsed))
		return false;
	db->conn = PQconnectdbParams(keys, vals, 1);
	free(keys);
	free(vals);
	PQconninfoFree(parsed);
	return true;
}

/* One try over every host of the list; false for a bad over. */
static bool
try_connect(struct kam_db *db, const char *conninfo, const char *over,
    const char *what, const char *tmo)
{
	bool zone = zone_env();

	if (!open_conn(db, conninfo, over, what, tmo))
		return false;
	/* a zone this machine knows and the server does not: the server's */
	if (zone && PQstatus(db->conn) != CONNECTION_OK &&
	    strstr(PQerrorMessage(db->conn), "TimeZone") != NULL) {
		PQfinish(db->conn);
		unsetenv("PGTZ");
		return open_conn(db, conninfo, over, what, tmo);
	}
	return true;
}

static bool
connected(const struct kam_db *db)
{
	return db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK;
}

/* Whether some host refused for a moment only (full, starting, a standby
 * while a failover is under way): then another try may do. */
static bool
refused_for_now(const struct kam_db *db)
{
	struct conn_error_host hosts[DB_MAX_HOSTS];
	size_t n;

	if (db->conn == NULL)
		return false;
	n = conn_error_split(PQerrorMessage(db->conn), hosts, countof(hosts));
	for (size_t i = 0; i < n; i++)
		if (hosts[i].temporary)
			return true;
	return false;
}

/* Why the connect failed: each host's reason, as libpq tried them. */
static void
report_failure(const struct kam_db *db, bool gave_up, int waited)
{
	struct conn_error_host hosts[DB_MAX_HOSTS];
	const char *msg = db->conn ? PQerrorMessage(db->conn) : "out of memory";
	size_t n = conn_error_split(msg, hosts, countof(hosts));

	if (n == 1)
		log_warn("cannot connect to the database: %.*s", (int)hosts[0].len,
		    hosts[0].text);
	else {
		log_warn("cannot connect to the database on any of its hosts:");
		for (size_t i = 0; i < n; i++)
			log_warn("  %.*s", (int)hosts[i].len, hosts[i].text);
	}
	if (gave_up)
		log_warn("the database is full or failing over, still after %d s "
		    "of retries (database.retry_for); try again later", waited);
}

/* Milliseconds on a clock that never jumps. */
static long long
clock_ms(void)
{
	return (long long)mono_ms();
}

/* Waits the backoff's next step, doubled each time up to 4 s, half of it
 * random: hundreds of clients turned away together come back spread out,
 * not in one wave. */
static void
backoff(long long *step)
{
	unsigned short r = 0;
	long long ms;
	struct timespec ts;

	if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
		r = 0;
	ms = *step / 2 + (*step / 2) * r / 65535;
	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	nanosleep(&ts, NULL);
	*step = *step * 2 > 4000 ? 4000 : *step * 2;
}

struct kam_db *
db_connect(const char *conninfo, int timeout, int retry_for, int *code)
{
	return db_connect_over(conninfo, NULL, NULL, timeout, retry_for, code);
}

struct kam_db *
db_connect_over(const char *conninfo, const char *over, const char *what,
    int timeout, int retry_for, int *code)
{
	char tmo[16];
	struct kam_db *db;
	long long start = clock_ms(), step = 250;
	bool again;

	snprintf(tmo, sizeof tmo, "%d", timeout);
	db = xcalloc(1, sizeof *db);
	db->ended = true;	/* no statement sent yet */
	buf_init(&db->error);
	for (;;) {
		if (!try_connect(db, conninfo, over, what, tmo)) {
			*code = EX_CONFIG;
			db_close(db);
			return NULL;
		}
		if (connected(db))
			break;
		again = refused_for_now(db);
		if (!again || clock_ms() - start >= (long long)retry_for * 1000) {
			report_failure(db, again, (int)((clock_ms() - start) / 1000));
			*code = again ? EX_TEMPFAIL : EX_UNAVAILABLE;
			db_close(db);
			return NULL;
		}
		log_debug("the database turned kam away for now: %s",
		    PQerrorMessage(db->conn));
		PQfinish(db->conn);
		db->conn = NULL;
		backoff(&step);
	}
	PQsetNoticeProcessor(db->conn, db_notice, NULL);
	return db;
}

void
db_close(struct kam_db *db)
{
	if (db == NULL)
		return;
	PQclear(db->result);
	PQfinish(db->conn);
	buf_free(&db->error);
	free(db);
}

static void
db_error_field(char *out, size_t size, const PGresult *res, int field)
{
	const char *v = res ? PQresultErrorField(res, field) : NULL;

	snprintf(out, size, "%s", v ? v : "");
}

static void
db_set_error(struct kam_db *db, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	buf_reset(&db->error);
	snprintf(db->sqlstate, sizeof db->sqlstate, "%s", state ? state : "");
	db_error_field(db->constraint, sizeof db->constraint, res,
	    PG_DIAG_CONSTRAINT_NAME);
	db_error_field(db->column, sizeof db->column, res, PG_DIAG_COLUMN_NAME);
	if (state == NULL) {
		/* no server answer: the connection itself broke */
		buf_adds(&db->error, "lost the database connection: ");
		first_line(&db->error, PQerrorMessage(db->conn));
		db->error_code = EX_UNAVAILABLE;
		return;
	}
	db->error_code = db_error_explain(&db->error, state,
	    PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY),
	    PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL),
	    PQresultErrorField(res, PG_DIAG_MESSAGE_HINT));
}

bool
db_fail(struct kam_db *db, PGresult *res)
{
	db_set_error(db, res);
	PQclear(res);
	return false;
}

static bool
db_result_ok(struct kam_db *db, PGresult *res)
{
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return true;
	return db_fail(db, res);
}

static struct kam_res *
wrap(struct kam_db *db, PGresult *res)
{
	struct kam_res *r;

	if (!db_result_ok(db, res))
		return NULL;
	r = xcalloc(1, sizeof *r);
	r->res = res;
	return r;
}

/* Unnamed statements only: a named prepared statement stays with one
 * server connection, which a transaction pooler does not keep for a
 * client (PgBouncer 1.18 does not track them: doc/config.md
 * max_prepared_statements came in 1.21). */
struct kam_res *
db_query(struct kam_db *db, const char *sql, int nparams,
    const char *const *params)
{
	return wrap(db, PQexecParams(db->conn, sql, nparams, NULL, params, NULL,
	    NULL, 0));
}

long
db_command(struct kam_db *db, const char *sql, int nparams,
    const char *const *params)
{
	struct kam_res *r = db_query(db, sql, nparams, params);
	const char *n;
	long affected;

	if (r == NULL)
		return -1;
	n = PQcmdTuples(r->res);
	affected = *n ? strtol(n, NULL, 10) : 0;
	res_free(r);
	return affected;
}

int
db_counts(struct kam_db *db, const char *sql, int nparams,
    const char *const *params, long *out, int n)
{
	struct kam_res *r = db_query(db, sql, nparams, params);

	if (r == NULL) {
		log_warn("%s", db_error(db));
		return db_error_code(db);
	}
	if (res_rows(r) != 1 || res_cols(r) < n) {
		log_warn("the database answered %d rows of %d columns, where one "
		    "row of %d counts was asked for", res_rows(r), res_cols(r), n);
		res_free(r);
		return EX_SOFTWARE;
	}
	for (int i = 0; i < n; i++)
		out[i] = res_get(r, 0, i) ? strtol(res_get(r, 0, i), NULL, 10) : 0;
	res_free(r);
	return EX_OK;
}

bool
db_script(struct kam_db *db, const char *sql)
{
	PGresult *res = PQexec(db->conn, sql);

	if (!db_result_ok(db, res))
		return false;
	PQclear(res);
	return true;
}

const char *
db_error(const struct kam_db *db)
{
	return db->error.data;
}

int
db_error_code(const struct kam_db *db)
{
	return db->error_code;
}

const char *
db_error_sqlstate(const struct kam_db *db)
{
	return db->sqlstate;
}

const char *
db_error_constraint(const struct kam_db *db)
{
	return db->constraint;
}

const char *
db_error_column(const struct kam_db *db)
{
	return db->column;
}

const char *
db_user(const struct kam_db *db)
{
	return PQuser(db->conn);
}

const char *
db_name(const struct kam_db *db)
{
	return PQdb(db->conn);
}

int
res_rows(const struct kam_res *r)
{
	return PQntuples(r->res);
}

int
res_cols(const struct kam_res *r)
{
	return r->col ? r->ncol : PQnfields(r->res);
}

/* The result's own column of the reader's col (see res_columns); -1,
 * which libpq reads as no column, outside them. */
static int
res_col(const struct kam_res *r, int col)
{
	if (r->col == NULL)
		return col;
	return col >= 0 && col < r->ncol ? r->col[col] : -1;
}

const char *
res_get(const struct kam_res *r, int row, int col)
{
	if (PQgetisnull(r->res, row, res_col(r, col)))
		return NULL;
	return PQgetvalue(r->res, row, res_col(r, col));
}

const char *
res_col_name(const struct kam_res *r, int col)
{
	return PQfname(r->res, res_col(r, col));
}

void
res_free(struct kam_res *r)
{
	if (r == NULL)
		return;
	PQclear(r->res);
	free(r->col);
	free(r);
}
