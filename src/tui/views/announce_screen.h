/* The announcement (R on a topic of the cloud): one message to every
 * customer who raised the topic, a dry run first, the contacts told
 * written as CSV for a mail merge. */
#ifndef KAM_TUI_ANNOUNCE_SCREEN_H
#define KAM_TUI_ANNOUNCE_SCREEN_H

#include "client.h"

/* Opens it on topic in the cloud's period and reach (t->voc). */
void	view_announce_show(struct tui *t, const char *topic);

#endif
