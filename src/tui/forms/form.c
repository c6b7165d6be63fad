#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "keymap.h"
#include "kam/date.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

static bool
writable(const struct form *f, const struct form_field_def *d, int col)
{
	unsigned want = f->row.id == NULL ? EC_INSERT : EC_UPDATE;

	return !(d->flags & (FF_READONLY | FF_ERP)) && col >= 0 &&
	    (edit_column_at(f->def->entity, (size_t)col)->flags & want);
}

/* A new row's first text: "now" is the current minute, "today" the
 * date, "year" the year, all when the form opens. */
static void
set_initial(struct form *f, struct form_field *fl)
{
	char now[DATETIME_STRLEN];
	const char *init = fl->def->initial;
	struct kam_date today = date_of(f->now);

	if (init != NULL && fl->def->type == FT_DATETIME && strcmp(init, "now") == 0) {
		datetime_format_local(f->now, now);
		init = now;
	} else if (init != NULL && fl->def->type == FT_DATE &&
	    strcmp(init, "today") == 0) {
		date_format(today, now);
		init = now;
	} else if (init != NULL && fl->def->type == FT_NUMBER &&
	    strcmp(init, "year") == 0) {
		snprintf(now, sizeof now, "%d", today.year);
		init = now;
	}
	form_start_text(fl, init);
}

void
form_start_text(struct form_field *fl, const char *text)
{
	textedit_set(&fl->ed, text);
	edit_str_set(&fl->base, fl->ed.text.data);
}

void
form_init(struct form *f, const struct form_def *def, const char *account,
    const char *key, const char *id, time_t now)
{
	memset(f, 0, sizeof *f);
	f->def = def;
	f->now = now;
	edit_row_init(&f->row, def->entity);
	edit_str_set(&f->row.parent, account);
	edit_str_set(&f->row.key, key);
	edit_str_set(&f->row.id, id);
	f->n = def->nfields;
	f->field = xcalloc(f->n + 1, sizeof *f->field);
	for (size_t i = 0; i < f->n; i++) {
		struct form_field *fl = &f->field[i];
		const struct form_field_def *d = &def->fields[i];

		fl->def = d;
		fl->col = edit_column_find(def->entity, d->column);
		fl->readonly = !writable(f, d, fl->col);
		/* room past the limit in characters, so that a text too
		 * long is shown and said so, never cut unseen */
		textedit_init(&fl->ed, 8 * form_maxlen(d), d->type == FT_LONGTEXT);
		if (id == NULL)
			set_initial(f, fl);
		else
			edit_str_set(&fl->base, "");
	}
	form_focus(f, 0);
}

void
form_initial(struct form *f, const char *column, const char *text)
{
	struct form_field *fl = form_field_of(f, column);

	if (f->row.id != NULL || fl == NULL || form_field_dirty(fl))
		return;
	textedit_set(&fl->ed, text);
	edit_str_set(&fl->base, fl->ed.text.data);
}

void
form_free(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		textedit_free(&f->field[i].ed);
		free(f->field[i].base);
		free(f->field[i].error);
		free(f->field[i].note);
		edit_choices_free(&f->field[i].options);
	}
	free(f->field);
	edit_row_free(&f->row);
	memset(f, 0, sizeof *f);
}

char *
form_text_of(const struct form_field *fl, const char *sql)
{
	char local[DATETIME_STRLEN];
	time_t t;

	if (sql == NULL)
		return xstrdup("");
	if (fl->def->type == FT_DATETIME && datetime_parse_utc(sql, &t)) {
		datetime_format_local(t, local);
		return xstrdup(local);
	}
	if (fl->def->type == FT_INTERVAL)
		return form_interval_text(sql);
	if (fl->def->type == FT_SET)
		return form_set_text(fl->def->choices, sql);
	return xstrdup(sql);
}

void
form_load(struct form *f, const struct edit_row *row)
{
	edit_row_copy(&f->row, row);
	for (size_t i = 0; i < f->n; i++) {
		struct form_field *fl = &f->field[i];
		char *text = form_text_of(fl, fl->col >= 0 ? row->value[fl->col] : NULL);

		textedit_set(&fl->ed, text);
		edit_str_set(&fl->base, fl->ed.text.data);
		free(text);
		edit_str_set(&fl->error, NULL);
	}
}

struct form_field *
form_field_of(struct form *f, const char *column)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->field[i].def->column, column) == 0)
			return &f->field[i];
	return NULL;
}

void
form_fix(struct form *f, const char *column, const char *text)
{
	struct form_field *fl = form_field_of(f, column);

	if (fl == NULL)
		return;
	textedit_set(&fl->ed, text);
	edit_str_set(&fl->base, fl->ed.text.data);
	fl->readonly = fl->fixed = true;
	if (&f->field[f->focus] == fl)
		form_focus(f, f->focus);
}

