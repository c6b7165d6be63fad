/* Forms without a terminal: the line editor (wide characters, the cursor
 * on character starts, long text's display rows), moving between fields,
 * choices, checks of every field type, dirty tracking, and drafts made
 * and read back, hostile ones included. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "form.h"
#include "keymap.h"
#include "textedit.h"
#include "kam/draft.h"
#include "kam/utf8.h"

/* curses codes, so that no curses header is needed here */
#define K_DOWN		KEYMAP_FKEY(0402)
#define K_UP		KEYMAP_FKEY(0403)
#define K_LEFT		KEYMAP_FKEY(0404)
#define K_RIGHT		KEYMAP_FKEY(0405)
#define K_HOME		KEYMAP_FKEY(0406)
#define K_END		KEYMAP_FKEY(0550)
#define K_BTAB		KEYMAP_FKEY(0541)
#define K_BACKSPACE	127
#define CTRL(c)		((c) & 0x1f)

#include "kam/countof.h"

static const char *const kinds[] = { "call", "Call", "email", "Email", NULL };

/* The contact entity's columns carry a form of every kind here. */
static const struct form_field_def fields[] = {
	{ "name", "Name", FT_TEXT, FF_REQUIRED, .maxlen = 40 },
	{ "erp_id", "ERP id", FT_TEXT, FF_READONLY, .maxlen = 40 },
	{ "job_title", "Notes", FT_LONGTEXT, 0, .maxlen = 200 },
	{ "preferred_channel", "Channel", FT_CHOICE, 0, .choices = kinds },
	{ "decision_maker", "Decides", FT_BOOL, 0, .initial = "f" },
	{ "email", "Date", FT_DATE, 0, .maxlen = 40 },
	{ "phone", "Amount", FT_MONEY, FF_NONNEG, .digits = 8 },
	{ "active", "Number", FT_NUMBER, 0, .digits = 5, .scale = 2 },
};

static const struct form_def def = {
	"test", "New", "Edit", EE_CONTACT, fields, countof(fields), "Saved.",
	NULL, NULL, NULL, EW_NONE, NULL, FO_NONE,
};

static int
setup_locale(void **state)
{
	(void)state;
	return setlocale(LC_CTYPE, "C.UTF-8") == NULL;
}

static void
keys(struct form *f, const int *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		form_key(f, k[i], 40);
}

static void
type(struct form *f, const char *s)
{
	uint32_t cp;
	int n;

	for (; *s; s += n) {
		n = utf8_decode(s, strlen(s), &cp);
		assert_true(n > 0);
		form_key(f, (int)cp, 40);
	}
}

static bool
on_char_start(const struct textedit *e)
{
	return e->cursor == e->text.len ||
	    ((unsigned char)e->text.data[e->cursor] & 0xc0) != 0x80;
}

static void
test_editing_wide_characters(void **state)
{
	struct textedit e;
	const enum kam_action moves[] = { ACT_CURSOR_LEFT, ACT_CURSOR_LEFT,
	    ACT_CURSOR_RIGHT, ACT_CURSOR_HOME, ACT_CURSOR_RIGHT, ACT_CURSOR_END };

	(void)state;
	textedit_init(&e, 100, false);
	for (const char *s = "Mü漢😀x"; *s; ) {
		uint32_t cp;
		int n = utf8_decode(s, strlen(s), &cp);

		assert_int_equal(textedit_insert(&e, cp), TX_EDITED);
		s += n;
	}
	for (size_t i = 0; i < countof(moves); i++) {
		textedit_act(&e, moves[i]);
		assert_true(on_char_start(&e));
	}
	textedit_act(&e, ACT_CURSOR_LEFT);
	assert_int_equal(textedit_act(&e, ACT_ERASE), TX_EDITED);	/* the emoji */
	assert_string_equal(e.text.data, "Mü漢x");
	assert_int_equal(textedit_act(&e, ACT_DELETE), TX_EDITED);
	assert_string_equal(e.text.data, "Mü漢");
	/* controls and bidi overrides are never text */
	assert_int_equal(textedit_insert(&e, 0x1b), TX_NONE);
	assert_int_equal(textedit_insert(&e, 0x202e), TX_NONE);
	assert_int_equal(textedit_insert(&e, '\n'), TX_NONE);
	/* a narrow view scrolls by whole characters: 漢 takes two columns */
	assert_int_equal(textedit_view(&e, 4), 3);
	assert_true(on_char_start(&e));
	textedit_set(&e, "one two  three");
	assert_int_equal(textedit_act(&e, ACT_ERASE_WORD), TX_EDITED);
	assert_string_equal(e.text.data, "one two  ");
	textedit_act(&e, ACT_CURSOR_LEFT);
	textedit_act(&e, ACT_CURSOR_LEFT);
	textedit_act(&e, ACT_KILL_TO_END);
	assert_string_equal(e.text.data, "one two");
	textedit_act(&e, ACT_KILL_TO_START);
	assert_string_equal(e.text.data, "");
	textedit_free(&e);
}

