/* A form as a view: its requests (the row to edit, pick lists, the save
 * and its check), its draft on disk, the questions before closing, and
 * the conflict dialog's answers.
 *
 * A save goes out as FV_SAVING and stays so until an answer comes: when
 * the connection breaks meanwhile, the reconnect's reload sends it again
 * (edit.h makes that safe), so a save is never dropped. An answer is the
 * statement's end, COMMIT included (db_poll): a connection that breaks
 * after the rows came but before the COMMIT's word leaves the save
 * unsure, and the send after the reconnect finds the row by its client
 * key or saves it then. The draft stays on disk until then. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "conflict_dialog.h"
#include "draw.h"
#include "extedit.h"
#include "form_draw.h"
#include "form_view.h"
#include "help_screen.h"
#include "keymap.h"
#include "message.h"
#include "requests.h"
#include "services.h"
#include "kam/date.h"
#include "kam/xalloc.h"

#define TYPEAHEAD 64

enum fv_state {
	FV_LOADING, FV_EDITING, FV_WARNING, FV_SAVING, FV_CHECKING, FV_CONFLICT
};
/* SLOT_PICK + i reads the choices of field i: a slot each, so that one
 * field's request does not replace another's. */
enum { SLOT_READ, SLOT_SAVE, SLOT_CHECK, SLOT_WARN, SLOT_PEEK, SLOT_PICK };
enum { ASK_DISCARD, ASK_LEAVE, ASK_WARNED };

struct form_view {
	struct view	 v;
	struct form	 f;
	char		*account_name;
	enum fv_state	 state;
	struct edit_row	 mine;		/* what is being saved */
	struct edit_row	 theirs;	/* the row as someone else saved it */
	char		*draft;		/* the draft's path, NULL: none kept */
	bool		 draft_written;
	bool		 stale_below;	/* the view below shows an old row */
	bool		 meanwhile;	/* its row was saved elsewhere since */
	const char	*live[2];	/* the table it edits (interest) */
	int		 scroll;
	struct edit_lookalike other;	/* what the warning says it looks like */
	int		 ahead[TYPEAHEAD];	/* keys typed while loading */
	size_t		 nahead;
};

#define FV(v) ((struct form_view *)(v))

static const struct kam_view_ops form_ops;
static bool fv_key(struct view *v, struct tui *t, int key);

/* The form's text is on disk whenever it differs from where it began or
 * a save is on its way; never otherwise. */
static void
keep_draft(struct form_view *fv, struct tui *t)
{
	struct kam_draft d;
	struct kam_buf err;
	char when[DATETIME_STRLEN];

	if (fv->draft == NULL)
		return;
	if (!form_dirty(&fv->f) && fv->state != FV_SAVING &&
	    fv->state != FV_CHECKING) {
		if (fv->draft_written)
			unlink(fv->draft);
		fv->draft_written = false;
		return;
	}
	draft_init(&d);
	buf_init(&err);
	datetime_format_local(time(NULL), when);
	draft_set(&d, "user", t->user.role_name);
	draft_set(&d, "account-name", fv->account_name);
	draft_set(&d, "written", when);
	form_to_draft(&fv->f, &d);
	if (draft_write(fv->draft, &d, &err))
		fv->draft_written = true;
	else
		tui_message(t, true, "%s", err.data);
	buf_free(&err);
	draft_free(&d);
}

static void
drop_draft(struct form_view *fv)
{
	if (fv->draft != NULL && fv->draft_written)
		unlink(fv->draft);
	fv->draft_written = false;
}

/* Closes the form (and anything above it), and has the views below read
 * their rows again when asked to, or when a conflict showed that they
 * changed: every one of them, as the agenda or the list under the
 * account may show the row too. */
static void
close_form(struct form_view *fv, struct tui *t, bool reload_below)
{
	reload_below = reload_below || fv->stale_below;
	while (t->top != NULL && t->top != &fv->v)
		tui_pop(t);
	tui_pop(t);
	if (reload_below && t->top != NULL)
		tui_reload_all(t);
}

/* earlier: the check found it saved by a send whose answer was lost (a
 * connection that broke during the COMMIT): the user learns that too. */
static void
saved(struct form_view *fv, struct tui *t, bool earlier)
{
	const char *words = fv->f.def->saved;

	drop_draft(fv);
	close_form(fv, t, true);
	tui_message(t, false, "%s%s", words, earlier ? " It had been saved "
	    "before the answer was lost." : "");
}

