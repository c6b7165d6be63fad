/* From a key to what it does: the question, the prompt, the top view,
 * then the actions every screen shares. */
#ifndef KAM_TUI_INPUT_H
#define KAM_TUI_INPUT_H

#include "client.h"

/* One key: a code point, or KEYMAP_FKEY of a terminal key. */
void	tui_key(struct tui *t, int key);

#endif