static void
test_long_text_rows(void **state)
{
	struct textedit e;
	struct tx_row *rows;
	size_t n, col;

	(void)state;
	textedit_init(&e, 1000, true);
	/* 5 columns leave 4 for text: 漢字 fills a row, never half a 漢 */
	textedit_set(&e, "漢字漢字x\nab");
	n = textedit_rows(&e, 5, &rows);
	assert_int_equal(n, 4);
	assert_int_equal(rows[0].end - rows[0].start, 6);
	assert_int_equal(rows[2].end - rows[2].start, 1);
	free(rows);
	/* Up keeps the column as near as characters allow */
	assert_true(textedit_vertical(&e, 5, -1));
	n = textedit_rows(&e, 5, &rows);
	assert_int_equal(textedit_row_of(&e, rows, n, e.cursor, &col), 2);
	assert_int_equal(col, 1);
	free(rows);
	assert_true(textedit_vertical(&e, 5, -1));
	assert_true(on_char_start(&e));
	assert_true(textedit_vertical(&e, 5, -1));
	assert_false(textedit_vertical(&e, 5, -1));
	textedit_free(&e);
}

/* Text from outside stays as it was, but for bytes that are not UTF-8. */
static void
test_clean_untrusted_text(void **state)
{
	struct kam_buf b;
	const char raw[] = "a\r\nb\tc\x1b[31m\xff\xe2\x80\xae" "d\x85";

	(void)state;
	buf_init(&b);
	textedit_clean(&b, raw, sizeof raw - 1);
	assert_string_equal(b.data,
	    "a\r\nb\tc\x1b[31m\xef\xbf\xbd\xe2\x80\xae" "d\xef\xbf\xbd");
	buf_free(&b);
}

/* Editing a long text keeps what the user did not touch: tabs, CR and
 * CR LF, controls and bidi characters (issue 13); they are measured as
 * the sanitiser shows them, so the cursor stays where it is drawn. */
static void
test_untouched_text_kept(void **state)
{
	static const char stored[] = "a\tb\r\nline\rtwo\x1b]52;c;eA==\x07"
	    "\xe2\x80\xae" "end";
	struct tx_row *rows;
	struct textedit e;
	size_t n, col;

	(void)state;
	textedit_init(&e, 1000, true);
	textedit_set(&e, stored);
	assert_string_equal(e.text.data, stored);
	assert_int_equal(textedit_insert(&e, '!'), TX_EDITED);
	assert_int_equal(memcmp(e.text.data, stored, sizeof stored - 1), 0);
	assert_string_equal(e.text.data + sizeof stored - 1, "!");
	textedit_set(&e, "a\tb");		/* shown a^Ib */
	n = textedit_rows(&e, 80, &rows);
	textedit_row_of(&e, rows, n, e.cursor, &col);
	assert_int_equal(col, 4);
	free(rows);
	textedit_set(&e, "\xe2\x80\xae");	/* shown <U+202E> */
	n = textedit_rows(&e, 80, &rows);
	textedit_row_of(&e, rows, n, e.cursor, &col);
	assert_int_equal(col, 8);
	free(rows);
	textedit_free(&e);
}

static void
new_form(struct form *f)
{
	form_init(f, &def, "7", "0f4c8c3e-9a1d-4b5e-8c7d-112233445566", NULL,
	    (time_t)1772371800);	/* 2026-03-01 13:30 UTC */
}

static void
test_moving_between_fields(void **state)
{
	struct form f;
	const int back[] = { K_BTAB, K_BTAB };

	(void)state;
	new_form(&f);
	assert_int_equal(f.focus, 0);
	form_key(&f, '\t', 40);
	assert_int_equal(f.focus, 2);		/* the read-only ERP id is skipped */
	keys(&f, back, countof(back));
	assert_int_equal(f.focus, f.n - 1);	/* round the end */
	form_key(&f, K_DOWN, 40);
	assert_int_equal(f.focus, 0);
	/* in long text Down and Up move between its lines first */
	form_focus(&f, 2);
	type(&f, "one");
	form_key(&f, '\r', 40);
	type(&f, "two");
	assert_string_equal(f.field[2].ed.text.data, "one\ntwo");
	form_key(&f, K_UP, 40);
	assert_int_equal(f.focus, 2);
	form_key(&f, K_UP, 40);
	assert_int_equal(f.focus, 0);
	assert_int_equal(form_key(&f, '\r', 40), FE_SAVE);	/* one line: saves */
	assert_int_equal(form_key(&f, CTRL('s'), 40), FE_SAVE);
	assert_int_equal(form_key(&f, 27, 40), FE_CANCEL);
	form_free(&f);
}

