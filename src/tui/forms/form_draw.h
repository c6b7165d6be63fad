/* Drawing a form: its heading, note and fields. */
#ifndef KAM_TUI_FORM_DRAW_H
#define KAM_TUI_FORM_DRAW_H

#include "client.h"
#include "form.h"

/* The form's heading, note and fields in lines y0 ..
 * y0 + height - 1; *scroll keeps the focused field in view. */
void	form_draw(struct tui *t, struct form *f, const char *heading,
	    const char *note, int y0, int height, int *scroll);
/* Long text in h rows of w columns at (y, x), scrolled so that the
 * cursor shows, and the cursor there when cursor is set. */
void	form_draw_textbox(struct tui *t, struct textedit *e, int y, int x,
	    int w, int h, enum theme_elem role, bool cursor);
/* The width of a value box, for long text's Up and Down. */
size_t	form_box_cols(const struct tui *t);

#endif