static const char *
label_of(const struct form *f, int col)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->field[i].col == col)
			return f->field[i].def->label;
	return NULL;
}

/* A refusal from the database: at its field when it named one. */
static void
show_failure(struct form_view *fv, struct tui *t, const struct edit_error *err)
{
	const char *label = label_of(&fv->f, err->column);

	fv->state = FV_EDITING;
	if (label != NULL) {
		form_clear_errors(&fv->f);
		for (size_t i = 0; i < fv->f.n; i++)
			if (fv->f.field[i].col == err->column) {
				edit_str_set(&fv->f.field[i].error, err->words.data);
				fv->f.focus = i;
			}
		tui_message(t, true, "Not saved: %s %s.", label, err->words.data);
	} else
		tui_message(t, true, "Not saved: %s.", err->words.data);
	keep_draft(fv, t);
}

static void
send_save(struct form_view *fv, struct tui *t)
{
	fv->state = FV_SAVING;
	keep_draft(fv, t);
	tui_message(t, false, "Saving...");
	req_submit(t, &fv->v, SLOT_SAVE, 0);
}

/* Checks the fields, asks the form's question of the database if it has
 * one (the answer decides whether to save), else saves. */
static void
start_save(struct form_view *fv, struct tui *t)
{
	if (fv->f.row.id != NULL && !form_dirty(&fv->f)) {
		close_form(fv, t, false);
		tui_message(t, false, "Nothing changed.");
		return;
	}
	if (!form_to_row(&fv->f, &fv->mine)) {
		struct form_field *fl = &fv->f.field[fv->f.focus];

		tui_message(t, true, "Not saved: %s %s.", fl->def->label, fl->error);
		return;
	}
	if (fv->f.def->warn == EW_NONE) {
		send_save(fv, t);
		return;
	}
	fv->state = FV_WARNING;
	tui_message(t, false, "Checking...");
	req_submit(t, &fv->v, SLOT_WARN, 0);
}

static void
load_picks(struct form_view *fv, struct tui *t)
{
	for (size_t i = 0; i < fv->f.n; i++)
		if (fv->f.field[i].def->type == FT_PICK ||
		    (fv->f.field[i].def->type == FT_ZONE && fv->f.row.id == NULL))
			req_submit(t, &fv->v, SLOT_PICK + (int)i, (int)i);
}

static void
fv_reload(struct view *v, struct tui *t)
{
	struct form_view *fv = FV(v);

	if (fv->state != FV_LOADING)
		load_picks(fv, t);	/* else once the row is read */
	if (fv->state == FV_LOADING)
		req_submit(t, v, SLOT_READ, 0);
	else if (fv->state == FV_WARNING)
		req_submit(t, v, SLOT_WARN, 0);
	else if (fv->state == FV_SAVING)
		req_submit(t, v, SLOT_SAVE, 0);
	else if (fv->state == FV_CHECKING)
		req_submit(t, v, SLOT_CHECK, 0);
}

/* A pick list's current value as the statement takes it (an id, or a
 * name), or NULL. */
static const char *
pick_current(const struct form_field *fl)
{
	const char *s = fl->ed.text.data;

	if (*s == '\0')
		return NULL;
	if (!edit_pick_by_id(fl->def->pick))
		return s;
	return s[strspn(s, "0123456789")] == '\0' ? s : NULL;
}

static bool
fv_send(struct view *v, struct tui *t, int slot, int arg)
{
	struct form_view *fv = FV(v);
	const struct form_field *fl;

	switch (slot) {
	case SLOT_READ:
		return edit_read_send(t->db, fv->f.def->entity, fv->f.row.id);
	case SLOT_SAVE:
		return edit_save_send(t->db, &fv->mine);
	case SLOT_CHECK:
		return edit_check_send(t->db, &fv->mine);
	case SLOT_WARN:
		return edit_warn_send(t->db, fv->f.def->warn, &fv->mine);
	case SLOT_PEEK:
		return edit_read_send(t->db, fv->f.def->entity, fv->f.row.id);
	default:
		fl = &fv->f.field[arg];
		return edit_pick_send(t->db, fl->def->pick, fv->f.row.parent,
		    pick_current(fl));
	}
}

/* A failure that a reconnect, or the retry of a statement that a late
 * cancel hit, will settle: the request is sent again then. */