static void
test_choices_and_bools(void **state)
{
	struct form f;

	(void)state;
	new_form(&f);
	form_focus(&f, 3);
	assert_string_equal(form_display(&f.field[3]), "(none)");
	form_key(&f, K_RIGHT, 40);
	assert_string_equal(f.field[3].ed.text.data, "call");
	assert_string_equal(form_display(&f.field[3]), "Call");
	form_key(&f, 'e', 40);			/* a letter jumps */
	assert_string_equal(f.field[3].ed.text.data, "email");
	form_key(&f, K_RIGHT, 40);
	assert_string_equal(f.field[3].ed.text.data, "");	/* round to none */
	form_key(&f, K_LEFT, 40);
	assert_string_equal(f.field[3].ed.text.data, "email");
	form_key(&f, K_BACKSPACE, 40);
	assert_string_equal(f.field[3].ed.text.data, "");
	form_focus(&f, 4);
	assert_string_equal(form_display(&f.field[4]), "no");
	form_key(&f, ' ', 40);
	assert_string_equal(form_display(&f.field[4]), "yes");
	form_key(&f, 'n', 40);
	assert_string_equal(f.field[4].ed.text.data, "f");
	/* the read-only field refuses keys */
	f.focus = 1;
	assert_int_equal(form_key(&f, 'x', 40), FE_REFUSED);
	form_free(&f);
}

/* Puts text into field i and converts it. */
static bool
value(struct form *f, size_t i, const char *text, char **out, struct kam_buf *err)
{
	textedit_set(&f->field[i].ed, text);
	buf_reset(err);
	free(*out);
	*out = NULL;
	return form_value(&f->field[i], f->now, out, err);
}

static void
test_checks_of_every_type(void **state)
{
	struct form f;
	struct kam_buf err;
	char *v = NULL;

	(void)state;
	buf_init(&err);
	new_form(&f);
	assert_false(value(&f, 0, "   ", &v, &err));
	assert_string_equal(err.data, "is required");
	assert_true(value(&f, 0, "  Åsa  ", &v, &err));
	assert_string_equal(v, "Åsa");
	assert_true(value(&f, 5, "", &v, &err));
	assert_null(v);
	assert_false(value(&f, 5, "2026-02-30", &v, &err));
	assert_true(value(&f, 5, "+7d", &v, &err));
	assert_string_equal(v, "2026-03-08");
	assert_false(value(&f, 6, "1,5", &v, &err));
	assert_non_null(strstr(err.data, "point"));
	assert_false(value(&f, 6, "12.345", &v, &err));
	assert_false(value(&f, 6, "-3", &v, &err));
	assert_string_equal(err.data, "cannot be below 0");
	assert_true(value(&f, 6, "-0.00", &v, &err));
	assert_string_equal(v, "0");
	assert_true(value(&f, 6, "000123456.50", &v, &err));
	assert_string_equal(v, "123456.5");
	assert_false(value(&f, 6, "1234567", &v, &err));	/* 8 digits, 2 after */
	assert_false(value(&f, 6, "12e3", &v, &err));
	assert_true(value(&f, 7, "-999.99", &v, &err));
	assert_false(value(&f, 7, "1000", &v, &err));
	assert_false(value(&f, 3, "fax", &v, &err));		/* from a draft */
	assert_false(value(&f, 4, "maybe", &v, &err));
	free(v);
	buf_free(&err);
	form_free(&f);
}

static void
test_datetime_in_the_local_zone(void **state)
{
	static const struct form_field_def when[] = {
		{ "name", "When", FT_DATETIME, FF_REQUIRED, .initial = "now" },
	};
	static const struct form_def wdef = { "when", "W", "W", EE_CONTACT, when,
	    1, "", NULL, NULL, NULL, EW_NONE, NULL, FO_NONE };
	struct form f;
	struct kam_buf err;
	char *v = NULL;

	(void)state;
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	buf_init(&err);
	form_init(&f, &wdef, "1", "k", NULL, (time_t)1772371800);
	assert_string_equal(f.field[0].ed.text.data, "2026-03-01 14:30");
	assert_true(value(&f, 0, "2026-07-01 09:15", &v, &err));
	assert_string_equal(v, "2026-07-01T07:15:00Z");	/* summer time */
	free(v);
	v = form_text_of(&f.field[0], "2026-01-10T08:00:00Z");
	assert_string_equal(v, "2026-01-10 09:00");
	free(v);
	v = NULL;
	assert_false(value(&f, 0, "25:00", &v, &err));
	free(v);
	form_free(&f);
	buf_free(&err);
	unsetenv("TZ");
	tzset();
}

