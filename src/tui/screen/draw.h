/* Drawing: the only header that includes curses. All text reaches the
 * screen through draw_text, in theme roles, never raw colours. A .c that
 * needs a curses name (a key code) includes this header, never curses. */
#ifndef KAM_TUI_DRAW_H
#define KAM_TUI_DRAW_H

#include <curses.h>

#include "text.h"
#include "theme.h"

struct tui;

/* Makes the theme's roles the screen's attributes (after a switch). */
void	draw_apply_theme(struct tui *t);
attr_t	draw_attr(const struct tui *t, enum theme_elem e);
/* Exactly cols columns of s at (y, x), sanitised, cut or padded. */
void	draw_text(struct tui *t, int y, int x, int cols, const char *s,
	    enum theme_elem role, enum text_align align);
void	draw_fill(struct tui *t, int y, int x, int cols, enum theme_elem role);
/* The cursor at (y, x), or hidden. */
void	draw_cursor(int y, int x, bool visible);
void	draw_erase(void);
/* The next paint writes every cell, not only what changed (Ctrl-L: the
 * terminal may show something else). */
void	draw_repaint_all(void);
void	draw_refresh(void);

#endif
