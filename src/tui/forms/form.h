/* Forms: labelled fields over one row of an entity (kam/edit.h), their
 * editing, checks and dirty state, and the draft that keeps them. Plain
 * state without a terminal; form_view.c shows a form and saves it.
 *
 * Defining a form (see forms.c for the interaction and contact forms):
 *
 *	static const struct form_field_def contact_fields[] = {
 *		{ "name", "Name", FT_TEXT, FF_REQUIRED, .maxlen = 200 },
 *		{ "email", "Email", FT_TEXT, 0, .hint = "name@example.com" },
 *		{ "active", "Active", FT_BOOL, 0, .initial = "t" },
 *	};
 *	const struct form_def form_contact = {
 *		"contact", "New contact", "Edit contact", EE_CONTACT,
 *		contact_fields, countof(contact_fields), .saved = "Contact saved.",
 *	};
 *
 * Each field names a column of the entity (edit_entities in
 * src/domain/edit_entities.c); a column the entity marks neither
 * EC_INSERT nor EC_UPDATE (ERP-owned) shows read only. The steps for a
 * new form:
 *	1. the entity: enum edit_entity (kam/edit.h), its columns, fixed
 *	   statements and constraints in plain words (edit_entities.c, or
 *	   a file of its own such as edit_plan.c, gathered in the table
 *	   edit_entities[] of edit_entities.c);
 *	2. the form: a form_def in forms.c (or forms_plan.c, ...), listed
 *	   in form_defs[] of forms.c so that its drafts can be resumed;
 *	3. the key: a tab's action hook opens it with form_view_open()
 *	   (form_view.h) when view_account_rights() allows, and the tab's
 *	   keys go into tab_hints[] of view_account.c for the status line;
 *	   a one-step change (end, drop, complete) is an enum edit_op with
 *	   its statements, run through table_tab_op() or rowop.h.
 * Types:
 *
 *	FT_TEXT		one line; trimmed; empty is NULL
 *	FT_LONGTEXT	lines, edited in the form or in $EDITOR (Ctrl-E)
 *	FT_CHOICE	one of choices ("value", "label" pairs, NULL-ended)
 *	FT_PICK		one of the rows of pick (kam/edit.h), read when shown
 *	FT_BOOL		yes or no: "t" or "f"
 *	FT_DATE		a date of date_parse ("2026-03-01", "today", "+1w")
 *	FT_DATETIME	a local date and time (datetime_parse); "now"
 *	FT_NUMBER	a decimal of digits digits, scale after the point
 *	FT_MONEY	a decimal amount, scale 2 unless given
 *	FT_INTERVAL	a duration: "4h", "1d 4h", "30m", "2d"
 *	FT_TIME		a time of day, H:MM or HH:MM; 24:00 the end of the day
 *	FT_ZONE		a time zone name (Europe/Berlin); a new row's, left
 *			empty, comes from the account's country (form_zone.c)
 *	FT_PHONE	a phone number: digits with + ( ) - / . and spaces,
 *			an extension after x, ext or # (phone_valid)
 *	FT_SET		some of choices, typed by value or label with commas
 *			between ("Mon, Wed", "Mon-Fri" in the choices' order);
 *			saved as the values in that order, comma-separated
 * Amounts and numbers take commas or spaces between thousands, as kam
 * prints them ("1,500,000.50"), and a point for decimals.
 * Flags: FF_REQUIRED, FF_READONLY (shown, never written), FF_NONNEG (a
 * number or amount of at least 0), FF_ERP (read only, marked as the
 * ERP's). initial is a new row's first text ("now" for the current time,
 * "today" for a date, "year" for a number). A form's check hook adds
 * checks across fields with form_set_error(); setup fixes fields
 * (form_fix) whenever the form opens, also from a draft; warn names a
 * question the database answers before each save (kam/edit.h), which
 * the user may answer with "save anyway". */
#ifndef KAM_TUI_FORM_H
#define KAM_TUI_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "textedit.h"
#include "kam/draft.h"
#include "kam/edit.h"

enum field_type {
	FT_TEXT, FT_LONGTEXT, FT_CHOICE, FT_PICK, FT_BOOL, FT_DATE, FT_DATETIME,
	FT_NUMBER, FT_MONEY, FT_INTERVAL, FT_TIME, FT_SET, FT_PHONE, FT_ZONE
};

#define FF_REQUIRED	0x1
#define FF_READONLY	0x2
#define FF_NONNEG	0x4
#define FF_ERP		0x8

struct form_field_def {
	const char		*column;
	const char		*label;
	enum field_type		 type;
	unsigned		 flags;
	const char *const	*choices;	/* FT_CHOICE, FT_SET */
	enum edit_pick		 pick;		/* FT_PICK */
	int			 digits, scale;	/* FT_NUMBER, FT_MONEY */
	size_t			 maxlen;	/* characters; 0: 500, long text 20000 */
	const char		*initial;
	const char		*hint;		/* shown while the cursor is here */
};

struct form;

