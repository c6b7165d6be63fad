/* The frame around the view in front: the title line, the status line
 * (the view's part, then the role, the database's state and the sync),
 * and the bottom line (message, question or prompt). */
#ifndef KAM_TUI_STATUS_LINE_H
#define KAM_TUI_STATUS_LINE_H

#include "client.h"

/* Paints the whole screen: the frame and the top view in it. */
void	draw_screen(struct tui *t);

#endif
