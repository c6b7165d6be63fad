/* The database side of the sync: staging a page and applying it with the
 * fixed statements of erp_resource, the high-water marks in sync_state,
 * and the ids seen by a full listing. Transactions are the caller's. */
#ifndef KAM_ERP_STORE_H
#define KAM_ERP_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "erp_page.h"
#include "erp_resource.h"
#include "kam/buf.h"
#include "kam/db.h"

struct erp_applied {
	long	inserted, updated, deleted, unknown;
	bool	has_unknown;
	int64_t	unknown_min_us;	/* earliest change time among unknown links */
};

/* Each returns an exit code; on failure err says why. */
/* Stages pg and applies it, inside the caller's transaction: the staging
 * table lives only as long as that transaction, so that any connection
 * pooler may put each transaction on another server connection. Records
 * of unknown customers are added to pg's errors. In a full listing the
 * staged ids join run's seen set (kam.sync_seen) and the
 * ERP's version of a record wins even when its change time is older than
 * kam's. Inside one long transaction (a dry run), drop the stage first:
 * only a commit drops it by itself. */
int	erp_store_page(struct kam_db *db, const struct erp_resource *r,
	    struct erp_page *pg, const char *run, bool full, bool empty_first,
	    struct erp_applied *out, struct kam_buf *err);
/* The high-water mark of r, if it was set by profile. */
int	erp_store_get_mark(struct kam_db *db, const struct erp_resource *r,
	    const char *profile, bool *has, int64_t *us, struct kam_buf *err);
int	erp_store_set_mark(struct kam_db *db, const struct erp_resource *r,
	    const char *profile, int64_t us, struct kam_buf *err);
/* Live rows run's full listing did not name, and all live rows. */
int	erp_store_missing(struct kam_db *db, const struct erp_resource *r,
	    const char *run, long *missing, long *live, struct kam_buf *err);
int	erp_store_mark_missing(struct kam_db *db, const struct erp_resource *r,
	    const char *run, long *marked, struct kam_buf *err);
/* BEGIN, COMMIT, ROLLBACK and savepoints, as one place to fail from. */
int	erp_store_exec(struct kam_db *db, const char *sql, struct kam_buf *err);

#endif
