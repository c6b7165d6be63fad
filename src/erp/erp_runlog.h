/* One sync at a time, and a record of every run: the sync's lease (only
 * kam_sync can take it; a second sync learns who holds it), and the
 * run's row in kam.sync_run with its counts and first errors. */
#ifndef KAM_ERP_RUNLOG_H
#define KAM_ERP_RUNLOG_H

#include <stdbool.h>

#include "kam/buf.h"
#include "kam/db.h"

struct erp_counts {
	long	fetched, inserted, updated, unchanged, deleted, errors;
	long	skipped;	/* not ours, by the profile's "skip" */
};

/* EX_NOPERM, in words, when the login is not a member of kam_sync. */
int	erp_runlog_may_sync(struct kam_db *db, struct kam_buf *err);
struct erp_lock;

/* Takes the sync's lease (kam.sync_lease, which only kam_sync may
 * write) on db for ttl_s seconds from now. EX_TEMPFAIL, naming the holder,
 * when another sync holds a live one; a lease that ran out (its sync
 * died) is taken over. *lock is NULL unless EX_OK. */
int	erp_runlog_lock(struct kam_db *db, int ttl_s, struct erp_lock **lock,
	    struct kam_buf *err);
/* Renews the lease for another ttl_s; inside each page's transaction on
 * db (the sync's connection that applies the page), so a page commits
 * only while its sync holds the lease. EX_TEMPFAIL when another sync took
 * it over. */
int	erp_runlog_held(struct erp_lock *lock, struct kam_db *db,
	    struct kam_buf *err);
/* Gives the lease back; NULL (never taken) does nothing. */
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
