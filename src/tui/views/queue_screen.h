/* The support queue: every open ticket, the next due milestone first. */
#ifndef KAM_TUI_QUEUE_SCREEN_H
#define KAM_TUI_QUEUE_SCREEN_H

#include "client.h"

/* Opens the queue, or reads it again when it is in front. */
void	view_queue_show(struct tui *t);

#endif
