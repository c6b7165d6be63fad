/* The conflict dialog over a form whose row someone else saved. */
#ifndef KAM_TUI_CONFLICT_DIALOG_H
#define KAM_TUI_CONFLICT_DIALOG_H

#include "client.h"

struct view	*view_conflict_new(struct view *form);

#endif