struct form_def {
	const char			*name;		/* names drafts: "contact" */
	const char			*title_new;
	const char			*title_edit;
	enum edit_entity		 entity;
	const struct form_field_def	*fields;
	size_t				 nfields;
	const char			*saved;		/* "Contact saved." */
	/* Optional: checks across fields of the values to save (see
	 * form_set_error); fixes fields after opening (form_fix); a note
	 * over the fields, or NULL. */
	void				(*check)(struct form *f,
					    const struct edit_row *row);
	void				(*setup)(struct form *f);
	const char			*(*note)(const struct form *f);
	enum edit_warn			 warn;
	const char			*warn_lead;	/* before the warning */
	/* Optional: what o opens when the warning names a row it looks
	 * like: that row in this form (a contact), or its account. */
	enum form_open_other { FO_NONE, FO_FORM, FO_ACCOUNT } open_other;
};

struct form_field {
	const struct form_field_def	*def;
	int				 col;		/* in the entity */
	struct textedit			 ed;
	char				*base;		/* the text it started with */
	char				*error;		/* shown next to it */
	char				*note;		/* shown when no error */
	bool				 readonly;
	bool				 fixed;		/* read only, yet saved */
	struct edit_choices		 options;	/* FT_PICK */
	bool				 loaded;	/* FT_PICK: options read */
};

struct form {
	const struct form_def	*def;
	struct form_field	*field;
	size_t			 n;
	size_t			 focus;
	struct edit_row		 row;		/* as read: id, version, values */
	time_t			 now;		/* "now" and "today" */
};

/* A new row of account (key: its client key), or an existing row whose
 * values come later with form_load(). */
void	form_init(struct form *f, const struct form_def *def, const char *account,
	    const char *key, const char *id, time_t now);
void	form_free(struct form *f);
/* Takes the values of row (as read) as the form's start: every field's
 * text and base. */
void	form_load(struct form *f, const struct edit_row *row);
/* Fixes a field (support logs tickets only): its text, saved, but read
 * only in the form. */
void	form_fix(struct form *f, const char *column, const char *text);
struct form_field *form_field_of(struct form *f, const char *column);
/* For setup hooks: a new row's first text of column other than its
 * field's own, unless the user changed it already (a draft). */
void	form_initial(struct form *f, const char *column, const char *text);
/* A new row's field starts with text (as if typed before the form
 * opened, so not a change). */
void	form_start_text(struct form_field *fl, const char *text);

/* What a key did, for the view. */
enum form_event {
	FE_NONE, FE_MOVED, FE_CHANGED, FE_SAVE, FE_CANCEL, FE_EDITOR, FE_HELP,
	FE_RELOAD, FE_REFUSED
};
/* Handles a key; cols is the width of a long text's box (for Up and
 * Down between its display lines). */
enum form_event form_key(struct form *f, int key, size_t cols);
void	form_focus(struct form *f, size_t i);
/* Whether anything differs from where the form started. */
bool	form_dirty(const struct form *f);
bool	form_field_dirty(const struct form_field *fl);

/* The text shown for a field's value: a choice's or pick's label, yes or
 * no, else the text. */
const char *form_display(const struct form_field *fl);
/* Checks every field and converts it to what the database takes into
 * out (a copy of the row as read, with the form's values). False when
 * any field has an error: each says why, the focus goes to the first. */
bool	form_to_row(struct form *f, struct edit_row *out);
void	form_set_error(struct form *f, const char *column, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	form_clear_errors(struct form *f);
/* For check hooks: the value to save of column (NULL: none); a pair of
 * columns set together or not at all, the error at the one left empty;
 * an order of two values that compare as text (ISO dates, HH:MM), the
 * error at the second when it comes before the first (or equals it,
 * when strict). */
const char *form_row_value(const struct form *f, const struct edit_row *row,
	    const char *column);
void	form_check_both(struct form *f, const struct edit_row *row,
	    const char *a, const char *b);
void	form_check_order(struct form *f, const struct edit_row *row,
	    const char *first, const char *second, bool strict);
/* A value as read (SQL text) as a field's text: times in the local
 * zone. NULL is empty. Returns a string the caller frees. */
char	*form_text_of(const struct form_field *fl, const char *sql);

/* The draft of the form: its row's keys and base values, every field's
 * text. form_from_draft() restores one; false with err when the draft
 * does not fit the form. */
void	form_to_draft(const struct form *f, struct kam_draft *d);
bool	form_from_draft(struct form *f, const struct kam_draft *d,
	    struct kam_buf *err);

/* form_zone.c: an empty time zone field of a new row from the
 * account's country (ISO code, NULL: none known): the country's one zone
 * in tzdata's zone.tab, else a note that names the candidates. */
void	form_zone_from_country(struct form_field *fl, const char *country);

/* The most characters a field takes: its maxlen, else 500 for a line,
 * 20000 for long text. */
size_t	form_maxlen(const struct form_field_def *def);
/* form_value.c: one field's text as a database value; false with the
 * reason in err. A NULL *out is SQL NULL. */
bool	form_value(const struct form_field *fl, time_t now, char **out,
	    struct kam_buf *err);
/* A duration as typed ("1d 4h") in minutes; false when it is not one. */
bool	form_interval_minutes(const char *text, long *minutes);
/* A value as read as the form shows it: a duration as "1d 4h", a set's
 * values as their labels ("Mon, Tue"); anything else as it is. The
 * caller frees the result. */
char	*form_interval_text(const char *sql);
char	*form_set_text(const char *const *choices, const char *sql);

#endif
