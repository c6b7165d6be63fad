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
/* The staging tables of r; once a connection. */
int	erp_store_prepare(struct kam_db *db, const struct erp_resource *r,
	    struct kam_buf *err);
/* Stages pg and applies it; records of unknown customers are added to
 * pg's errors. In a full listing the staged ids join the seen set and the
 * ERP's version of a record wins even when its change time is older than
 * kam's. Inside one long transaction (a dry run), empty the stage first:
 * only a commit empties it by itself. */
int	erp_store_page(struct kam_db *db, const struct erp_resource *r,
	    struct erp_page *pg, bool full, bool empty_first,
	    struct erp_applied *out, struct kam_buf *err);
/* The high-water mark of r, if it was set by profile. */
int	erp_store_get_mark(struct kam_db *db, const struct erp_resource *r,
	    const char *profile, bool *has, int64_t *us, struct kam_buf *err);
int	erp_store_set_mark(struct kam_db *db, const struct erp_resource *r,
	    const char *profile, int64_t us, struct kam_buf *err);
/* Live rows the full listing did not name, and all live rows. */
int	erp_store_missing(struct kam_db *db, const struct erp_resource *r,
	    long *missing, long *live, struct kam_buf *err);
int	erp_store_mark_missing(struct kam_db *db, const struct erp_resource *r,
	    long *marked, struct kam_buf *err);
/* BEGIN, COMMIT, ROLLBACK and savepoints, as one place to fail from. */
int	erp_store_exec(struct kam_db *db, const char *sql, struct kam_buf *err);

#endif
