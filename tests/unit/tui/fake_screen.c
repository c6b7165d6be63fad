/* The grid holds one byte per column: tests draw ASCII, and text wider
 * than that is only counted (text_walk measures it as draw.c would). */
#include <string.h>

#include "draw.h"
#include "fake_screen.h"

static char grid[FAKE_ROWS][FAKE_COLS + 1];
static char line[FAKE_COLS + 1];

struct pen {
	int	y, x;
};

static void
put(struct pen *p, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++, p->x++)
		if (p->y >= 0 && p->y < FAKE_ROWS && p->x >= 0 && p->x < FAKE_COLS)
			grid[p->y][p->x] = s[i];
}

static void
emit(void *ctx, const char *s, size_t n, size_t cols, bool escaped)
{
	(void)cols, (void)escaped;
	put(ctx, s, n);
}

void
draw_apply_theme(struct tui *t)
{
	(void)t;
}

attr_t
draw_attr(const struct tui *t, enum theme_elem e)
{
	(void)t;
	return (attr_t)e;
}

void
draw_fill(struct tui *t, int y, int x, int cols, enum theme_elem role)
{
	struct pen p = { y, x };

	(void)t, (void)role;
	for (int i = 0; i < cols; i++)
		put(&p, " ", 1);
}

void
draw_text(struct tui *t, int y, int x, int cols, const char *s,
    enum theme_elem role, enum text_align align)
{
	struct pen p = { y, x };
	size_t width = s ? text_width(s) : 0;

	if (cols <= 0)
		return;
	draw_fill(t, y, x, cols, role);
	if (align == ALIGN_RIGHT && width < (size_t)cols)
		p.x += cols - (int)width;
	if (s != NULL)
		text_walk(s, strlen(s), (size_t)cols, emit, &p);
}

void
draw_cursor(int y, int x, bool visible)
{
	(void)y, (void)x, (void)visible;
}

void
draw_erase(void)
{
	fake_screen_clear();
}

void
draw_refresh(void)
{
}

void
draw_repaint_all(void)
{
}

void
fake_screen_clear(void)
{
	memset(grid, ' ', sizeof grid);
	for (int y = 0; y < FAKE_ROWS; y++)
		grid[y][FAKE_COLS] = '\0';
}

const char *
fake_screen_line(int y)
{
	size_t n;

	memcpy(line, grid[y], sizeof line);
	n = strlen(line);
	while (n > 0 && line[n - 1] == ' ')
		line[--n] = '\0';
	return line;
}

bool
fake_screen_has(const char *text)
{
	for (int y = 0; y < FAKE_ROWS; y++)
		if (strstr(fake_screen_line(y), text) != NULL)
			return true;
	return false;
}

void
fake_screen_tui(struct tui *t, int cols, int rows)
{
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->rows = rows;
	fake_screen_clear();
}
