/* The bottom line is state the frame draws (status_line.c); setting it
 * only marks the screen for the next paint. */
#include <stdarg.h>

#include "client.h"
#include "message.h"

void
tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&t->message);
	va_start(ap, fmt);
	buf_vaddf(&t->message, fmt, ap);
	va_end(ap);
	t->message_error = error;
	t->dirty = true;
}

void
tui_ask(struct tui *t, struct view *owner, int what, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&t->ask.question);
	va_start(ap, fmt);
	buf_vaddf(&t->ask.question, fmt, ap);
	va_end(ap);
	buf_adds(&t->ask.question, " (y/n)");
	t->ask.active = true;
	t->ask.owner = owner;
	t->ask.what = what;
	t->dirty = true;
}

void
tui_cursor(struct tui *t, int y, int x)
{
	t->cursor_on = true;
	t->cursor_y = y;
	t->cursor_x = x;
}
