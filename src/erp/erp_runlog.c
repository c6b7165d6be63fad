#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "erp_runlog.h"
#include "kam/xalloc.h"

/* How often, at most, a running sync checks that its lock is still held:
 * a statement on the lock's connection every few seconds costs nothing
 * and keeps a pooler's idle-in-transaction timer from running out. */
#define LOCK_CHECK_S	5

struct erp_lock {
	struct kam_db	*db;		/* its own connection, in its transaction */
	time_t		 checked;
};

static int
failed(struct kam_db *db, struct kam_buf *err)
{
	buf_addf(err, "sync_run: %s", db_error(db));
	return db_error_code(db);
}

/* Who holds the lock: the session, and the run it recorded. */
static void
name_holder(struct kam_db *db, struct kam_buf *err)
{
	struct kam_res *res = db_query(db,
	    "SELECT a.pid, a.usename, to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS'),"
	    " (SELECT to_char(r.started_at, 'YYYY-MM-DD HH24:MI:SS') || ' by ' ||"
	    " r.started_by FROM kam.sync_run r WHERE r.status = 'running'"
	    " ORDER BY r.started_at DESC LIMIT 1)"
	    " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
	    " WHERE l.locktype = 'relation' AND l.granted"
	    " AND l.mode = 'ExclusiveLock' AND l.relation = 'kam.sync_lock'::regclass"
	    " AND l.database = (SELECT oid FROM pg_database"
	    " WHERE datname = current_database())", 0, NULL);

	buf_adds(err, "another sync is running");
	if (res != NULL && res_rows(res) > 0) {
		buf_addf(err, " (server process %s, user %s, connected %s", res_get(res, 0, 0),
		    res_get(res, 0, 1) ? res_get(res, 0, 1) : "?",
		    res_get(res, 0, 2) ? res_get(res, 0, 2) : "?");
		if (res_get(res, 0, 3) != NULL)
			buf_addf(err, "; started %s", res_get(res, 0, 3));
		buf_addc(err, ')');
	}
	buf_adds(err, "; try again when it has finished");
	res_free(res);
}

int
erp_runlog_may_sync(struct kam_db *db, struct kam_buf *err)
{
	struct kam_res *res = db_query(db, "SELECT pg_has_role('kam_sync', 'MEMBER'),"
	    " current_user", 0, NULL);
	int rc = EX_OK;

	if (res == NULL)
		return failed(db, err);
	if (strcmp(res_get(res, 0, 0), "t") != 0) {
		buf_addf(err, "the database login %s is not allowed to sync: it is "
		    "not a member of kam_sync (erp.conninfo in kam.conf(5) names the "
		    "sync's own login)", res_get(res, 0, 1));
		rc = EX_NOPERM;
	}
	res_free(res);
	return rc;
}

/* Takes the table lock of migration 0012 in a transaction left open:
 * no timeout of the server's may end it while the sync runs, and no
 * waiting when another sync holds it. */
static int
take(struct kam_db *db, struct kam_buf *err)
{
	const char *state;

	if (db_script(db, "BEGIN;"
	    " SET LOCAL idle_in_transaction_session_timeout = 0;"
	    " LOCK TABLE kam.sync_lock IN EXCLUSIVE MODE NOWAIT"))
		return EX_OK;
	state = db_error_sqlstate(db);
	if (state == NULL || strcmp(state, "55P03") != 0) {
		buf_addf(err, "the sync's lock: %s", db_error(db));
		return db_error_code(db);
	}
	db_script(db, "ROLLBACK");
	name_holder(db, err);
	return EX_TEMPFAIL;
}

int
erp_runlog_lock(const struct kam_conf *c, struct erp_lock **out,
    struct kam_buf *err)
{
	struct erp_lock *lock;
	struct kam_db *db;
	int rc;

