/* kam with no action: the full-screen client, when both ends of the
 * terminal are there. */
#include <errno.h>
#include <string.h>
#include <sysexits.h>

#include "kam/cli.h"
#include "kam/log.h"
#include "kam/tui.h"

int
cmd_tui(const struct kam_opts *o, const struct kam_conf *c)
{
	struct tui_trace *trace = NULL;
	struct kam_db *db;
	int rc;

	if (o->trace != NULL && (trace = tui_trace_open(o->trace)) == NULL) {
		log_warn("cannot write the trace %s: %s", o->trace, strerror(errno));
		return EX_CANTCREAT;
	}
	if ((db = cli_connect(c, &rc)) == NULL) {
		tui_trace_close(trace);
		return rc;
	}
	rc = tui_run(db, c, trace);
	db_close(db);
	return rc;
}
