/* The bottom line as the views use it: a message (an error or news), a
 * yes/no question for a view, and where the cursor goes after a paint. */
#ifndef KAM_TUI_MESSAGE_H
#define KAM_TUI_MESSAGE_H

#include <stdbool.h>

#include "client.h"

void	tui_message(struct tui *t, bool error, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Asks owner's question on the bottom line; y or n answers it through
 * owner's answer operation. */
void	tui_ask(struct tui *t, struct view *owner, int what, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* The same with a third answer, o: open what the question names instead
 * (owner's answer_open). */
void	tui_ask_open(struct tui *t, struct view *owner, int what, const char *fmt,
	    ...) __attribute__((format(printf, 4, 5)));
/* The lines at the bottom: a message or question wider than the screen
 * wraps at word boundaries onto up to MESSAGE_ROWS lines, taken from the
 * view's. */
#define MESSAGE_ROWS 3
int	tui_message_rows(const struct tui *t);
/* Its lines for the screen's width (strv_free them); the count. */
size_t	tui_message_lines(const struct tui *t, char ***lines);
/* Shows the cursor at (y, x) after this paint (for a view's draw). */
void	tui_cursor(struct tui *t, int y, int x);

#endif
