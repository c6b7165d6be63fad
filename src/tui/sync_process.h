/* :sync in the background: kam --sync run again as a child process, its
 * events (kam-erp(5)) and messages coming back on one pipe that the main
 * loop polls beside the terminal and the database socket. The screen
 * never waits for it. No curses here. */
#ifndef KAM_TUI_SYNC_PROCESS_H
#define KAM_TUI_SYNC_PROCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "kam/buf.h"
#include "kam/conf.h"

#define BGSYNC_LINE_MAX		2048	/* a longer line is cut there */

struct bgsync_counts {
	long	fetched, inserted, updated, unchanged, deleted, errors;
};

struct bgsync {
	pid_t			 pid;		/* 0: none runs */
	int			 fd;		/* the pipe, -1 once it has ended */
	bool			 stopping;	/* asked to stop */
	double			 stop_at;	/* ... then, in ms */
	struct kam_buf		 partial;	/* a line not ended yet */
	bool			 cut;		/* ... too long: drop the rest */
	/* the page event last read */
	char			 resource[16];
	long			 records, rate;
	/* the outcome */
	struct bgsync_counts	 done;		/* summed over resources */
	int			 nresources;
	struct kam_buf		 fail;		/* why the run ended early */
	struct kam_buf		 last;		/* kam's last message */
};

void	bgsync_init(struct bgsync *b);
/* Ends a sync still running at once and waits for it (it is
 * crash-safe); the client stops it more gently before. */
void	bgsync_free(struct bgsync *b);
bool	bgsync_running(const struct bgsync *b);

/* The client's environment for a kam it runs, with the configuration
 * file it read and the database it uses, whatever flags chose them
 * (kam --brief for b as well). */
char	**bgsync_env(const struct kam_conf *c);
void	  bgsync_env_free(char **env);

/* Starts kam --sync with c's configuration file and database; false
 * with err when it cannot. */
bool	bgsync_start(struct bgsync *b, const struct kam_conf *c,
	    struct kam_buf *err);
/* Reads what the pipe holds; true when something was read. */
bool	bgsync_read(struct bgsync *b);
/* Bytes as they came from the pipe (bgsync_read's half; unit tests). */
void	bgsync_feed(struct bgsync *b, const char *data, size_t n);
/* Once the pipe has ended: true when the child has exited, with its
 * wait status. */
bool	bgsync_reap(struct bgsync *b, int *status);
/* Asks the sync to stop between two pages (TERM). */
void	bgsync_stop(struct bgsync *b, double now_ms);
/* Ends it at once (KILL): it loses nothing stored. */
void	bgsync_kill(struct bgsync *b);

/* "syncing orders: 12000 records, 48000/s", for the status line. */
void	bgsync_progress(const struct bgsync *b, struct kam_buf *out);
/* The outcome in words for wait status; true when it is a failure. */
bool	bgsync_outcome(const struct bgsync *b, int status, struct kam_buf *out);

#endif
