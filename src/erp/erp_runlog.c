#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "erp_runlog.h"
#include "kam/log.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

/* The sync's lease (migration 0021): a row, not a lock of a session, so
 * that the sync runs through any connection pooler, transaction pooling
 * included. */
struct erp_lock {
	struct kam_db	*db;		/* the sync's own connection */
	char		*holder;	/* the lease's uuid */
	char		 ttl[24];	/* the lease's length, an interval */
};

static int
failed(struct kam_db *db, struct kam_buf *err)
{
	buf_addf(err, "sync_run: %s", db_error(db));
	return db_error_code(db);
}

/* Who holds the lease, when they took it and last renewed it. */
static void
name_holder(struct kam_db *db, struct kam_buf *err)
{
	struct kam_res *res = db_query(db, "SELECT held_by, client,"
	    " to_char(taken_at, 'YYYY-MM-DD HH24:MI:SS'),"
	    " to_char(heartbeat_at, 'YYYY-MM-DD HH24:MI:SS'),"
	    " to_char(expires_at, 'YYYY-MM-DD HH24:MI:SS')"
	    " FROM kam.sync_lease", 0, NULL);
	struct kam_buf safe;

	buf_adds(err, "another sync is running");
	if (res != NULL && res_rows(res) > 0) {
		buf_init(&safe);
		utf8_sanitize(&safe, res_get(res, 0, 1), strlen(res_get(res, 0, 1)));
		buf_addf(err, " (user %s, %s; started %s, last page %s; its lease "
		    "runs out %s", res_get(res, 0, 0), safe.data, res_get(res, 0, 2),
		    res_get(res, 0, 3), res_get(res, 0, 4));
		buf_addc(err, ')');
		buf_free(&safe);
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

/* This process, for whoever asks who holds the lease. */
static void
client_name(char *out, size_t size)
{
	char host[256];

	if (gethostname(host, sizeof host) != 0)
		snprintf(host, sizeof host, "?");
	host[sizeof host - 1] = '\0';
	snprintf(out, size, "kam on %s, process %ld", host, (long)getpid());
}

/* One statement: a new lease where there is none or it has run out, and
 * nothing where a live one is held (its row lock makes a concurrent
 * taker wait for the renewal, then see it live). */
static int
take(struct erp_lock *lock, struct kam_buf *err)
{
	char client[320];
	const char *params[] = { client, lock->ttl };
	struct kam_res *res;

	client_name(client, sizeof client);
	res = db_query(lock->db, "INSERT INTO kam.sync_lease AS l (holder, client,"
	    " expires_at) VALUES (gen_random_uuid(), $1, now() + $2::interval)"
	    " ON CONFLICT (one) DO UPDATE SET holder = excluded.holder,"
	    " held_by = session_user, client = excluded.client, taken_at = now(),"
	    " heartbeat_at = now(), expires_at = excluded.expires_at"
	    " WHERE l.expires_at < now() RETURNING holder", 2, params);
	if (res == NULL) {
		buf_addf(err, "the sync's lease: %s", db_error(lock->db));
		return db_error_code(lock->db);
	}
	if (res_rows(res) == 1)
		lock->holder = xstrdup(res_get(res, 0, 0));
	res_free(res);
	if (lock->holder != NULL)
		return EX_OK;
	name_holder(lock->db, err);
	return EX_TEMPFAIL;
}

int
erp_runlog_lock(struct kam_db *db, int ttl_s, struct erp_lock **out,
    struct kam_buf *err)
{
	struct erp_lock *lock = xcalloc(1, sizeof *lock);
	int rc;

	lock->db = db;
	snprintf(lock->ttl, sizeof lock->ttl, "%d seconds", ttl_s);
	if ((rc = take(lock, err)) != EX_OK) {
		free(lock);
		lock = NULL;
	}
	*out = lock;
	return rc;
}

int
erp_runlog_held(struct erp_lock *lock, struct kam_db *db, struct kam_buf *err)
{
	const char *params[] = { lock->holder, lock->ttl };
	long n = db_command(db, "UPDATE kam.sync_lease"
	    " SET heartbeat_at = now(), expires_at = now() + $2::interval"
	    " WHERE holder = $1", 2, params);

	if (n < 0)
		return failed(db, err);
	if (n == 0) {
		buf_adds(err, "the sync's lease ran out and another sync took it "
		    "over; stopped, so that no two syncs run at once");
		return EX_TEMPFAIL;
	}
	return EX_OK;
}

void
erp_runlog_unlock(struct erp_lock *lock)
{
	const char *params[1];

	if (lock == NULL)
		return;
	params[0] = lock->holder;
	if (db_command(lock->db, "DELETE FROM kam.sync_lease WHERE holder = $1",
	    1, params) < 0)
		log_warn("the sync's lease stays until it runs out: %s",
		    db_error(lock->db));
	free(lock->holder);
	free(lock);
}

int
erp_runlog_start(struct kam_db *db, const char *profile, const char *resource,
    bool full, bool dry_run, char **id, struct kam_buf *err)
{
	const char *params[] = { profile, resource, full ? "t" : "f",
	    dry_run ? "t" : "f" };
	struct kam_res *res;

	/* we hold the lease, so a run still "running" died without a word;
	 * the ids its full listing saw are of no more use */
	if (db_command(db, "UPDATE kam.sync_run SET status = 'failed',"
	    " finished_at = greatest(now(), started_at),"
	    " error = 'interrupted: the sync stopped without finishing'"
	    " WHERE status = 'running'", 0, NULL) < 0 ||
	    db_command(db, "DELETE FROM kam.sync_seen", 0, NULL) < 0)
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
	const char *params[] = { id };
	int rc = write_run(db, "UPDATE kam.sync_run SET fetched = $2, inserted = $3,"
	    " updated = $4, unchanged = $5, deleted = $6, errors = $7,"
	    " details = $8::jsonb, error = $9::text, finished_at = now(),"
	    " status = CASE WHEN $9::text IS NULL THEN 'ok' ELSE 'failed' END"
	    " WHERE id = $1", 9, id, c, details, error, err);

	if (rc == EX_OK && db_command(db, "DELETE FROM kam.sync_seen"
	    " WHERE run_id = $1", 1, params) < 0)
		return failed(db, err);
	return rc;
}