	*out = NULL;
	if ((db = db_connect_over(c->db_conninfo, c->erp_conninfo, "erp.conninfo",
	    c->db_connect_timeout, &rc)) == NULL) {
		buf_adds(err, "cannot connect for the sync's lock (see above)");
		return rc;
	}
	if ((rc = take(db, err)) != EX_OK) {
		db_close(db);
		return rc;
	}
	lock = xcalloc(1, sizeof *lock);
	lock->db = db;
	lock->checked = time(NULL);
	*out = lock;
	return EX_OK;
}

int
erp_runlog_held(struct erp_lock *lock, struct kam_buf *err)
{
	time_t now = time(NULL);
	struct kam_res *res;

	if (now - lock->checked < LOCK_CHECK_S)
		return EX_OK;
	if ((res = db_query(lock->db, "SELECT 1", 0, NULL)) == NULL) {
		buf_addf(err, "the sync lost its lock (%s); stopped, so that no "
		    "two syncs run at once", db_error(lock->db));
		return EX_TEMPFAIL;
	}
	res_free(res);
	lock->checked = now;
	return EX_OK;
}

void
erp_runlog_unlock(struct erp_lock *lock)
{
	if (lock == NULL)
		return;
	db_script(lock->db, "ROLLBACK");
	db_close(lock->db);
	free(lock);
}

int
erp_runlog_start(struct kam_db *db, const char *profile, const char *resource,
    bool full, bool dry_run, char **id, struct kam_buf *err)
{
	const char *params[] = { profile, resource, full ? "t" : "f",
	    dry_run ? "t" : "f" };
	struct kam_res *res;

	/* we hold the lock, so a run still "running" died without a word */
	if (db_command(db, "UPDATE kam.sync_run SET status = 'failed',"
	    " finished_at = greatest(now(), started_at),"
	    " error = 'interrupted: the sync stopped without finishing'"
	    " WHERE status = 'running'", 0, NULL) < 0)
		return failed(db, err);
	res = db_query(db, "INSERT INTO kam.sync_run (profile, resource, full_sync,"
	    " dry_run) VALUES ($1, $2, $3, $4) RETURNING id", 4, params);
	if (res == NULL)
		return failed(db, err);
	*id = xstrdup(res_get(res, 0, 0));
	res_free(res);
	return EX_OK;
}

/* $1 id, $2-$7 the counts, $8 details, $9 the error (nparams 9 only) */
static int
write_run(struct kam_db *db, const char *sql, int nparams, const char *id,
    const struct erp_counts *c, const char *details, const char *error,
    struct kam_buf *err)
{
	char n[6][24];
	const char *params[] = { id, n[0], n[1], n[2], n[3], n[4], n[5], details,
	    error };
	const long v[] = { c->fetched, c->inserted, c->updated, c->unchanged,
	    c->deleted, c->errors };

	for (int i = 0; i < 6; i++)
		snprintf(n[i], sizeof n[i], "%ld", v[i] > 2147483647 ? 2147483647 : v[i]);
	if (db_command(db, sql, nparams, params) < 0)
		return failed(db, err);
	return EX_OK;
}

int
erp_runlog_update(struct kam_db *db, const char *id, const struct erp_counts *c,
    const char *details, struct kam_buf *err)
{
	return write_run(db, "UPDATE kam.sync_run SET fetched = $2, inserted = $3,"
	    " updated = $4, unchanged = $5, deleted = $6, errors = $7,"
	    " details = $8::jsonb WHERE id = $1", 8, id, c, details, NULL, err);
}

int
erp_runlog_finish(struct kam_db *db, const char *id, const struct erp_counts *c,
    const char *details, const char *error, struct kam_buf *err)
{
	return write_run(db, "UPDATE kam.sync_run SET fetched = $2, inserted = $3,"
	    " updated = $4, unchanged = $5, deleted = $6, errors = $7,"
	    " details = $8::jsonb, error = $9::text, finished_at = now(),"
	    " status = CASE WHEN $9::text IS NULL THEN 'ok' ELSE 'failed' END"
	    " WHERE id = $1", 9, id, c, details, error, err);
}
