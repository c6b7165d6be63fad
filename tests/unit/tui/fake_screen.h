/* A screen without a terminal for the client's unit tests: the drawing
 * unit's functions (src/tui/screen/draw.h) write into a grid of text
 * that a test reads back. A test that links fake_screen.o never links
 * draw.o, so nothing calls curses. */
#ifndef KAM_TEST_FAKE_SCREEN_H
#define KAM_TEST_FAKE_SCREEN_H

#include <stdbool.h>

#include "client.h"

#define FAKE_ROWS 60
#define FAKE_COLS 200

/* An empty screen of cols x rows, and t zeroed but for its size: enough
 * for a widget. */
void		 fake_screen_tui(struct tui *t, int cols, int rows);
/* fake_tui.c: t set up for views on such a screen, with no database
 * (requests stay queued, since the connection counts as lost), empty
 * messages and prompt; fake_tui_free closes the views left open. */
void		 fake_tui_init(struct tui *t, int cols, int rows);
void		 fake_tui_free(struct tui *t);
/* Line y as drawn since the last fake_screen_clear, trailing spaces
 * cut. */
const char	*fake_screen_line(int y);
/* Whether any line holds text. */
bool		 fake_screen_has(const char *text);
void		 fake_screen_clear(void);

#endif
