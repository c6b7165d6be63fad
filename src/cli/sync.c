/* kam --sync [--resource R] [--full [--force]] [--dry-run] [--progress-fd N]
 * | --sync --status */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "kam/cli.h"
#include "kam/countof.h"
#include "kam/erp.h"

/* Usage errors are found before connecting. */
static int
sync_usage(const struct kam_opts *o)
{
	if (o->nargs > 0)
		return cli_usage_error("unexpected argument '%s'", o->args[0]);
	if (o->sync_status && (o->resource || o->full || o->dry_run || o->force ||
	    o->progress_fd))
		return cli_usage_error("--status shows the last runs; it takes no "
		    "other --sync option");
	if (o->resource != NULL && !erp_resource_name_ok(o->resource))
		return cli_usage_error("--resource is customers, contacts, orders or "
		    "invoices, not '%s'", o->resource);
	if (o->force && !o->full)
		return cli_usage_error("--force goes with --full");
	return EX_OK;
}

/* --progress-fd N: a descriptor the caller opened for writing. */
static int
open_events(const char *text, FILE **events)
{
	char *end;
	long fd;
	int fl;

	*events = NULL;
	if (text == NULL)
		return EX_OK;
	errno = 0;
	fd = strtol(text, &end, 10);
	if (*text == '\0' || *end != '\0' || errno != 0 || fd < 1 || fd > INT_MAX)
		return cli_usage_error("--progress-fd needs a file descriptor number, "
		    "not '%s'", text);
	fl = fcntl((int)fd, F_GETFL);
	if (fl < 0 || (fl & O_ACCMODE) == O_RDONLY)
		return cli_usage_error("--progress-fd %ld is not open for writing", fd);
	if (fd == STDOUT_FILENO || fd == STDERR_FILENO)
		*events = fd == STDOUT_FILENO ? stdout : stderr;
	else if ((*events = fdopen((int)fd, "w")) == NULL)
		return cli_usage_error("--progress-fd %ld: %s", fd, strerror(errno));
	return EX_OK;
}

static void
on_stop_signal(int sig)
{
	(void)sig;
	erp_sync_stop();
}

/* Ctrl-C, a hang-up or TERM end the run between two pages, recorded as
 * stopped; a second one ends kam at once (the sync is crash-safe). */
static void
catch_stops(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sa.sa_flags = SA_RESETHAND | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < countof(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
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

	if ((rc = sync_usage(o)) != EX_OK ||
	    (rc = open_events(o->progress_fd, &eo.events)) != EX_OK)
		return rc;
	if ((db = cli_connect_sync(c, &rc)) != NULL) {
		if (o->sync_status)
			rc = erp_status(db, stdout);
		else {
			catch_stops();
			rc = erp_sync(db, c, &eo);
		}
		db_close(db);
	}
	if (eo.events != NULL && eo.events != stdout && eo.events != stderr)
		fclose(eo.events);
	return rc;
}