/* The first field from i on (in direction dir) that may be edited; i
 * itself when none may. */
static size_t
editable_from(const struct form *f, size_t i, int dir)
{
	for (size_t step = 0; step < f->n; step++) {
		size_t k = (i + f->n + (size_t)((long)dir * (long)step)) % f->n;

		if (!f->field[k].readonly)
			return k;
	}
	return i;
}

void
form_focus(struct form *f, size_t i)
{
	if (f->n > 0)
		f->focus = editable_from(f, i < f->n ? i : 0, 1);
}

static void
focus_step(struct form *f, int dir)
{
	if (f->n > 0)
		f->focus = editable_from(f, (f->focus + f->n + (size_t)(long)dir) % f->n,
		    dir);
}

bool
form_field_dirty(const struct form_field *fl)
{
	return strcmp(fl->ed.text.data, fl->base ? fl->base : "") != 0;
}

bool
form_dirty(const struct form *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (!f->field[i].readonly && form_field_dirty(&f->field[i]))
			return true;
	return false;
}

/* A choice or pick as parallel value and label lists; the empty value
 * (none) first unless the field is required. */
static size_t
options(const struct form_field *fl, size_t i, const char **value,
    const char **label)
{
	bool none = !(fl->def->flags & FF_REQUIRED);
	size_t n = 0;

	if (fl->def->type == FT_CHOICE)
		while (fl->def->choices && fl->def->choices[2 * n])
			n++;
	else
		n = fl->options.n;
	if (value == NULL)
		return n + none;
	if (none && i == 0) {
		*value = "";
		*label = "(none)";
	} else if (fl->def->type == FT_CHOICE) {
		*value = fl->def->choices[2 * (i - none)];
		*label = fl->def->choices[2 * (i - none) + 1];
	} else {
		*value = fl->options.item[i - none].value;
		*label = fl->options.item[i - none].label;
	}
	return n + none;
}

/* Which option the field holds; n (none of them) when it holds another. */
static size_t
current_option(const struct form_field *fl, size_t n)
{
	const char *v, *l;

	for (size_t i = 0; i < n; i++) {
		options(fl, i, &v, &l);
		if (strcmp(v, fl->ed.text.data) == 0)
			return i;
	}
	return n;
}

const char *
form_display(const struct form_field *fl)
{
	const char *v, *l;
	size_t n, i;

	switch (fl->def->type) {
	case FT_BOOL:
		return strcmp(fl->ed.text.data, "t") == 0 ? "yes" :
		    strcmp(fl->ed.text.data, "f") == 0 ? "no" : fl->ed.text.data;
	case FT_CHOICE: case FT_PICK:
		if (fl->def->type == FT_PICK && !fl->loaded)
			return *fl->ed.text.data ? "..." : "(none)";
		n = options(fl, 0, NULL, NULL);
		if ((i = current_option(fl, n)) == n)
			return fl->ed.text.data;
		options(fl, i, &v, &l);
		return l;
	default:
		return fl->ed.text.data;
	}
}

static enum form_event
choose(struct form_field *fl, size_t i)
{
	const char *v, *l;

	options(fl, i, &v, &l);
	if (strcmp(v, fl->ed.text.data) == 0)
		return FE_NONE;
	textedit_set(&fl->ed, v);
	return FE_CHANGED;
}

static enum form_event
cycle(struct form_field *fl, int dir)
{
	size_t n = options(fl, 0, NULL, NULL), i;

	if (fl->def->type == FT_BOOL) {
		textedit_set(&fl->ed, strcmp(fl->ed.text.data, "t") == 0 ? "f" : "t");
		return FE_CHANGED;
	}
	if (n == 0)
		return FE_NONE;
	i = current_option(fl, n);
	if (i == n)
		i = dir > 0 ? n - 1 : 0;
	return choose(fl, (i + n + (size_t)(long)dir) % n);
}

/* A letter picks the next option whose label starts with it. */
static enum form_event
choose_letter(struct form_field *fl, uint32_t cp)
{
	size_t n = options(fl, 0, NULL, NULL), at = current_option(fl, n);
	const char *v, *l;

	if (fl->def->type == FT_BOOL) {
		if (cp != 'y' && cp != 'n')
			return FE_NONE;
		textedit_set(&fl->ed, cp == 'y' ? "t" : "f");
		return FE_CHANGED;
	}
	for (size_t step = 1; step <= n; step++) {
		size_t k = (at + step) % n;

		options(fl, k, &v, &l);
		if (cp < 0x80 && tolower((unsigned char)l[0]) == tolower((int)cp))
			return choose(fl, k);
	}
	return FE_NONE;
}

