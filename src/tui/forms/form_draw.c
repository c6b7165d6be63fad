/* A form on the screen: a heading, then a label and a value box a field,
 * long text in a box of several lines, a field's error (or note) under
 * it, wrapped, and the cursor in the field being edited. */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "columns.h"
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
#define ERP_TAG		" (from ERP)"

#define UNDER_ROWS 3	/* lines of a field's error or note at most */

/* The lines under a field: its error, "^ Label what is wrong", else its
 * note, wrapped beside the labels; 0 for none. The caller frees with
 * strv_free. */
static size_t
under_lines(const struct form_field *fl, int cols, char ***lines)
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
	n = text_wrap(b.data, (size_t)(cols - LABEL_COLS > 10 ? cols - LABEL_COLS : 10),
	    lines);
	buf_free(&b);
	return n;
}

static int
value_rows(const struct form_field *fl)
{
	return fl->def->type == FT_LONGTEXT ? LONG_ROWS : 1;
}

static int
field_rows(const struct form_field *fl, int cols)
{
	char **lines;
	size_t n = under_lines(fl, cols, &lines);

	strv_free(lines, n);
	return value_rows(fl) + (n < UNDER_ROWS ? (int)n : UNDER_ROWS);
}

/* The whole line after the labels: an e-mail address or an id is read
 * whole; a read-only field's tag follows its value. */
size_t
form_box_cols(const struct tui *t)
{
	int w = t->cols - LABEL_COLS - 1;

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

void
form_draw_textbox(struct tui *t, struct textedit *e, int y, int x, int w,
    int h, enum theme_elem role, bool cursor)
{
	struct tx_row *rows;
	size_t n = textedit_rows(e, (size_t)w, &rows), col, r, first;
	char *line;

	r = textedit_row_of(e, rows, n, e->cursor, &col);
	first = cursor && r >= (size_t)h ? r - (size_t)h + 1 : 0;
	for (int i = 0; i < h; i++) {
		size_t k = first + (size_t)i;

		line = k < n ? xstrndup(e->text.data + rows[k].start,
		    rows[k].end - rows[k].start) : NULL;
		draw_text(t, y + i, x, w, line, role, ALIGN_LEFT);
		free(line);
	}
	if (cursor)
		tui_cursor(t, y + (int)(r - first), x + (int)col);
	free(rows);
}

static void
draw_long(struct tui *t, int y, struct form_field *fl, bool focus, int w)
{
	enum theme_elem role = fl->readonly ? TE_FIELD_READONLY :
	    focus ? TE_FIELD_FOCUS : TE_FIELD;

	form_draw_textbox(t, &fl->ed, y, LABEL_COLS, w, LONG_ROWS, role,
	    focus && !fl->readonly);
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

/* The value whole, then its tag where there is room. */
static void
draw_readonly(struct tui *t, int y, const struct form_field *fl, int w)
{
	const char *shown = *form_display(fl) ? form_display(fl) : "-";
	int vw = (int)text_width(shown), x = LABEL_COLS + (vw < w ? vw : w);

	draw_text(t, y, LABEL_COLS, w, shown, TE_FIELD_READONLY, ALIGN_LEFT);
	draw_text(t, y, x, t->cols - x, fl->def->flags & FF_ERP ? ERP_TAG :
	    READONLY_TAG, TE_FIELD_READONLY, ALIGN_LEFT);
}

static void
draw_field(struct tui *t, int y, struct form_field *fl, bool focus, int w)
{
	const struct col_place place[2] = {
		{ 0, 1, LABEL_COLS - 2 }, { 1, LABEL_COLS, w },
	};

	columns_trace(t, place, 2, y, value_rows(fl));
	draw_label(t, y, fl, focus);
	if (fl->def->type == FT_LONGTEXT)
		draw_long(t, y, fl, focus, w);
	else if (fl->readonly)
		draw_readonly(t, y, fl, w);
	else if (fl->def->type == FT_CHOICE || fl->def->type == FT_PICK ||
	    fl->def->type == FT_BOOL)
		draw_choice(t, y, fl, focus, w);
	else
		draw_line(t, y, fl, focus, w);
}

/* The field's error under it, else its note, from line y on. */
static void
draw_under(struct tui *t, int y, const struct form_field *fl)
{
	char **lines;
	size_t n = under_lines(fl, t->cols, &lines);

	for (size_t i = 0; i < n && i < UNDER_ROWS; i++)
		draw_text(t, y + (int)i, LABEL_COLS, t->cols - LABEL_COLS, lines[i],
		    fl->error ? TE_FIELD_ERROR : TE_FIELD_READONLY, ALIGN_LEFT);
	strv_free(lines, n);
}

#define NOTE_ROWS 3

/* The note under the heading, wrapped at word boundaries; the lines it
 * took. */
static int
draw_note(struct tui *t, int y, const char *note)
{
	char **lines;
	size_t n;

	if (note == NULL)
		return 0;
	n = text_wrap(note, (size_t)(t->cols - 2), &lines);
	for (size_t i = 0; i < n && i < NOTE_ROWS; i++)
		draw_text(t, y + (int)i, 1, t->cols - 1, lines[i], TE_FIELD_READONLY,
		    ALIGN_LEFT);
	strv_free(lines, n);
	return n < NOTE_ROWS ? (int)n : NOTE_ROWS;
}

static bool
last_editable(const struct form *f, size_t i)
{
	for (size_t k = i + 1; k < f->n; k++)
		if (!f->field[k].readonly)
			return false;
	return true;
}

/* Keeps the focused field on the screen: *scroll is the first form line
 * shown. */
static void
follow_focus(const struct form *f, int cols, int height, int *scroll)
{
	int y = 0, h = 0;

	for (size_t i = 0; i <= f->focus && i < f->n; i++) {
		h = field_rows(&f->field[i], cols);
		if (i < f->focus)
			y += h;
	}
	/* the read-only fields after the last that may be edited come into
	 * view with it (an account's ERP id) */
	if (last_editable(f, f->focus))
		for (size_t k = f->focus + 1; k < f->n; k++)
			h += field_rows(&f->field[k], cols);
	if (h > height)
		h = height;
	if (y < *scroll)
		*scroll = y;
	if (y + h > *scroll + height)
		*scroll = y + h - height;
}

void
form_draw(struct tui *t, struct form *f, const char *heading, const char *note,
    int y0, int height, int *scroll)
{
	int w = (int)form_box_cols(t), y, nl;

	draw_text(t, y0, 1, t->cols - 1, heading, TE_HELP_GROUP, ALIGN_LEFT);
	nl = draw_note(t, y0 + 1, note);
	y0 += 2 + nl;
	height -= 2 + nl;
	follow_focus(f, t->cols, height, scroll);
	y = y0 - *scroll;
	for (size_t i = 0; i < f->n; i++) {
		struct form_field *fl = &f->field[i];
		int rows = field_rows(fl, t->cols);

		if (y >= y0 && y + rows <= y0 + height) {
			draw_field(t, y, fl, i == f->focus, w);
			draw_under(t, y + value_rows(fl), fl);
		}
		y += rows;
	}
}
