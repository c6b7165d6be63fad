/* The connection that LISTENs for change notifications, for the
 * full-screen client's live screens. A connection of its own, direct to
 * the server: a pooler in transaction mode cannot carry LISTEN (PgBouncer's
 * features page, "SQL feature map for pooling modes": LISTEN "never" in
 * transaction pooling), since the server connection that listened goes
 * back to the pool at the end of the transaction. Nothing here ever
 * blocks: the loop waits on listen_socket() and calls listen_poll(). */
#ifndef KAM_LISTEN_H
#define KAM_LISTEN_H

#include <stdbool.h>

struct kam_listen;

/* The channel of change notifications (0031_live_changes.sql). */
#define LISTEN_CHANNEL	"kam_change"

enum listen_state {
	LISTEN_CONNECTING,	/* connecting, or LISTEN not answered yet */
	LISTEN_READY,		/* listening */
	LISTEN_BROKEN		/* failed or lost: see listen_error */
};

/* Starts connecting with conninfo, the settings of over (may be NULL or
 * "") winning, like db_connect_over; LISTENs on LISTEN_CHANNEL once
 * connected. timeout is connect_timeout in seconds,
 * which listen_poll keeps. NULL only for a bad over (said on stderr). */
struct kam_listen *listen_open(const char *conninfo, const char *over,
		    int timeout);
void		 listen_close(struct kam_listen *l);
/* The socket to wait on (-1: none now), and whether for writing. */
int		 listen_socket(const struct kam_listen *l);
bool		 listen_wants_write(const struct kam_listen *l);
/* Does what the socket allows: the connect's next step, LISTEN, the
 * notifications that came, each payload handed to sink. Also called
 * without an event (at least every second while connecting) to keep the
 * connect's deadline. */
enum listen_state listen_poll(struct kam_listen *l,
		    void (*sink)(void *ctx, const char *payload), void *ctx);
/* Starts connecting again, after LISTEN_BROKEN. */
void		 listen_restart(struct kam_listen *l);
/* Why it broke, one line. */
const char	*listen_error(const struct kam_listen *l);

#endif
