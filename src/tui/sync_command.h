/* :sync [stop]: the ERP sync in the background (sync_process.h) as the
 * loop and the status line see it. */
#ifndef KAM_TUI_SYNC_COMMAND_H
#define KAM_TUI_SYNC_COMMAND_H

#include <stdbool.h>

#include "client.h"

void	tui_sync_command(struct tui *t, const char *arg);
int	tui_sync_fd(const struct tui *t);		/* -1: nothing to poll */
void	tui_sync_activity(struct tui *t);		/* the pipe is readable */
void	tui_sync_timers(struct tui *t);
int	tui_sync_timeout(const struct tui *t);	/* ms, -1: none */
/* Whether quitting may go on: no sync runs (else it is asked to stop). */
bool	tui_sync_may_quit(struct tui *t);
/* The progress, or when the last sync went well. */
void	tui_sync_status(const struct tui *t, struct kam_buf *out);

#endif
