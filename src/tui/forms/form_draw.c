/* A form on the screen: a heading, then a label and a value box a field,
 * long text in a box of several lines, a field's error (or note) under
 * it, wrapped, and the
 * cursor in the field being edited. */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "draw.h"
#include "form_draw.h"
#include "form_view.h"
#include "message.h"
#include "text.h"
#include "kam/xalloc.h"

#define LABEL_COLS	20
#define LONG_ROWS	6
#define VALUE_MAX	72
#define READONLY_TAG	" (read only)"
#define ERP_TAG		" (from ERP)"	/* no longer than READONLY_TAG */

/* The lines under a field: its error, else its note, wrapped to what
 * is right of the labels; 0 for none. The caller frees with strv_free. */
static size_t
under_lines(const struct tui *t, const struct form_field *fl, char ***lines)
{
	struct kam_buf b;
	size_t n;

	*lines = NULL;
	if (fl->error == NULL && fl->note == NULL)
		return 0;
	buf_init(&b);
	if (fl->error != NULL)
		buf_addf(&b, "^ %s %s", fl->def->label, fl->error);
	else
		buf_addf(&b, "^ %s", fl->note);
	n = text_wrap(b.data, (size_t)(t->cols > LABEL_COLS + 10 ?
	    t->cols - LABEL_COLS : 10), lines);
	buf_free(&b);
	return n;
}

static int
field_rows(const struct tui *t, const struct form_field *fl)
{
	char **lines;
	size_t n = under_lines(t, fl, &lines);

	strv_free(lines, n);
	return (fl->def->type == FT_LONGTEXT ? LONG_ROWS : 1) + (int)n;
}

size_t
form_box_cols(const struct tui *t)
{
	int w = t->cols - LABEL_COLS - 1 - (int)strlen(READONLY_TAG);

	return (size_t)(w > VALUE_MAX ? VALUE_MAX : w < 10 ? 10 : w);
}

static void
draw_label(struct tui *t, int y, const struct form_field *fl, bool focus)
{
	struct kam_buf b;

	buf_init(&b);
	buf_addf(&b, "%s%s", fl->def->label,
	    (fl->def->flags & FF_REQUIRED) && !fl->readonly ? " *" : "");
	draw_text(t, y, 1, LABEL_COLS - 2, b.data, focus ? TE_HELP_KEY : TE_LABEL,
	    ALIGN_LEFT);
	buf_free(&b);
}

/* One line of text with the cursor when focused. */
static void
draw_line(struct tui *t, int y, struct form_field *fl, bool focus, int w)
{
	size_t col;

	if (!focus) {
		draw_text(t, y, LABEL_COLS, w, fl->ed.text.data, TE_FIELD, ALIGN_LEFT);
		return;
	}
	col = textedit_view(&fl->ed, (size_t)w);
	draw_text(t, y, LABEL_COLS, w, fl->ed.text.data + fl->ed.scroll,
	    TE_FIELD_FOCUS, ALIGN_LEFT);
	tui_cursor(t, y, LABEL_COLS + (int)col);
}

static void
draw_long(struct tui *t, int y, struct form_field *fl, bool focus, int w)
{
	struct tx_row *rows;
	size_t n = textedit_rows(&fl->ed, (size_t)w, &rows), col, r, first;
	enum theme_elem role = fl->readonly ? TE_FIELD_READONLY :
	    focus ? TE_FIELD_FOCUS : TE_FIELD;
	char *line;

	r = textedit_row_of(&fl->ed, rows, n, fl->ed.cursor, &col);
	first = focus && r >= LONG_ROWS ? r - LONG_ROWS + 1 : 0;
	for (int i = 0; i < LONG_ROWS; i++) {
		size_t k = first + (size_t)i;

		line = k < n ? xstrndup(fl->ed.text.data + rows[k].start,
		    rows[k].end - rows[k].start) : NULL;
		draw_text(t, y + i, LABEL_COLS, w, line, role, ALIGN_LEFT);
		free(line);
	}
	if (focus && !fl->readonly)
		tui_cursor(t, y + (int)(r - first), LABEL_COLS + (int)col);
	free(rows);
}

static void
draw_choice(struct tui *t, int y, const struct form_field *fl, bool focus, int w)
{
	struct kam_buf b;

	buf_init(&b);
	buf_addf(&b, focus ? "< %s >" : "%s", form_display(fl));
	draw_text(t, y, LABEL_COLS, w, b.data, focus ? TE_FIELD_FOCUS : TE_FIELD,
	    ALIGN_LEFT);
	buf_free(&b);
}

static void
draw_field(struct tui *t, int y, struct form_field *fl, bool focus, int w)
{
	draw_label(t, y, fl, focus);
	if (fl->def->type == FT_LONGTEXT)
		draw_long(t, y, fl, focus, w);
	else if (fl->readonly)
		draw_text(t, y, LABEL_COLS, w, *form_display(fl) ? form_display(fl) :
		    "-", TE_FIELD_READONLY, ALIGN_LEFT);
	else if (fl->def->type == FT_CHOICE || fl->def->type == FT_PICK ||
	    fl->def->type == FT_BOOL)
		draw_choice(t, y, fl, focus, w);
	else
		draw_line(t, y, fl, focus, w);
	if (fl->readonly)
		draw_text(t, y, LABEL_COLS + w, (int)strlen(READONLY_TAG),
		    fl->def->flags & FF_ERP ? ERP_TAG : READONLY_TAG,
		    TE_FIELD_READONLY, ALIGN_LEFT);
}

/* The field's error under it, else its note, from line y on. */
static void
draw_error(struct tui *t, int y, const struct form_field *fl)
{
	char **lines;
	size_t n = under_lines(t, fl, &lines);

	for (size_t i = 0; i < n; i++)
		draw_text(t, y + (int)i, LABEL_COLS, t->cols - LABEL_COLS, lines[i],
		    fl->error ? TE_FIELD_ERROR : TE_FIELD_READONLY, ALIGN_LEFT);
	strv_free(lines, n);
}

/* Keeps the focused field on the screen: *scroll is the first form line
 * shown. */
static void
follow_focus(const struct tui *t, const struct form *f, int height, int *scroll)
{
	int y = 0, h = 0;

	for (size_t i = 0; i <= f->focus && i < f->n; i++) {
		h = field_rows(t, &f->field[i]);
		if (i < f->focus)
			y += h;
	}
	if (y < *scroll)
		*scroll = y;
	if (y + h > *scroll + height)
		*scroll = y + h - height;
}

void
form_draw(struct tui *t, struct form *f, const char *heading, const char *note,
    int y0, int height, int *scroll)
{
	int w = (int)form_box_cols(t), y;

	draw_text(t, y0, 1, t->cols - 1, heading, TE_HELP_GROUP, ALIGN_LEFT);
	if (note != NULL)
		draw_text(t, ++y0, 1, t->cols - 1, note, TE_FIELD_READONLY, ALIGN_LEFT);
	y0 += 2;
	height -= 2 + (note != NULL);
	follow_focus(t, f, height, scroll);
	y = y0 - *scroll;
	for (size_t i = 0; i < f->n; i++) {
		struct form_field *fl = &f->field[i];
		int rows = field_rows(t, fl);

		if (y >= y0 && y + rows <= y0 + height) {
			draw_field(t, y, fl, i == f->focus, w);
			draw_error(t, y + (fl->def->type == FT_LONGTEXT ?
			    LONG_ROWS : 1), fl);
		}
		y += rows;
	}
}
