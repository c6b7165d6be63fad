/* Statements that never block the caller: the full-screen client sends one,
 * goes back to its poll loop, and collects the rows when the socket says
 * they are there. Also the non-blocking cancel and reconnect it needs. */
#include <libpq-fe.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/db.h"
#include "kam/xalloc.h"
#include "db_private.h"

int
db_socket(const struct kam_db *db)
{
	return PQsocket(db->conn);
}

bool
db_connected(const struct kam_db *db)
{
	return PQstatus(db->conn) == CONNECTION_OK;
}

static void
db_broken(struct kam_db *db)
{
	db_fail(db, NULL);
}

/* Keeps the result that tells how the statement went: its first, unless
 * an error follows. A single statement sent with PQsendQueryParams runs
 * in a transaction of its own that commits after its rows have gone out
 * (protocol-flow.html, "Extended Query": the implicit transaction ends at
 * Sync); a COMMIT that fails then, or a server that dies waiting for it,
 * comes after the rows (libpq-async.html: PQgetResult "must be called
 * repeatedly until it returns a null pointer"). Only the end of the
 * statement tells whether its rows count. */
static void
keep(struct kam_db *db, PGresult *res)
{
	ExecStatusType st = PQresultStatus(res);

	if (db->result == NULL ||
	    (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)) {
		PQclear(db->result);
		db->result = res;
	} else
		PQclear(res);
}

/* Reads the statement's results as far as they have arrived: never waits. */
static void
collect(struct kam_db *db)
{
	PGresult *res;

	while (!db->ended && !PQisBusy(db->conn)) {
		if ((res = PQgetResult(db->conn)) == NULL)
			db->ended = true;
		else
			keep(db, res);
	}
}

static void
forget(struct kam_db *db)
{
	PQclear(db->result);
	db->result = NULL;
	db->ended = true;
}

bool
db_idle(const struct kam_db *db)
{
	return db->ended;
}

bool
db_send(struct kam_db *db, const char *sql, int nparams,
    const char *const *params)
{
	return db_send_columns(db, sql, nparams, params, NULL);
}

bool
db_send_columns(struct kam_db *db, const char *sql, int nparams,
    const char *const *params, const struct db_columns *want)
{
	forget(db);
	db->want = want;
	if (PQsetnonblocking(db->conn, 1) != 0 ||
	    !PQsendQueryParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0)) {
		db_broken(db);
		return false;
	}
	db->ended = false;	/* sent: its end is still to come */
	return true;
}

enum db_wait
db_poll(struct kam_db *db)
{
	int flush = PQflush(db->conn);

	if (flush < 0)
		goto broken;
	if (flush > 0)
		return DB_WAIT_WRITE;
	if (!PQconsumeInput(db->conn))
		goto broken;
	/* a server that went away while idle shows up here as a closed
	 * socket, before anything was sent */
	if (PQstatus(db->conn) != CONNECTION_OK)
		goto broken;
	collect(db);
	return db->ended ? DB_READY : DB_WAIT_READ;
broken:
	/* whatever came before the break does not count: a statement
	 * cut short may or may not have committed */
	forget(db);
	db_broken(db);
	return DB_BROKEN;
}

struct kam_res *
db_take(struct kam_db *db)
{
	PGresult *res = db->ended ? db->result : NULL;
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	const struct db_columns *want = db->want;
	struct kam_res *r;

	db->result = NULL;
	db->want = NULL;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		db_fail(db, res);
		return NULL;
	}
	r = xcalloc(1, sizeof *r);
	r->res = res;
	return res_columns(db, r, want);
}

void
db_discard(struct kam_db *db)
{
	res_free(db_take(db));
}

/* Cancel requests still on their way; see db_cancel_pending. */
static atomic_int cancels_running;

/* PQcancel opens a new connection to the server and may wait as long as a
 * connect can; a thread of its own keeps the screen alive meanwhile.
 * libpq documents PQcancel as safe to call from any thread. */
static void *
cancel_thread(void *arg)
{
	PGcancel *cancel = arg;
	char err[256];

	PQcancel(cancel, err, sizeof err);
	PQfreeCancel(cancel);
	atomic_fetch_sub(&cancels_running, 1);
	return NULL;
}

bool
db_cancel_pending(void)
{
	return atomic_load(&cancels_running) > 0;
}

void
db_cancel(struct kam_db *db)
{
	PGcancel *cancel = PQgetCancel(db->conn);
	pthread_attr_t attr;
	pthread_t t;

	if (cancel == NULL)
		return;
	atomic_fetch_add(&cancels_running, 1);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &attr, cancel_thread, cancel) != 0)
		cancel_thread(cancel);	/* no thread to spare: wait instead */
	pthread_attr_destroy(&attr);
}

bool
db_reset_start(struct kam_db *db)
{
	forget(db);
	db->want = NULL;
	return PQresetStart(db->conn) == 1;
}

enum db_wait
db_reset_poll(struct kam_db *db)
{
	switch (PQresetPoll(db->conn)) {
	case PGRES_POLLING_READING:
		return DB_WAIT_READ;
	case PGRES_POLLING_WRITING:
		return DB_WAIT_WRITE;
	case PGRES_POLLING_OK:
		return DB_READY;
	default:
		db_broken(db);
		return DB_BROKEN;
	}
}
