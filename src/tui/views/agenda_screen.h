/* The user's agenda: the actions due, over all their accounts. */
#ifndef KAM_TUI_AGENDA_SCREEN_H
#define KAM_TUI_AGENDA_SCREEN_H

#include "client.h"

/* Opens the agenda, or reads it again when it is in front. */
void	view_agenda_show(struct tui *t);

#endif
