/* Live screens: the LISTEN connection's notifications (kam/listen.h)
 * read again every open view that shows what changed, a burst at a time;
 * without that connection, every view is read again every
 * LIVE_POLL_MS. */
#ifndef KAM_TUI_LIVE_H
#define KAM_TUI_LIVE_H

#include <stdbool.h>

#include "kam/change_hint.h"

struct tui;
struct kam_listen;

#define LIVE_GATHER_MS	200	/* a view reads at most so often */
#define LIVE_POLL_MS	30000	/* without LISTEN */
#define LIVE_HINTS	32	/* more in one burst: every view reads */

struct tui_live {
	struct kam_listen	*listen;
	bool			 ready;		/* listening now */
	bool			 was_ready;	/* ... before: a reconnect reads all */
	bool			 polled;	/* fell back to polling */
	bool			 told;		/* ... and said so */
	double			 poll_at;	/* the next poll, and LISTEN retry */
	double			 due;		/* the burst's reads; 0: none */
	double			 last;		/* ... the last burst's */
	bool			 all;		/* every view reads */
	struct change_hint	 hint[LIVE_HINTS];
	int			 nhints;
};

/* Starts listening as the configuration says (never waits). */
void	live_start(struct tui *t);
void	live_stop(struct tui *t);
/* The listen socket and its events for poll (0: none). */
int	live_fd(const struct tui *t);
short	live_events(const struct tui *t);
/* The socket's news; then the timers (also without news). */
void	live_activity(struct tui *t);
void	live_timers(struct tui *t);
/* The wait until live_timers has work, in ms; -1: none. */
int	live_timeout(const struct tui *t);
/* Reads again every open view a change of h concerns, now (the burst
 * gathering is live_timers'; this is for tests and the dispatcher). */
void	live_dispatch(struct tui *t, const struct change_hint *h, int n,
	    bool all);

#endif
