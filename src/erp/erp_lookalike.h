/* After the customers of a sync run are applied: the new customers that
 * look like accounts kam had before the run (kam.account_lookalikes,
 * migration 0057), written to the log for a person to look at. */
#ifndef KAM_ERP_LOOKALIKE_H
#define KAM_ERP_LOOKALIKE_H

#include "kam/buf.h"
#include "kam/db.h"

/* The first ERP_LOOKALIKE_CHECKED new customers of run are checked: a
 * first sync into a full database must not take the trigram index's time
 * for every customer. Returns an exit code; *found gets how many pairs
 * were reported; on failure err says why. */
#define ERP_LOOKALIKE_CHECKED	200

int	erp_lookalike_report(struct kam_db *db, const char *run, long *found,
	    struct kam_buf *err);

#endif
