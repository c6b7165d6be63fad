/* The full-screen client: what the command line needs to open it, and its
 * key list for kam(1). Everything else of it lives in src/tui. */
#ifndef KAM_TUI_H
#define KAM_TUI_H

#include <stdio.h>

#include "kam/conf.h"
#include "kam/db.h"

struct tui_trace;

/* --trace FILE: timestamps of start, paints and keys. Opened first, so
 * that "start" is as early as it can be; NULL (errno set) on failure. */
struct tui_trace	*tui_trace_open(const char *path);

void	tui_trace_close(struct tui_trace *trace);

/* Runs the client on db until the user quits; closes trace. Returns an
 * exit code. */
int	tui_run(struct kam_db *db, const struct kam_conf *conf,
	    struct tui_trace *trace);

/* kam --voc --watch: the cloud alone, read-only, for a wall display;
 * since a period word of :voc (90d, year, all, a day; NULL: 90d), team
 * NULL for everyone the login may read. q ends it. */
struct tui_wall {
	const char	*since;
	const char	*team;
};
int	tui_run_wall(struct kam_db *db, const struct kam_conf *conf,
	    struct tui_trace *trace, const struct tui_wall *wall);

/* The keys, generated from the key table, as mdoc for kam(1). */
void	tui_keys_mdoc(FILE *out);

#endif
