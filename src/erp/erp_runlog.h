/* One sync at a time, and a record of every run: the sync's lock (only
 * kam_sync can take it; a second sync learns who holds it), and the
 * run's row in kam.sync_run with its counts and first errors. */
#ifndef KAM_ERP_RUNLOG_H
#define KAM_ERP_RUNLOG_H

#include <stdbool.h>

#include "kam/buf.h"
#include "kam/conf.h"
#include "kam/db.h"

struct erp_counts {
	long	fetched, inserted, updated, unchanged, deleted, errors;
	long	skipped;	/* not ours, by the profile's "skip" */
};

/* EX_NOPERM, in words, when the login is not a member of kam_sync. */
int	erp_runlog_may_sync(struct kam_db *db, struct kam_buf *err);
struct erp_lock;

/* Takes the sync's lock: the table lock of kam.sync_lock, which needs a
 * privilege only kam_sync has, held by a transaction on a connection of
 * its own (c's sync login) until erp_runlog_unlock, so the server drops
 * it however the sync ends. EX_TEMPFAIL, naming the holder, when another
 * sync runs; *lock is NULL unless EX_OK. */
int	erp_runlog_lock(const struct kam_conf *c, struct erp_lock **lock,
	    struct kam_buf *err);
/* EX_OK while the lock is still held (asked every few seconds at most);
 * EX_TEMPFAIL when its connection is gone and another sync could start. */
int	erp_runlog_held(struct erp_lock *lock, struct kam_buf *err);
/* Lets the lock go; NULL (never taken) does nothing. */
void	erp_runlog_unlock(struct erp_lock *lock);
/* Closes runs a crash left "running", then opens this one; *id is
 * allocated. resource is NULL for all. */
int	erp_runlog_start(struct kam_db *db, const char *profile,
	    const char *resource, bool full, bool dry_run, char **id,
	    struct kam_buf *err);
/* Counts and details (JSON text) so far; inside the page's transaction. */
int	erp_runlog_update(struct kam_db *db, const char *id,
	    const struct erp_counts *c, const char *details, struct kam_buf *err);
/* error NULL: the run went well. */
int	erp_runlog_finish(struct kam_db *db, const char *id,
	    const struct erp_counts *c, const char *details, const char *error,
	    struct kam_buf *err);

#endif
