/* The voice of the customer's cloud (V, :voc) and the list of a topic's
 * entries it opens; the same cloud, read-only, on a wall (kam --voc
 * --watch). */
#ifndef KAM_TUI_VOC_SCREEN_H
#define KAM_TUI_VOC_SCREEN_H

#include "client.h"

/* Opens the cloud, or reads it again when it is in front; args: the
 * words of ":voc" (voc_state.h), NULL for none. */
void		 view_voc_show(struct tui *t, const char *args);
/* The entries of topic (NULL: those without one) in the cloud's scope. */
void		 view_voc_entries_show(struct tui *t, const char *topic);

#endif
