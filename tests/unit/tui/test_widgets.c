/* The card, the line editor, the pager and the small charts without a
 * terminal: their state driven by actions, their drawing read back from
 * fake_screen.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "card.h"
#include "fake_screen.h"
#include "pager.h"
#include "kam/spark.h"
#include "textedit.h"
#include "kam/xalloc.h"

static void
test_card_lines_and_headings(void **state)
{
	struct tui t;
	struct card c;

	(void)state;
	fake_screen_tui(&t, 80, 24);
	card_init(&c);
	card_heading(&c, "Master data");
	card_add(&c, "Tier", "key", TE_NORMAL);
	card_add(&c, "Notes", "first line\nsecond line", TE_NORMAL);
	card_add(&c, "Empty", "", TE_NORMAL);	/* left out */
	card_add(&c, "None", NULL, TE_NORMAL);	/* left out */
	assert_int_equal(c.nav.n, 4);
	assert_null(c.lines[0].label);
	assert_string_equal(c.lines[3].label, "");	/* a value's next line */
	assert_string_equal(c.lines[3].value, "second line");
	card_draw(&t, &c, 1, 10);
	assert_true(fake_screen_has("Loading..."));	/* not loaded yet */
	c.loaded = true;
	fake_screen_clear();
	card_draw(&t, &c, 1, 10);
	assert_string_equal(fake_screen_line(1), " Master data");
	assert_non_null(strstr(fake_screen_line(2), "Tier"));
	assert_non_null(strstr(fake_screen_line(2), "key"));
	assert_non_null(strstr(fake_screen_line(4), "second line"));
	card_clear(&c);
	assert_int_equal(c.nav.n, 0);
	assert_false(c.loaded);
}

static void
test_card_find_and_scroll(void **state)
{
	struct tui t;
	struct card c;
	char label[16];

	(void)state;
	fake_screen_tui(&t, 80, 24);
	card_init(&c);
	assert_false(card_find(&c, "x", 1));	/* an empty card */
	for (int i = 0; i < 40; i++) {
		snprintf(label, sizeof label, "Field %d", i);
		card_add(&c, label, i == 30 ? "Stockholm" : "value", TE_NORMAL);
	}
	c.loaded = true;
	card_draw(&t, &c, 1, 10);
	assert_true(card_find(&c, "stockholm", 1));
	assert_int_equal(c.nav.top, 30);
	fake_screen_clear();
	card_draw(&t, &c, 1, 10);
	assert_non_null(strstr(fake_screen_line(1), "Stockholm"));
	assert_true(card_find(&c, "field 2", -1));	/* labels count too */
	assert_int_equal(c.nav.top, 29);
	assert_false(card_find(&c, "Oslo", 1));
	listnav_act(&c.nav, ACT_MOVE_LAST);
	assert_int_equal(c.nav.top, 30);		/* the last page */
	card_draw(&t, &c, 1, 40);			/* a taller window */
	assert_int_equal(c.nav.top, 0);
	card_clear(&c);
}

static void
type(struct textedit *e, const char *s)
{
	for (; *s; s++)
		assert_int_equal(textedit_insert(e, (uint32_t)(unsigned char)*s),
		    TX_EDITED);
}

static void
test_line_editor_kills_and_words(void **state)
{
	struct textedit e;

	(void)state;
	textedit_init(&e, 100, false);
	type(&e, "send the offer");
	assert_int_equal(textedit_act(&e, ACT_ERASE_WORD), TX_EDITED);
	assert_string_equal(e.text.data, "send the ");
	assert_int_equal(textedit_act(&e, ACT_CURSOR_HOME), TX_MOVED);
	assert_int_equal(e.cursor, 0);
	assert_int_equal(textedit_act(&e, ACT_ERASE), TX_NONE);	/* at the start */
	textedit_act(&e, ACT_CURSOR_RIGHT);
	textedit_act(&e, ACT_KILL_TO_END);
	assert_string_equal(e.text.data, "s");
	textedit_act(&e, ACT_CURSOR_END);
	type(&e, "ee");
	textedit_act(&e, ACT_KILL_TO_START);
	assert_string_equal(e.text.data, "");
	assert_int_equal(e.cursor, 0);
	textedit_free(&e);
}

static void
test_line_editor_limits(void **state)
{
	struct textedit e;

	(void)state;
	textedit_init(&e, 4, false);
	type(&e, "abcd");
	assert_int_equal(textedit_insert(&e, 'e'), TX_NONE);	/* max bytes */
	assert_int_equal(textedit_insert(&e, '\n'), TX_NONE);	/* one line */
	textedit_set(&e, "a\tb\nc");
	/* stored text is kept as it was (issue 13), only cut to the limit */
	assert_string_equal(e.text.data, "a\tb\n");
	textedit_free(&e);
	textedit_init(&e, 100, true);
	assert_int_equal(textedit_insert(&e, '\n'), TX_EDITED);
	assert_int_equal(textedit_insert(&e, 0x202e), TX_NONE);	/* bidi */
	textedit_free(&e);
}