static bool
will_retry(struct tui *t, const struct edit_error *err)
{
	if (!err->lost && strcmp(db_error_sqlstate(t->db), "57014") != 0)
		return false;
	tui_db_error(t);
	if (err->lost)
		tui_message(t, true, "Lost the database connection: the save waits "
		    "and goes again after the reconnect.");
	return true;
}

/* The keys typed before the row was there, in the form now. A key that
 * closes the form ends the replay. */
static void
type_ahead(struct form_view *fv, struct tui *t)
{
	size_t n = fv->nahead;
	int keys[TYPEAHEAD];

	memcpy(keys, fv->ahead, n * sizeof *keys);
	fv->nahead = 0;
	for (size_t i = 0; i < n && t->top == &fv->v; i++)
		fv_key(&fv->v, t, keys[i]);
}

/* The form's row as the database has it now, into row and err (both for
 * the caller to free): the answer to the read that open and peek send. */
static enum edit_outcome
read_recv(struct form_view *fv, struct tui *t, struct edit_row *row,
    struct edit_error *err)
{
	edit_row_init(row, fv->f.def->entity);
	edit_str_set(&row->id, fv->f.row.id);
	edit_str_set(&row->parent, fv->f.row.parent);
	edit_error_init(err);
	return edit_read_recv(t->db, row, err);
}

static void
recv_read(struct form_view *fv, struct tui *t)
{
	struct edit_row row;
	struct edit_error err;
	enum edit_outcome o;

	o = read_recv(fv, t, &row, &err);
	if (o == EDIT_SAVED) {
		form_load(&fv->f, &row);
		if (fv->f.def->setup != NULL)
			fv->f.def->setup(&fv->f);
		form_focus(&fv->f, 0);
		fv->state = FV_EDITING;
		load_picks(fv, t);	/* with the row's own values among them */
		type_ahead(fv, t);
	} else if (o == EDIT_GONE) {
		close_form(fv, t, true);
		tui_message(t, true, "It has gone: deleted, or you may no longer see it.");
	} else if (!will_retry(t, &err)) {
		close_form(fv, t, false);
		tui_message(t, true, "Cannot open it: %s", err.words.data);
	}
	edit_error_free(&err);
	edit_row_free(&row);
}

static void
recv_pick(struct form_view *fv, struct tui *t, int i)
{
	struct form_field *fl = &fv->f.field[i];

	edit_choices_free(&fl->options);
	fl->loaded = edit_pick_recv(t->db, &fl->options);
	if (!fl->loaded)
		tui_db_error(t);
	else if (fl->def->type == FT_ZONE) {
		form_zone_from_country(fl, fl->options.n ? fl->options.item[0].value :
		    NULL);
		t->dirty = true;
	}
}

/* The form's question answered: nothing to say saves at once, else the
 * user decides. */
static void
recv_warn(struct form_view *fv, struct tui *t)
{
	struct kam_buf words;
	struct edit_error err;

	buf_init(&words);
	edit_error_init(&err);
	if (!edit_warn_recv(t->db, &words, &fv->other, &err)) {
		if (!will_retry(t, &err)) {
			fv->state = FV_EDITING;
			tui_message(t, true, "Not saved: the check before saving "
			    "failed: %s", err.words.data);
		}
	} else if (words.len == 0)
		send_save(fv, t);
	else if (fv->other.id != NULL && fv->f.def->open_other != FO_NONE) {
		fv->state = FV_EDITING;
		tui_ask_open(t, &fv->v, ASK_WARNED, "%s %s: open it? Save anyway?",
		    fv->f.def->warn_lead, words.data);
	} else {
		fv->state = FV_EDITING;
		tui_ask(t, &fv->v, ASK_WARNED, "%s %s. Save anyway?",
		    fv->f.def->warn_lead, words.data);
	}
	edit_error_free(&err);
	buf_free(&words);
}

static void
conflict(struct form_view *fv, struct tui *t)
{
	fv->state = FV_CONFLICT;
	fv->meanwhile = false;	/* the dialog shows what */
	fv->stale_below = true;
	keep_draft(fv, t);
	tui_push(t, view_conflict_new(&fv->v));
	tui_message(t, true, "Not saved: someone else changed it meanwhile.");
}

