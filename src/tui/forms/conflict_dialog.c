/* The conflict dialog: someone else saved the row while the user edited
 * it. Their values and the user's side by side, the fields that differ
 * marked, and the three ways on: load theirs, keep theirs, or theirs
 * plus the user's changes saved again. */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "conflict_dialog.h"
#include "draw.h"
#include "form_view.h"
#include "help_screen.h"
#include "keymap.h"
#include "services.h"
#include "kam/xalloc.h"

#define LABEL_COLS 18
#define MARK_COLS 13

struct view_conflict {
	struct view	 v;
	struct view	*form;
};

#define VC(v) ((struct view_conflict *)(v))

static const enum kam_action choices[] = {
	ACT_CONFLICT_RELOAD, ACT_CONFLICT_THEIRS, ACT_CONFLICT_MERGE, ACT_ANSWER_NO,
};

/* A value on one line: the first line of long text, and how many more. */
static char *
one_line(const char *s)
{
	const char *nl = strchr(s, '\n');
	struct kam_buf b;
	size_t more = 0;

	if (nl == NULL)
		return xstrdup(*s ? s : "-");
	for (const char *p = nl; p != NULL; p = strchr(p + 1, '\n'))
		more++;
	buf_init(&b);
	buf_add(&b, s, (size_t)(nl - s));
	buf_addf(&b, " (+%zu line%s)", more, more == 1 ? "" : "s");
	return buf_detach(&b);
}

/* The field's text as they saved it, shown the way the form shows it. */
static char *
theirs_text(const struct form_field *fl, const struct edit_row *theirs)
{
	struct form_field shown = *fl;
	char *text = form_text_of(fl, fl->col >= 0 ? theirs->value[fl->col] : NULL);
	char *line;

	textedit_init(&shown.ed, (size_t)-1 / 2, true);
	textedit_set(&shown.ed, text);
	line = one_line(form_display(&shown));
	textedit_free(&shown.ed);
	free(text);
	return line;
}

static const char *
mark(bool theirs_changed, bool mine_changed)
{
	if (theirs_changed && mine_changed)
		return "both changed";
	return theirs_changed ? "they changed" : mine_changed ? "you changed" : "";
}

static void
draw_row(struct tui *t, int y, const struct form_field *fl,
    const struct edit_row *theirs, int w)
{
	char *their = theirs_text(fl, theirs), *mine = one_line(form_display(fl));
	char *their_raw = form_text_of(fl, fl->col >= 0 ? theirs->value[fl->col] : NULL);
	bool they = strcmp(their_raw, fl->base ? fl->base : "") != 0;
	bool me = form_field_dirty(fl);
	enum theme_elem role = they || me ? TE_FIELD_CHANGED : TE_NORMAL;

	draw_text(t, y, 1, LABEL_COLS - 1, fl->def->label, TE_LABEL, ALIGN_LEFT);
	draw_text(t, y, LABEL_COLS, w - 1, their, they ? role : TE_NORMAL, ALIGN_LEFT);
	draw_text(t, y, LABEL_COLS + w, w - 1, mine, me ? role : TE_NORMAL, ALIGN_LEFT);
	draw_text(t, y, LABEL_COLS + 2 * w, MARK_COLS, mark(they, me), role,
	    ALIGN_LEFT);
	free(their);
	free(their_raw);
	free(mine);
}

static void
draw_choices(struct tui *t, int y)
{
	struct kam_buf b;

	buf_init(&b);
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++) {
		buf_reset(&b);
		keymap_keys(&b, choices[i]);
		draw_text(t, y + (int)i, 2, 8, b.data, TE_HELP_KEY, ALIGN_LEFT);
		draw_text(t, y + (int)i, 10, t->cols - 10,
		    keymap_action_help(choices[i]), TE_NORMAL, ALIGN_LEFT);
	}
	buf_free(&b);
}

static void
vc_draw(struct view *v, struct tui *t, int y0, int height)
{
	struct form *f = form_view_form(VC(v)->form);
	const struct edit_row *theirs = form_view_theirs(VC(v)->form);
	int w = (t->cols - LABEL_COLS - MARK_COLS) / 2, y = y0 + 3;

	draw_text(t, y0, 1, t->cols - 1, "Someone else saved this while you "
	    "edited it. Nothing of yours is lost yet: choose.", TE_HELP_GROUP,
	    ALIGN_LEFT);
	draw_text(t, y0 + 2, LABEL_COLS, w - 1, "Theirs (saved)", TE_HEADER,
	    ALIGN_LEFT);
	draw_text(t, y0 + 2, LABEL_COLS + w, w - 1, "Yours", TE_HEADER, ALIGN_LEFT);
	for (size_t i = 0; i < f->n && y < y0 + height - 5; i++)
		draw_row(t, y++, &f->field[i], theirs, w);
	draw_choices(t, y + 1);
}

static bool
vc_key(struct view *v, struct tui *t, int key)
{
	enum kam_action a = keymap_action_in(KC_QUESTION, key);

	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
		if (a == choices[i]) {
			form_view_resolve(VC(v)->form, t, a);
			return true;
		}
	if (keymap_action(key) == ACT_HELP)
		tui_push(t, view_help_new(t));
	return true;
}

static bool
vc_action(struct view *v, struct tui *t, enum kam_action a)
{
	(void)v, (void)t, (void)a;
	return true;
}

static void
vc_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	(void)v, (void)t;
	buf_adds(out, " Conflict:");
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++) {
		buf_adds(out, i == 0 ? " " : i + 1 < sizeof choices / sizeof choices[0] ?
		    ", " : " or ");
		keymap_keys(out, choices[i]);
	}
}

static void
vc_title(struct view *v, struct tui *t, struct kam_buf *out)
{
	(void)v, (void)t;
	buf_adds(out, "Conflict");
}

static void
vc_free(struct view *v)
{
	free(v);
}

static const struct kam_view_ops conflict_ops = {
	.name = "conflict",
	.draw = vc_draw,
	.action = vc_action,
	.status = vc_status,
	.title = vc_title,
	.free = vc_free,
	.key = vc_key,
};

struct view *
view_conflict_new(struct view *form)
{
	struct view_conflict *vc = xcalloc(1, sizeof *vc);

	vc->v.ops = &conflict_ops;
	vc->form = form;
	return &vc->v;
}