static bool
is_choosing(const struct form_field *fl)
{
	return fl->def->type == FT_CHOICE || fl->def->type == FT_PICK ||
	    fl->def->type == FT_BOOL;
}

static enum form_event
typed(struct form_field *fl, uint32_t cp)
{
	if (is_choosing(fl))
		return cp == ' ' ? cycle(fl, 1) : choose_letter(fl, cp);
	return textedit_insert(&fl->ed, cp) == TX_EDITED ? FE_CHANGED : FE_NONE;
}

static enum form_event
edited(enum tx_result r)
{
	if (r == TX_EDITED)
		return FE_CHANGED;
	return r == TX_MOVED ? FE_MOVED : FE_NONE;
}

static enum form_event
line_or_field(struct form *f, struct form_field *fl, size_t cols, int dir)
{
	if (fl->def->type == FT_LONGTEXT && textedit_vertical(&fl->ed, cols, dir))
		return FE_MOVED;
	focus_step(f, dir);
	return FE_MOVED;
}

static enum form_event
field_action(struct form *f, struct form_field *fl, enum kam_action a, size_t cols)
{
	switch (a) {
	case ACT_FIELD_NEXT: focus_step(f, 1); return FE_MOVED;
	case ACT_FIELD_PREV: focus_step(f, -1); return FE_MOVED;
	case ACT_LINE_DOWN: return line_or_field(f, fl, cols, 1);
	case ACT_LINE_UP: return line_or_field(f, fl, cols, -1);
	case ACT_ACCEPT:
		if (fl->def->type == FT_LONGTEXT && !fl->readonly)
			return typed(fl, '\n');
		return FE_SAVE;
	case ACT_FORM_SAVE: return FE_SAVE;
	case ACT_CANCEL: return FE_CANCEL;
	case ACT_HELP: return FE_HELP;
	case ACT_RELOAD: return FE_RELOAD;
	case ACT_FORM_EDITOR:
		return fl->def->type == FT_LONGTEXT && !fl->readonly ? FE_EDITOR :
		    FE_REFUSED;
	default: break;
	}
	if (fl->readonly)
		return FE_REFUSED;
	if (is_choosing(fl) && (a == ACT_CURSOR_LEFT || a == ACT_CURSOR_RIGHT))
		return cycle(fl, a == ACT_CURSOR_LEFT ? -1 : 1);
	if (is_choosing(fl) && (a == ACT_ERASE || a == ACT_DELETE ||
	    a == ACT_KILL_TO_START) && !(fl->def->flags & FF_REQUIRED))
		return choose(fl, 0);
	if (is_choosing(fl))
		return FE_NONE;
	return edited(textedit_act(&fl->ed, a));
}

enum form_event
form_key(struct form *f, int key, size_t cols)
{
	struct form_field *fl;
	enum form_event e;

	if (f->n == 0)
		return FE_NONE;
	fl = &f->field[f->focus];
	if (key >= 0x20 && key < KEYMAP_FKEY_BASE && key != 0x7f &&
	    !utf8_is_unsafe((uint32_t)key))
		e = fl->readonly ? FE_REFUSED : typed(fl, (uint32_t)key);
	else
		e = field_action(f, fl, keymap_action_in(KC_EDIT, key), cols);
	if (e == FE_CHANGED)
		edit_str_set(&fl->error, NULL);
	return e;
}

void
form_set_error(struct form *f, const char *column, const char *fmt, ...)
{
	struct form_field *fl = form_field_of(f, column);
	struct kam_buf b;
	va_list ap;

	if (fl == NULL)
		return;
	buf_init(&b);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	free(fl->error);
	fl->error = buf_detach(&b);
}

void
form_clear_errors(struct form *f)
{
	for (size_t i = 0; i < f->n; i++)
		edit_str_set(&f->field[i].error, NULL);
}

const char *
form_row_value(const struct form *f, const struct edit_row *row,
    const char *column)
{
	int col = edit_column_find(f->def->entity, column);

	return col >= 0 ? row->value[col] : NULL;
}

static const char *
label_of(struct form *f, const char *column)
{
	struct form_field *fl = form_field_of(f, column);

	return fl != NULL ? fl->def->label : column;
}

void
form_check_both(struct form *f, const struct edit_row *row, const char *a,
    const char *b)
{
	bool has_a = form_row_value(f, row, a) != NULL;
	bool has_b = form_row_value(f, row, b) != NULL;

	if (has_a && !has_b)
		form_set_error(f, b, "goes with %s: give both or neither",
		    label_of(f, a));
	else if (has_b && !has_a)
		form_set_error(f, a, "goes with %s: give both or neither",
		    label_of(f, b));
}