/* What a save's or check's answer means for the form. */
static void
outcome(struct form_view *fv, struct tui *t, enum edit_outcome o,
    const struct edit_error *err)
{
	switch (o) {
	case EDIT_SAVED:
		saved(fv, t, fv->state == FV_CHECKING);
		return;
	case EDIT_UNSURE:
		fv->state = FV_CHECKING;
		req_submit(t, &fv->v, SLOT_CHECK, 0);
		return;
	case EDIT_CONFLICT:
		conflict(fv, t);
		return;
	case EDIT_GONE:
		fv->state = FV_EDITING;
		tui_message(t, true, "Not saved: it has gone meanwhile (deleted, or "
		    "you may no longer see it). Esc closes the form.");
		break;
	case EDIT_REFUSED:
		fv->state = FV_EDITING;
		tui_message(t, true, "Not saved: the database does not let your "
		    "login change this.");
		break;
	case EDIT_FAILED:
		if (!will_retry(t, err))
			show_failure(fv, t, err);
		return;
	}
	keep_draft(fv, t);
}

/* The row as it is now, beside the version the form began from: saved
 * elsewhere since (or gone), the form says so and keeps its text; the
 * save's version check then shows both (the conflict dialog). */
static void
recv_peek(struct form_view *fv, struct tui *t)
{
	struct edit_row row;
	struct edit_error err;
	enum edit_outcome o;

	o = read_recv(fv, t, &row, &err);
	if (!fv->meanwhile && (o == EDIT_GONE || (o == EDIT_SAVED &&
	    row.version != NULL && fv->f.row.version != NULL &&
	    strcmp(row.version, fv->f.row.version) != 0))) {
		fv->meanwhile = true;
		tui_message(t, true, o == EDIT_GONE ? "It was deleted meanwhile, or "
		    "you may no longer see it." : "Someone changed it meanwhile: "
		    "saving shows their version beside yours first.");
	}
	edit_error_free(&err);
	edit_row_free(&row);
}

static void
fv_recv(struct view *v, struct tui *t, int slot, int arg)
{
	struct form_view *fv = FV(v);
	struct edit_error err;
	enum edit_outcome o;

	if (slot == SLOT_READ) {
		recv_read(fv, t);
		return;
	}
	if (slot == SLOT_PEEK) {
		recv_peek(fv, t);
		return;
	}
	if (slot >= SLOT_PICK) {
		recv_pick(fv, t, arg);
		return;
	}
	if (slot == SLOT_WARN) {
		recv_warn(fv, t);
		return;
	}
	edit_error_init(&err);
	edit_row_free(&fv->theirs);
	edit_row_init(&fv->theirs, fv->f.def->entity);
	if (slot == SLOT_SAVE)
		o = edit_save_recv(t->db, &fv->mine, &err);
	else
		o = edit_check_recv(t->db, &fv->mine, &fv->theirs, &err);
	outcome(fv, t, o, &err);
	edit_error_free(&err);
}

static void
fv_draw(struct view *v, struct tui *t, int y0, int height)
{
	struct form_view *fv = FV(v);
	const struct form_field *fl = fv->f.n ? &fv->f.field[fv->f.focus] : NULL;
	struct kam_buf h;

	if (fv->state == FV_LOADING) {
		draw_text(t, y0 + 1, 2, t->cols - 2, "Loading...", TE_NORMAL,
		    ALIGN_LEFT);
		return;
	}
	buf_init(&h);
	buf_addf(&h, "%s - %s", fv->f.row.id ? fv->f.def->title_edit :
	    fv->f.def->title_new, fv->account_name);
	form_draw(t, &fv->f, h.data, fv->f.def->note ? fv->f.def->note(&fv->f) :
	    NULL, y0, height - 1, &fv->scroll);
	buf_reset(&h);
	if (fl != NULL && fl->def->hint != NULL)
		buf_addf(&h, "%s: %s", fl->def->label, fl->def->hint);
	draw_text(t, y0 + height - 1, 1, t->cols - 1, h.data, TE_LABEL, ALIGN_LEFT);
	buf_free(&h);
	if (fv->state != FV_EDITING)
		t->cursor_on = false;
}

static void
run_editor(struct form_view *fv, struct tui *t)
{
	struct form_field *fl = &fv->f.field[fv->f.focus];
	struct kam_buf out, err;

	buf_init(&out);
	buf_init(&err);
	if (extedit_run(fl->ed.text.data, &out, &err)) {
		textedit_set(&fl->ed, out.data);
		edit_str_set(&fl->error, NULL);
		keep_draft(fv, t);
	} else
		tui_message(t, true, "%s", err.data);
	buf_free(&out);
	buf_free(&err);
	t->dirty = true;
}

