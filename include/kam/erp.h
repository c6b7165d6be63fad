/* The ERP sync (design.md §5): customers, contacts, orders and invoices
 * pulled over REST through a declarative profile into PostgreSQL. */
#ifndef KAM_ERP_H
#define KAM_ERP_H

#include <stdbool.h>
#include <stdio.h>

#include "kam/conf.h"
#include "kam/db.h"

struct erp_options {
	const char	*resource;	/* one of them, or NULL for all */
	bool		 full;		/* everything, and mark what is gone */
	bool		 dry_run;	/* fetch and count, change nothing */
	bool		 force;		/* mark more than ERP_MAX_GONE_PERCENT gone */
	bool		 progress;	/* a progress line on stderr */
	FILE		*events;	/* progress and outcome for a program, or NULL */
};

#define ERP_MAX_GONE_PERCENT	5

/* Runs a sync on db (which should log in as a kam_sync member); prints a
 * summary to stdout and problems to stderr. Returns an exit code. */
int	erp_sync(struct kam_db *db, const struct kam_conf *c,
	    const struct erp_options *o);
/* Asks the running sync to stop: the transfer under way ends, the page
 * being stored is committed or rolled back whole, and the run is recorded
 * as stopped. Safe to call from a signal handler. */
void	erp_sync_stop(void);
/* The high-water marks and the last runs, for --sync --status. */
int	erp_status(struct kam_db *db, FILE *out);
/* True for customers, contacts, orders and invoices. */
bool	erp_resource_name_ok(const char *name);

#endif
