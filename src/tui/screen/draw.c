/* All text reaches the screen through draw_text: sanitised, measured in
 * columns, cut without splitting a character. Roles, never raw colours. */
#include <string.h>

#include "client.h"
#include "draw.h"

static attr_t attrs_of[TE_COUNT];

static attr_t
curses_attrs(unsigned a)
{
	attr_t r = 0;

	if (a & THEME_BOLD) r |= A_BOLD;
	if (a & THEME_DIM) r |= A_DIM;
	if (a & THEME_UNDERLINE) r |= A_UNDERLINE;
	if (a & THEME_REVERSE) r |= A_REVERSE;
	if (a & THEME_ITALIC) r |= A_ITALIC;
	if (a & THEME_BLINK) r |= A_BLINK;
	return r;
}

void
draw_apply_theme(struct tui *t)
{
	struct kam_theme mono;
	const struct kam_theme *th = &t->theme;

	if (!t->colour) {
		theme_mono(&mono);
		th = &mono;
	}
	for (int e = 0; e < TE_COUNT; e++) {
		const struct theme_style *s = &th->style[e];

		attrs_of[e] = curses_attrs(s->attrs);
		if (!t->colour)
			continue;
		init_pair((short)(e + 1), theme_fit_colour(s->fg, COLORS),
		    theme_fit_colour(s->bg, COLORS));
		attrs_of[e] |= COLOR_PAIR(e + 1);
	}
	bkgdset(' ' | attrs_of[TE_NORMAL]);
}

attr_t
draw_attr(const struct tui *t, enum theme_elem e)
{
	(void)t;
	return attrs_of[e];
}

struct draw_ctx {
	attr_t	normal;
	attr_t	escaped;
};

static void
emit_screen(void *ctx, const char *s, size_t n, size_t cols, bool escaped)
{
	const struct draw_ctx *d = ctx;

	(void)cols;
	attrset(escaped ? d->escaped : d->normal);
	addnstr(s, (int)n);
}

void
draw_fill(struct tui *t, int y, int x, int cols, enum theme_elem role)
{
	if (cols <= 0)
		return;
	attrset(draw_attr(t, role));
	mvhline(y, x, ' ', cols);
}

void
draw_text(struct tui *t, int y, int x, int cols, const char *s,
    enum theme_elem role, enum text_align align)
{
	struct draw_ctx d = { draw_attr(t, role), draw_attr(t, TE_ESCAPED) };
	size_t width;

	if (cols <= 0)
		return;
	/* on a highlighted line an escape keeps the line's colours */
	if (role == TE_SELECTED || role == TE_STATUS || role == TE_TITLE)
		d.escaped = d.normal | A_UNDERLINE;
	width = s ? text_width(s) : 0;
	if (width > (size_t)cols)
		width = (size_t)cols;
	if (align == ALIGN_RIGHT && width < (size_t)cols) {
		draw_fill(t, y, x, cols - (int)width, role);
		x += cols - (int)width;
		cols = (int)width;
	}
	move(y, x);
	width = s ? text_walk(s, strlen(s), (size_t)cols, emit_screen, &d) : 0;
	draw_fill(t, y, x + (int)width, cols - (int)width, role);
}

void
draw_cursor(int y, int x, bool visible)
{
	if (visible)
		move(y, x);
	curs_set(visible);
}

void
draw_erase(void)
{
	erase();
}

void
draw_repaint_all(void)
{
	clearok(curscr, TRUE);
}

void
draw_refresh(void)
{
	refresh();
}
