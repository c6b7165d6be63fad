#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "erp_runlog.h"
#include "kam/xalloc.h"

/* pg_try_advisory_lock(int4, int4): "kam", then 1 for the sync */
#define LOCK_KEYS	"7037293, 1"

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
	    " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 7037293"
	    " AND l.objid = 1 AND l.objsubid = 2", 0, NULL);

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

int
erp_runlog_lock(struct kam_db *db, struct kam_buf *err)
{
	struct kam_res *res = db_query(db,
	    "SELECT pg_try_advisory_lock(" LOCK_KEYS ")", 0, NULL);
	const char *got;

	if (res == NULL)
		return failed(db, err);
	got = res_get(res, 0, 0);
	if (got != NULL && got[0] == 't') {
		res_free(res);
		return EX_OK;
	}
	res_free(res);
	name_holder(db, err);
	return EX_TEMPFAIL;
}

void
erp_runlog_unlock(struct kam_db *db)
{
	res_free(db_query(db, "SELECT pg_advisory_unlock(" LOCK_KEYS ")", 0, NULL));
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