static void
cancel(struct form_view *fv, struct tui *t)
{
	if (fv->state == FV_SAVING || fv->state == FV_CHECKING)
		tui_ask(t, &fv->v, ASK_LEAVE, "The save has not been answered yet. "
		    "Close the form? Its draft stays for the next start.");
	else if (form_dirty(&fv->f))
		tui_ask(t, &fv->v, ASK_DISCARD, "Discard your changes?");
	else {
		drop_draft(fv);
		close_form(fv, t, false);
	}
}

/* While a save (or the question before it) is on its way the form holds
 * still: Esc may leave it, Ctrl-S sends the save again. */
static void
busy_key(struct form_view *fv, struct tui *t, enum kam_action a)
{
	if (a == ACT_CANCEL)
		cancel(fv, t);
	else if (a == ACT_FORM_SAVE && fv->state == FV_SAVING)
		req_submit(t, &fv->v, SLOT_SAVE, 0);
	else if (a == ACT_HELP)
		tui_push(t, view_help_new(t));
	else if (fv->state == FV_WARNING)
		tui_message(t, false, "Checking before the save... (Esc asks to close "
		    "the form)");
	else
		tui_message(t, false, "Saving... (Esc closes the form, the draft stays)");
}

static void
form_event(struct form_view *fv, struct tui *t, enum form_event e)
{
	switch (e) {
	case FE_CHANGED: keep_draft(fv, t); break;
	case FE_SAVE: start_save(fv, t); break;
	case FE_CANCEL: cancel(fv, t); break;
	case FE_EDITOR: run_editor(fv, t); break;
	case FE_HELP: tui_push(t, view_help_new(t)); break;
	case FE_RELOAD: draw_repaint_all(); load_picks(fv, t); break;
	case FE_REFUSED:
		tui_message(t, true, "%s cannot be changed here.",
		    fv->f.field[fv->f.focus].def->label);
		break;
	case FE_NONE: case FE_MOVED: break;
	}
}

static bool
fv_key(struct view *v, struct tui *t, int key)
{
	struct form_view *fv = FV(v);

	if (key == KEYMAP_FKEY(KEY_MOUSE) || key == KEYMAP_FKEY(KEY_RESIZE))
		return false;
	if (fv->state == FV_LOADING && keymap_action_in(KC_EDIT, key) == ACT_CANCEL) {
		close_form(fv, t, false);
		return true;	/* fv is freed */
	}
	if (fv->state == FV_LOADING && fv->nahead < TYPEAHEAD)
		fv->ahead[fv->nahead++] = key;
	if (fv->state == FV_LOADING || fv->state == FV_CONFLICT)
		return true;
	if (fv->state != FV_EDITING) {
		busy_key(fv, t, keymap_action_in(KC_EDIT, key));
		return true;
	}
	if (t->message_error)
		tui_message(t, false, "%s", "");
	form_event(fv, t, form_key(&fv->f, key, form_box_cols(t)));
	return true;
}

static void
fv_answer(struct view *v, struct tui *t, int what, bool yes)
{
	struct form_view *fv = FV(v);

	if (what == ASK_WARNED) {
		if (yes)
			send_save(fv, t);
		else
			tui_message(t, false, "Not saved: the form is as you left it.");
		return;
	}
	if (!yes)
		return;
	if (what == ASK_DISCARD)
		drop_draft(fv);
	close_form(fv, t, false);
	if (what == ASK_LEAVE)
		tui_message(t, false, "The draft is kept: kam offers it at the next start.");
}

/* o to the look-alike warning: the form closes, its text kept as a
 * draft (kam offers it again), and the one on record opens: in this form
 * (a contact), or its account's screen. */