void
form_check_order(struct form *f, const struct edit_row *row, const char *first,
    const char *second, bool strict)
{
	const char *x = form_row_value(f, row, first);
	const char *y = form_row_value(f, row, second);
	int c;

	if (x == NULL || y == NULL)
		return;
	c = strcmp(y, x);
	if (c < 0 || (strict && c == 0))
		form_set_error(f, second, "is %s %s", c < 0 ? "before" : "the same as",
		    label_of(f, first));
}

/* One field into out: an unchanged field of a row that was read keeps
 * the value as read, byte for byte. */
static bool
field_to_row(struct form *f, struct form_field *fl, struct edit_row *out)
{
	struct kam_buf err;
	char *v;

	if (fl->col < 0 || (fl->readonly && !fl->fixed) ||
	    (f->row.id != NULL && !form_field_dirty(fl) && !fl->fixed))
		return true;
	buf_init(&err);
	if (!form_value(fl, f->now, &v, &err)) {
		free(fl->error);
		fl->error = buf_detach(&err);
		return false;
	}
	edit_row_set(out, (size_t)fl->col, v);
	free(v);
	buf_free(&err);
	return true;
}

bool
form_to_row(struct form *f, struct edit_row *out)
{
	bool ok = true;

	edit_row_copy(out, &f->row);
	form_clear_errors(f);
	for (size_t i = 0; i < f->n; i++)
		ok = field_to_row(f, &f->field[i], out) && ok;
	if (ok && f->def->check != NULL)
		f->def->check(f, out);
	for (size_t i = 0; i < f->n; i++) {
		if (f->field[i].error != NULL) {
			f->focus = i;
			return false;
		}
	}
	return ok;
}

/* Draft keys: "field.NAME" the text, "base.NAME" the value as read
 * (absent for NULL), and the row's own. */
static void
draft_field(struct kam_draft *d, const char *kind, const char *column,
    const char *value)
{
	struct kam_buf key;

	buf_init(&key);
	buf_addf(&key, "%s.%s", kind, column);
	draft_set(d, key.data, value);
	buf_free(&key);
}

void
form_to_draft(const struct form *f, struct kam_draft *d)
{
	draft_set(d, "form", f->def->name);
	draft_set(d, "id", f->row.id);
	draft_set(d, "version", f->row.version);
	draft_set(d, "account", f->row.parent);
	draft_set(d, "key", f->row.key);
	for (size_t i = 0; i < edit_ncolumns(f->def->entity); i++)
		draft_field(d, "base", edit_column_at(f->def->entity, i)->name,
		    f->row.value[i]);
	for (size_t i = 0; i < f->n; i++) {
		draft_field(d, "field", f->field[i].def->column,
		    f->field[i].ed.text.data);
		draft_field(d, "start", f->field[i].def->column, f->field[i].base);
	}
}

static const char *
draft_named(const struct kam_draft *d, const char *kind, const char *column)
{
	struct kam_buf key;
	const char *v;

	buf_init(&key);
	buf_addf(&key, "%s.%s", kind, column);
	v = draft_get(d, key.data);
	buf_free(&key);
	return v;
}

/* Numbers the database will read as ids and versions. */
static bool
digits_or_null(const char *s)
{
	return s == NULL || (*s != '\0' && s[strspn(s, "0123456789")] == '\0' &&
	    strlen(s) <= 19);
}

bool
form_from_draft(struct form *f, const struct kam_draft *d, struct kam_buf *err)
{
	const char *form = draft_get(d, "form");

	if (form == NULL || strcmp(form, f->def->name) != 0 ||
	    (draft_get(d, "id") == NULL && !edit_can_insert(f->def->entity)) ||
	    !digits_or_null(draft_get(d, "id")) ||
	    !digits_or_null(draft_get(d, "version")) ||
	    !digits_or_null(draft_get(d, "account")) ||
	    (draft_get(d, "id") == NULL) != (draft_get(d, "version") == NULL)) {
		buf_adds(err, "the draft does not belong to this form");
		return false;
	}
	edit_str_set(&f->row.id, draft_get(d, "id"));
	edit_str_set(&f->row.version, draft_get(d, "version"));
	for (size_t i = 0; i < edit_ncolumns(f->def->entity); i++)
		edit_row_set(&f->row, i, draft_named(d, "base",
		    edit_column_at(f->def->entity, i)->name));
	for (size_t i = 0; i < f->n; i++) {
		struct form_field *fl = &f->field[i];
		const char *start = draft_named(d, "start", fl->def->column);
		const char *text = draft_named(d, "field", fl->def->column);

		fl->readonly = !writable(f, fl->def, fl->col);
		if (start != NULL) {
			textedit_set(&fl->ed, start);
			edit_str_set(&fl->base, fl->ed.text.data);
		}
		if (text != NULL && !fl->readonly)
			textedit_set(&fl->ed, text);
	}
	form_focus(f, f->focus);
	return true;
}
