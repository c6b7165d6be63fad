/* Requests to the database: one statement at a time, queued, and what a
 * failed one says. A view submits (slot, arg); the queue calls the
 * view's send, and its recv once the rows are there. */
#ifndef KAM_TUI_REQUESTS_H
#define KAM_TUI_REQUESTS_H

#include <stdbool.h>

#include "client.h"

void	req_submit(struct tui *t, struct view *owner, int slot, int arg);
/* The same once ms have passed without another (owner, slot) asked for:
 * a debounce, so that what follows a fast cursor reads once, for where
 * it stopped. A newer one replaces it, and the waiting or running one
 * of the same slot gives way to it as with req_submit. */
void	req_submit_after(struct tui *t, struct view *owner, int slot, int arg,
	    int ms);
/* Drops owner's requests in slot, waiting, queued or running: what they
 * ask for is not wanted any more. */
void	req_drop(struct tui *t, struct view *owner, int slot);
/* The wait until a request's time comes, in ms; -1: none waits. */
int	req_later_timeout(const struct tui *t);
/* Submits the requests whose time has come. */
void	req_later_due(struct tui *t);
/* Drops owner's requests (and its tabs'): the view is going. */
void	req_forget(struct tui *t, struct view *owner);
void	req_pump(struct tui *t);
void	req_ready(struct tui *t);
/* Esc: stops the running statement. False when none ran. */
bool	req_cancel(struct tui *t);
/* A database error while collecting rows: says it and notices a lost
 * connection. */
void	tui_db_error(struct tui *t);
/* The connection is gone: the loop reconnects after a growing wait. */
void	tui_db_lost(struct tui *t);

#endif
