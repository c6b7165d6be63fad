/* kam --sync [--resource R] [--full [--force]] [--dry-run] | --sync --status */
#include <stdio.h>
#include <sysexits.h>
#include <unistd.h>

#include "kam/cli.h"
#include "kam/erp.h"

/* Usage errors are found before connecting. */
static int
sync_usage(const struct kam_opts *o)
{
	if (o->nargs > 0)
		return cli_usage_error("unexpected argument '%s'", o->args[0]);
	if (o->sync_status && (o->resource || o->full || o->dry_run || o->force))
		return cli_usage_error("--status shows the last runs; it takes no "
		    "other --sync option");
	if (o->resource != NULL && !erp_resource_name_ok(o->resource))
		return cli_usage_error("--resource is customers, contacts, orders or "
		    "invoices, not '%s'", o->resource);
	if (o->force && !o->full)
		return cli_usage_error("--force goes with --full");
	return EX_OK;
}

int
cmd_sync(const struct kam_opts *o, const struct kam_conf *c)
{
	struct erp_options eo = {
		.resource = o->resource, .full = o->full, .dry_run = o->dry_run,
		.force = o->force, .progress = isatty(STDERR_FILENO) == 1,
	};
	struct kam_db *db;
	int rc;

	if ((rc = sync_usage(o)) != EX_OK)
		return rc;
	if ((db = cli_connect(c, &rc)) == NULL)
		return rc;
	rc = o->sync_status ? erp_status(db, stdout) : erp_sync(db, c, &eo);
	db_close(db);
	return rc;
}
