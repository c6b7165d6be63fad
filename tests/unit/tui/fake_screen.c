/* The grid holds one character a column, as UTF-8: a wide character's
 * second column holds nothing, as on a terminal. */
#include <string.h>

#include "draw.h"
#include "fake_screen.h"
#include "kam/utf8.h"

#define CELL 5	/* a UTF-8 character and its NUL */

static char grid[FAKE_ROWS][FAKE_COLS][CELL];
static char line[FAKE_COLS * (CELL - 1) + 1];

struct pen {
	int	y, x;
};

static void
put(struct pen *p, const char *s, size_t n, int width)
{
	if (p->y >= 0 && p->y < FAKE_ROWS && p->x >= 0 && p->x < FAKE_COLS) {
		memcpy(grid[p->y][p->x], s, n);
		grid[p->y][p->x][n] = '\0';
		for (int i = 1; i < width && p->x + i < FAKE_COLS; i++)
			grid[p->y][p->x + i][0] = '\0';
	}
	p->x += width;
}

/* Character by character: the runs text_walk emits are safe UTF-8. */
static void
emit(void *ctx, const char *s, size_t n, size_t cols, bool escaped)
{
	uint32_t cp;
	int len;

	(void)cols, (void)escaped;
	for (size_t off = 0; off < n; off += (size_t)len) {
		len = utf8_decode(s + off, n - off, &cp);
		if (len <= 0 || len >= CELL)
			len = 1, cp = '?';
		put(ctx, s + off, (size_t)len, utf8_cp_width(cp));
	}
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
		put(&p, " ", 1, 1);
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
	for (int y = 0; y < FAKE_ROWS; y++)
		for (int x = 0; x < FAKE_COLS; x++)
			memcpy(grid[y][x], " ", 2);
}

const char *
fake_screen_line(int y)
{
	size_t n = 0;

	for (int x = 0; x < FAKE_COLS; x++) {
		size_t k = strlen(grid[y][x]);

		memcpy(line + n, grid[y][x], k);
		n += k;
	}
	while (n > 0 && line[n - 1] == ' ')
		n--;
	line[n] = '\0';
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