static void
test_dirty_tracking(void **state)
{
	struct form f;
	struct edit_row row;

	(void)state;
	new_form(&f);
	assert_false(form_dirty(&f));
	type(&f, "Jo");
	assert_true(form_dirty(&f));
	form_key(&f, K_BACKSPACE, 40);
	form_key(&f, K_BACKSPACE, 40);
	assert_false(form_dirty(&f));
	/* an edit starts from the row as read */
	edit_row_init(&row, EE_CONTACT);
	edit_str_set(&row.id, "42");
	edit_str_set(&row.version, "3");
	edit_row_set(&row, (size_t)edit_column_find(EE_CONTACT, "name"), "Jana");
	edit_row_set(&row, (size_t)edit_column_find(EE_CONTACT, "phone"), "12.5");
	form_load(&f, &row);
	assert_false(form_dirty(&f));
	assert_string_equal(f.field[0].ed.text.data, "Jana");
	form_key(&f, K_END, 40);
	type(&f, "!");
	assert_true(form_field_dirty(&f.field[0]));
	assert_false(form_field_dirty(&f.field[6]));
	edit_row_free(&row);
	form_free(&f);
}

static void
test_draft_round_trip(void **state)
{
	struct form f, g;
	struct kam_draft d, back;
	struct kam_buf text, err;

	(void)state;
	new_form(&f);
	type(&f, "Zoë \\ 漢");
	form_focus(&f, 2);
	type(&f, "line 1");
	form_key(&f, '\r', 40);
	type(&f, "line 2");
	draft_init(&d);
	buf_init(&text);
	buf_init(&err);
	form_to_draft(&f, &d);
	draft_format(&d, &text);
	assert_true(draft_parse(text.data, text.len, &back, &err));
	new_form(&g);
	assert_true(form_from_draft(&g, &back, &err));
	assert_string_equal(g.field[0].ed.text.data, "Zoë \\ 漢");
	assert_string_equal(g.field[2].ed.text.data, "line 1\nline 2");
	assert_true(form_dirty(&g));
	assert_null(g.row.id);
	form_free(&g);
	/* a draft of another form, or with a damaged id, is refused */
	draft_set(&back, "form", "other");
	new_form(&g);
	assert_false(form_from_draft(&g, &back, &err));
	form_free(&g);
	draft_set(&back, "form", "test");
	draft_set(&back, "id", "1; DROP TABLE x");
	draft_set(&back, "version", "1");
	new_form(&g);
	assert_false(form_from_draft(&g, &back, &err));
	form_free(&g);
	draft_free(&d);
	draft_free(&back);
	buf_free(&text);
	buf_free(&err);
	form_free(&f);
}

static void
test_hostile_draft_fields(void **state)
{
	static const char text[] = "kam-draft 1\nform\ttest\naccount\t7\n"
	    "key\t0f4c8c3e-9a1d-4b5e-8c7d-112233445566\n"
	    "field.name\t\\x1b[2Jevil\\x07\nfield.erp_id\tforged\n"
	    "field.job_title\ta\\nb\\x1b\n";
	struct kam_draft d;
	struct kam_buf err;
	struct form f;

	(void)state;
	buf_init(&err);
	assert_true(draft_parse(text, sizeof text - 1, &d, &err));
	new_form(&f);
	assert_true(form_from_draft(&f, &d, &err));
	/* kept as written, shown safely */
	assert_string_equal(f.field[0].ed.text.data, "\x1b[2Jevil\x07");
	assert_string_equal(f.field[1].ed.text.data, "");	/* read only */
	assert_string_equal(f.field[2].ed.text.data, "a\nb\x1b");
	form_free(&f);
	draft_free(&d);
	buf_free(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_editing_wide_characters),
		cmocka_unit_test(test_long_text_rows),
		cmocka_unit_test(test_clean_untrusted_text),
		cmocka_unit_test(test_untouched_text_kept),
		cmocka_unit_test(test_moving_between_fields),
		cmocka_unit_test(test_choices_and_bools),
		cmocka_unit_test(test_checks_of_every_type),
		cmocka_unit_test(test_datetime_in_the_local_zone),
		cmocka_unit_test(test_dirty_tracking),
		cmocka_unit_test(test_draft_round_trip),
		cmocka_unit_test(test_hostile_draft_fields),
	};

	return cmocka_run_group_tests(tests, setup_locale, NULL);
}