static void
fv_answer_open(struct view *v, struct tui *t, int what)
{
	struct form_view *fv = FV(v);
	const struct form_def *def = fv->f.def;
	struct edit_lookalike other = fv->other;
	char *account = xstrdup(fv->f.row.parent ? fv->f.row.parent : "");
	char *account_name = xstrdup(fv->account_name);

	if (what != ASK_WARNED || other.id == NULL) {
		free(account);
		free(account_name);
		return;
	}
	fv->other.id = fv->other.name = NULL;
	keep_draft(fv, t);
	close_form(fv, t, false);
	if (def->open_other == FO_ACCOUNT)
		t->open_account(t, other.id, other.name, 0);	/* the Overview */
	else
		form_view_open(t, def, account, account_name, other.id);
	tui_message(t, false, "Opened %s instead; what you typed is kept as a "
	    "draft.", other.name);
	edit_lookalike_free(&other);
	free(account);
	free(account_name);
}

static bool
fv_action(struct view *v, struct tui *t, enum kam_action a)
{
	(void)v, (void)t, (void)a;
	return true;	/* fv_key had every key */
}

static void
fv_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	struct form_view *fv = FV(v);
	const struct form_field *fl = fv->f.n ? &fv->f.field[fv->f.focus] : NULL;

	if (fv->state == FV_SAVING || fv->state == FV_CHECKING) {
		buf_adds(out, t->dbstate == TDB_OK ? " Saving..." :
		    " Saving: waiting for the database connection");
		return;
	}
	if (fv->state == FV_WARNING) {
		buf_adds(out, t->dbstate == TDB_OK ? " Checking..." :
		    " Checking: waiting for the database connection");
		return;
	}
	if (fv->meanwhile)
		buf_adds(out, " Changed meanwhile");
	keymap_hint(out, ACT_FIELD_NEXT, "next");
	keymap_hint(out, ACT_FORM_SAVE, "save");
	keymap_hint(out, ACT_CANCEL, "cancel");
	if (fl != NULL && fl->def->type == FT_LONGTEXT)
		keymap_hint(out, ACT_FORM_EDITOR, "editor");
}

static void
fv_title(struct view *v, struct tui *t, struct kam_buf *out)
{
	struct form_view *fv = FV(v);

	(void)t;
	buf_adds(out, fv->f.row.id ? fv->f.def->title_edit : fv->f.def->title_new);
}

static void
fv_free(struct view *v)
{
	struct form_view *fv = FV(v);

	form_free(&fv->f);
	edit_row_free(&fv->mine);
	edit_row_free(&fv->theirs);
	edit_lookalike_free(&fv->other);
	free(fv->account_name);
	free(fv->draft);
	free(fv);
}

/* A row being edited: its own table and account. A new row has nothing
 * that could change under it. */
static void
fv_interest(struct view *v, struct live_interest *out)
{
	struct form_view *fv = FV(v);

	fv->live[0] = edit_table(fv->f.def->entity);
	out->tables = fv->f.row.id != NULL && fv->state == FV_EDITING ?
	    fv->live : NULL;
	out->account = fv->f.row.parent;
}

/* Never read again under the user's hands: looked at instead. */
static void
fv_changed(struct view *v, struct tui *t)
{
	req_submit(t, v, SLOT_PEEK, 0);
}

static const struct kam_view_ops form_ops = {
	.name = "form",
	.draw = fv_draw,
	.action = fv_action,
	.reload = fv_reload,
	.send = fv_send,
	.recv = fv_recv,
	.status = fv_status,
	.title = fv_title,
	.free = fv_free,
	.key = fv_key,
	.answer = fv_answer,
	.answer_open = fv_answer_open,
	.interest = fv_interest,
	.changed = fv_changed,
};

/* The draft's file: named by the new row's client key, or a key of its
 * own for an edit. NULL (and a message) when drafts cannot be kept. */
static char *
draft_path(struct tui *t, const char *key)
{
	struct kam_buf dir, err;
	char *path = NULL;

	buf_init(&dir);
	buf_init(&err);
	if (draft_dir(&dir, &err)) {
		buf_addf(&dir, "/%s.draft", key);
		path = buf_detach(&dir);
	} else
		tui_message(t, true, "Unsaved work cannot be kept: %s", err.data);
	buf_free(&dir);
	buf_free(&err);
	return path;
}

static struct form_view *
fv_new(const struct form_def *def, const char *account_name)
{
	struct form_view *fv = xcalloc(1, sizeof *fv);

	fv->v.ops = &form_ops;
	fv->account_name = xstrdup(account_name ? account_name : "");
	edit_row_init(&fv->mine, def->entity);
	edit_row_init(&fv->theirs, def->entity);
	return fv;
}