/* One line narrower than the text: the view follows the cursor. */
static void
test_line_editor_view_scrolls(void **state)
{
	struct textedit e;
	size_t col;

	(void)state;
	textedit_init(&e, 100, false);
	type(&e, "0123456789abcdefghij");
	col = textedit_view(&e, 10);
	assert_true(e.scroll > 0);
	assert_true(col < 10);
	assert_int_equal(e.scroll + col, e.cursor);
	textedit_act(&e, ACT_CURSOR_HOME);
	assert_int_equal(textedit_view(&e, 10), 0);
	assert_int_equal(e.scroll, 0);
	textedit_free(&e);
}

static char **
lines_of(int n)
{
	char **l = xcalloc((size_t)n + 1, sizeof *l);
	char s[32];

	for (int i = 0; i < n; i++) {
		snprintf(s, sizeof s, i == 42 ? "the answer %d" : "line %d", i);
		l[i] = xstrdup(s);
	}
	return l;
}

static void
test_pager_moves_and_finds(void **state)
{
	struct tui t;
	struct view *v;
	struct kam_buf status;

	(void)state;
	fake_screen_tui(&t, 80, 24);
	buf_init(&status);
	v = view_pager_new(&t, "Entry", lines_of(100), 100);
	assert_true(pager_is(v));
	v->ops->draw(v, &t, 1, 20);
	assert_string_equal(fake_screen_line(1), "line 0");
	assert_true(v->ops->action(v, &t, ACT_MOVE_PAGE_DOWN));
	assert_false(v->ops->action(v, &t, ACT_FORM_EDIT));
	v->ops->status(v, &t, &status);
	assert_string_equal(status.data, " lines 21-40 of 100");
	t.search = xstrdup("ANSWER");
	v->ops->search(v, &t, t.search, false);
	fake_screen_clear();
	v->ops->draw(v, &t, 1, 20);
	assert_string_equal(fake_screen_line(1), "the answer 42");
	assert_true(v->ops->search_next(v, &t, 1));	/* the only one, again */
	free(t.search);
	t.search = xstrdup("nowhere");
	assert_false(v->ops->search_next(v, &t, -1));
	v->ops->action(v, &t, ACT_MOVE_LAST);
	buf_reset(&status);
	v->ops->status(v, &t, &status);
	assert_string_equal(status.data, " lines 81-100 of 100");
	buf_free(&status);
	free(t.search);
	v->ops->free(v);
}

static void
test_empty_pager(void **state)
{
	struct tui t;
	struct view *v;

	(void)state;
	fake_screen_tui(&t, 80, 24);
	v = view_pager_new(&t, "Nothing", lines_of(0), 0);
	t.search = xstrdup("x");
	v->ops->search(v, &t, "x", false);
	assert_false(v->ops->search_next(v, &t, 1));
	v->ops->action(v, &t, ACT_MOVE_LAST);
	v->ops->draw(v, &t, 1, 20);
	assert_string_equal(fake_screen_line(1), "");
	free(t.search);
	v->ops->free(v);
}

static void
test_sparkline_and_bar(void **state)
{
	struct kam_buf b;

	(void)state;
	buf_init(&b);
	spark_line(&b, "07 3x", true);
	assert_string_equal(b.data, "\u2581\u2588 \u2584 ");
	buf_reset(&b);
	spark_line(&b, "07 3x", false);
	assert_string_equal(b.data, "_# : ");
	buf_reset(&b);
	spark_line(&b, NULL, false);
	assert_string_equal(b.data, "");
	spark_bar(&b, "74", 8, false);
	assert_string_equal(b.data, "#####... 74%");
	buf_reset(&b);
	spark_bar(&b, "250", 4, true);	/* full beyond 100 */
	assert_string_equal(b.data, "\u2588\u2588\u2588\u2588 250%");
	buf_reset(&b);
	spark_bar(&b, "-5", 4, false);
	assert_string_equal(b.data, ".... -5%");
	buf_reset(&b);
	spark_bar(&b, "7.5", 4, false);	/* not a whole number: nothing */
	spark_bar(&b, NULL, 4, false);
	assert_string_equal(b.data, "");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_card_lines_and_headings),
		cmocka_unit_test(test_card_find_and_scroll),
		cmocka_unit_test(test_line_editor_kills_and_words),
		cmocka_unit_test(test_line_editor_limits),
		cmocka_unit_test(test_line_editor_view_scrolls),
		cmocka_unit_test(test_pager_moves_and_finds),
		cmocka_unit_test(test_empty_pager),
		cmocka_unit_test(test_sparkline_and_bar),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
