/* The drafts dialog: forms left unsaved, offered at the start. */
#ifndef KAM_TUI_DRAFTS_DIALOG_H
#define KAM_TUI_DRAFTS_DIALOG_H

#include "client.h"

/* Offers the drafts of forms left unsaved, if there are any. */
void	view_drafts_offer(struct tui *t);

#endif