static void
open_form(struct tui *t, const struct form_def *def, const char *account,
    const char *account_name, const char *id, const char *const *preset)
{
	struct form_view *fv;
	char key[37];

	if (!edit_new_key(key)) {
		tui_message(t, true, "The system gives no random numbers: the form "
		    "cannot be saved safely.");
		return;
	}
	fv = fv_new(def, account_name);
	form_init(&fv->f, def, account, id ? NULL : key, id, time(NULL));
	for (; preset != NULL && preset[0] != NULL; preset += 2) {
		int col = edit_column_find(def->entity, preset[0]);
		struct form_field *fl = form_field_of(&fv->f, preset[0]);

		if (fl != NULL)		/* a field's first text, still editable */
			form_start_text(fl, preset[1]);
		else if (col >= 0)
			edit_row_set(&fv->f.row, (size_t)col, preset[1]);
	}
	fv->state = id ? FV_LOADING : FV_EDITING;
	if (id == NULL && def->setup != NULL)
		def->setup(&fv->f);
	fv->draft = draft_path(t, key);
	tui_push(t, &fv->v);
}

void
form_view_open(struct tui *t, const struct form_def *def, const char *account,
    const char *account_name, const char *id)
{
	open_form(t, def, account, account_name, id, NULL);
}

void
form_view_open_with(struct tui *t, const struct form_def *def,
    const char *account, const char *account_name, const char *const *preset)
{
	open_form(t, def, account, account_name, NULL, preset);
}

static bool
key_ok(const char *key)
{
	return key != NULL && strlen(key) == 36 &&
	    strspn(key, "0123456789abcdef-") == 36;
}

bool
form_view_resume(struct tui *t, const struct form_def *def,
    const struct kam_draft *d, const char *path, struct kam_buf *err)
{
	struct form_view *fv;
	const char *key = draft_get(d, "key");

	if (draft_get(d, "id") == NULL && !key_ok(key)) {
		buf_adds(err, "the draft's key is damaged");
		return false;
	}
	fv = fv_new(def, draft_get(d, "account-name"));
	form_init(&fv->f, def, draft_get(d, "account"), key, draft_get(d, "id"),
	    time(NULL));
	if (!form_from_draft(&fv->f, d, err)) {
		fv_free(&fv->v);
		return false;
	}
	if (def->setup != NULL)
		def->setup(&fv->f);
	fv->state = FV_EDITING;
	fv->draft = xstrdup(path);
	fv->draft_written = true;
	tui_push(t, &fv->v);
	return true;
}

struct form *
form_view_form(struct view *v)
{
	return &FV(v)->f;
}

const struct edit_row *
form_view_theirs(struct view *v)
{
	return &FV(v)->theirs;
}

/* Theirs as the form's start, keeping the text of the fields the user
 * changed. */
static void
take_theirs(struct form_view *fv, bool keep_mine)
{
	struct form *f = &fv->f;
	char **mine = xcalloc(f->n + 1, sizeof *mine);

	for (size_t i = 0; i < f->n; i++)
		if (keep_mine && form_field_dirty(&f->field[i]))
			mine[i] = xstrdup(f->field[i].ed.text.data);
	form_load(f, &fv->theirs);
	for (size_t i = 0; i < f->n; i++) {
		if (mine[i] != NULL)
			textedit_set(&f->field[i].ed, mine[i]);
		free(mine[i]);
	}
	free(mine);
	if (f->def->setup != NULL)
		f->def->setup(f);
}

void
form_view_resolve(struct view *v, struct tui *t, enum kam_action a)
{
	struct form_view *fv = FV(v);

	while (t->top != NULL && t->top != v)
		tui_pop(t);
	fv->state = FV_EDITING;
	if (a == ACT_CONFLICT_THEIRS) {
		drop_draft(fv);
		close_form(fv, t, true);
		tui_message(t, false, "Kept their version.");
		return;
	}
	if (a == ACT_CONFLICT_RELOAD || a == ACT_CONFLICT_MERGE)
		take_theirs(fv, a == ACT_CONFLICT_MERGE);
	keep_draft(fv, t);
	if (a == ACT_CONFLICT_MERGE)
		start_save(fv, t);
	else if (a == ACT_CONFLICT_RELOAD)
		tui_message(t, false, "Their version is in the form; your changes "
		    "are dropped.");
	else
		tui_message(t, false, "Back in the form: a save shows the conflict again.");
}
