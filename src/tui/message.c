/* The bottom line is state the frame draws (status_line.c); setting it
 * only marks the screen for the next paint. */
#include <stdarg.h>

#include "client.h"
#include "message.h"
#include "text.h"
#include "kam/xalloc.h"

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
	t->ask.open = false;
	t->ask.active = true;
	t->ask.owner = owner;
	t->ask.what = what;
	t->dirty = true;
}

void
tui_ask_open(struct tui *t, struct view *owner, int what, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&t->ask.question);
	va_start(ap, fmt);
	buf_vaddf(&t->ask.question, fmt, ap);
	va_end(ap);
	buf_adds(&t->ask.question, " (y/n, o: open it)");
	t->ask.open = true;
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

/* The text of the bottom line, when it is not the prompt's. */
static const char *
bottom_text(const struct tui *t)
{
	if (t->ask.active)
		return t->ask.question.data;
	return t->prompt.active ? NULL : t->message.data;
}

size_t
tui_message_lines(const struct tui *t, char ***lines)
{
	const char *s = bottom_text(t);
	size_t n;

	if (s == NULL || t->cols <= 0 || text_width(s) <= (size_t)t->cols) {
		*lines = xcalloc(1, sizeof **lines);
		(*lines)[0] = xstrdup(s ? s : "");
		return 1;
	}
	n = text_wrap(s, (size_t)t->cols, lines);
	return n > 0 ? n : 1;
}

int
tui_message_rows(const struct tui *t)
{
	const char *s = bottom_text(t);
	char **lines;
	size_t n;

	if (s == NULL || text_width(s) <= (size_t)t->cols)
		return 1;
	n = tui_message_lines(t, &lines);
	strv_free(lines, n);
	return n < MESSAGE_ROWS ? (int)n : MESSAGE_ROWS;
}
