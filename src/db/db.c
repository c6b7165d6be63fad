#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/db.h"
#include "kam/log.h"
#include "kam/xalloc.h"
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

struct kam_db *
db_connect(const char *conninfo, int timeout, int *code)
{
	char tmo[16];
	const char *keys[] = { "connect_timeout", "keepalives",
	    "keepalives_idle", "keepalives_interval", "keepalives_count",
	    "application_name", "client_encoding", "dbname", NULL };
	const char *vals[] = { tmo, "1", "30", "10", "3", "kam", "UTF8",
	    conninfo, NULL };
	struct kam_db *db;
	struct kam_buf msg;

	snprintf(tmo, sizeof tmo, "%d", timeout);
	if (conninfo == NULL)
		keys[7] = NULL;	/* let PGDATABASE and friends decide */
	db = xcalloc(1, sizeof *db);
	buf_init(&db->error);
	db->conn = PQconnectdbParams(keys, vals, 1);
	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
		buf_init(&msg);
		first_line(&msg, db->conn ? PQerrorMessage(db->conn) : "out of memory");
		log_warn("cannot connect to the database: %s", msg.data);
		buf_free(&msg);
		*code = EX_UNAVAILABLE;
		db_close(db);
		return NULL;
	}
	PQsetNoticeProcessor(db->conn, db_notice, NULL);
	return db;
}

void
db_close(struct kam_db *db)
{
	if (db == NULL)
		return;
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

struct kam_res *
db_query(struct kam_db *db, const char *sql, int nparams,
    const char *const *params)
{
	PGresult *res;
	struct kam_res *r;

	res = PQexecParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0);
	if (!db_result_ok(db, res))
		return NULL;
	r = xmalloc(sizeof *r);
	r->res = res;
	return r;
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
	return PQnfields(r->res);
}

const char *
res_get(const struct kam_res *r, int row, int col)
{
	if (PQgetisnull(r->res, row, col))
		return NULL;
	return PQgetvalue(r->res, row, col);
}

const char *
res_col_name(const struct kam_res *r, int col)
{
	return PQfname(r->res, col);
}

void
res_free(struct kam_res *r)
{
	if (r == NULL)
		return;
	PQclear(r->res);
	free(r);
}
