/* The table widget without a terminal (fake_screen.c draws): finding,
 * scrolling, an empty table, a single row, and a change of height. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_screen.h"
#include "table.h"
#include "kam/xalloc.h"

enum { F_NAME, F_CITY, NF };

static const struct table_col cols[] = {
	{ "Name", F_NAME, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "City", F_CITY, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
};

/* n rows "name<i>" in "city<i % 7>"; row 57 is "Zebra" in "Oslo". */
static void
fill(struct table *tb, size_t n)
{
	struct acct_rows page = { n, NF, xcalloc(n * NF + 1, sizeof (char *)) };
	char s[32];

	for (size_t i = 0; i < n; i++) {
		snprintf(s, sizeof s, "name%zu", i);
		page.cell[i * NF + F_NAME] = xstrdup(i == 57 ? "Zebra" : s);
		snprintf(s, sizeof s, "city%zu", i % 7);
		page.cell[i * NF + F_CITY] = xstrdup(i == 57 ? "Oslo" : s);
	}
	table_take(tb, &page, 0);
	acct_rows_free(&page);
}

struct fixture {
	struct tui	t;
	struct table	tb;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	fake_screen_tui(&f->t, 80, 24);
	table_init(&f->tb, cols, 2, NULL);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	table_free(&f->tb);
	free(f);
	return 0;
}

/* issue 12: "/x" then Enter on an empty table divided by zero rows */
static void
test_find_in_empty_table(void **state)
{
	struct fixture *f = *state;

	fill(&f->tb, 0);
	assert_false(table_find(&f->tb, "x", 1, true));
	assert_false(table_find(&f->tb, "x", 1, false));
	assert_false(table_find(&f->tb, "x", -1, false));
	assert_int_equal(f->tb.nav.cursor, 0);
	assert_false(table_click(&f->tb, 3));
	assert_false(table_wants_more(&f->tb));
	table_draw(&f->t, &f->tb, 1, 20, "No rows here.");
	assert_true(fake_screen_has("No rows here."));
}

static void
test_loading_before_rows(void **state)
{
	struct fixture *f = *state;

	table_draw(&f->t, &f->tb, 1, 20, "No rows here.");
	assert_true(fake_screen_has("Loading..."));
	assert_false(fake_screen_has("No rows here."));
}

static void
test_one_row(void **state)
{
	struct fixture *f = *state;

	fill(&f->tb, 1);
	assert_true(table_find(&f->tb, "NAME0", 1, true));
	assert_true(table_find(&f->tb, "city0", 1, false));
	assert_true(table_find(&f->tb, "name", -1, false));
	assert_int_equal(f->tb.nav.cursor, 0);
	assert_false(table_find(&f->tb, "nowhere", 1, true));
	table_draw(&f->t, &f->tb, 1, 20, "none");
	assert_non_null(strstr(fake_screen_line(1), "Name"));
	assert_non_null(strstr(fake_screen_line(2), "name0"));
	assert_string_equal(fake_screen_line(3), "");
	assert_true(table_click(&f->tb, 2));	/* on the selected row */
	assert_false(table_click(&f->tb, 3));	/* below the last */
}

static void
test_find_scrolls_and_wraps(void **state)
{
	struct fixture *f = *state;

	fill(&f->tb, 100);
	table_draw(&f->t, &f->tb, 1, 11, "none");	/* 10 rows shown */
	assert_true(table_find(&f->tb, "zebra", 1, true));
	assert_int_equal(f->tb.nav.cursor, 57);
	assert_true(f->tb.nav.top <= 57 && 57 < f->tb.nav.top + 10);
	fake_screen_clear();
	table_draw(&f->t, &f->tb, 1, 11, "none");
	assert_true(fake_screen_has("Zebra"));
	assert_false(fake_screen_has("name0 "));
	/* from the cursor on: the next match, wrapping past the end */
	assert_true(table_find(&f->tb, "city6", 1, false));
	assert_int_equal(f->tb.nav.cursor, 62);
	listnav_set(&f->tb.nav, 99);
	assert_true(table_find(&f->tb, "city0", 1, false));
	assert_int_equal(f->tb.nav.cursor, 0);
	assert_true(table_find(&f->tb, "oslo", -1, false));
	assert_int_equal(f->tb.nav.cursor, 57);
	/* here: the cursor's own row first */
	assert_true(table_find(&f->tb, "oslo", 1, true));
	assert_int_equal(f->tb.nav.cursor, 57);
}

static void
test_scroll_by_actions(void **state)
{
	struct fixture *f = *state;

	fill(&f->tb, 100);
	table_draw(&f->t, &f->tb, 1, 11, "none");
	listnav_act(&f->tb.nav, ACT_MOVE_LAST);
	assert_int_equal(f->tb.nav.cursor, 99);
	assert_int_equal(f->tb.nav.top, 90);
	fake_screen_clear();
	table_draw(&f->t, &f->tb, 1, 11, "none");
	assert_non_null(strstr(fake_screen_line(11), "name99"));
	listnav_act(&f->tb.nav, ACT_MOVE_FIRST);
	assert_int_equal(f->tb.nav.top, 0);
}

/* A smaller window keeps the cursor in view; a larger one shows more. */
static void
test_resize_keeps_cursor_in_view(void **state)
{
	struct fixture *f = *state;

	fill(&f->tb, 100);
	table_draw(&f->t, &f->tb, 1, 31, "none");
	listnav_set(&f->tb.nav, 25);
	table_draw(&f->t, &f->tb, 1, 6, "none");	/* 5 rows */
	assert_int_equal(f->tb.nav.height, 5);
	assert_true(f->tb.nav.top <= 25 && 25 < f->tb.nav.top + 5);
	f->t.cols = 120;
	fake_screen_clear();
	table_draw(&f->t, &f->tb, 1, 31, "none");
	assert_int_equal(f->tb.nav.height, 30);
	assert_int_equal(f->tb.nav.cursor, 25);
	/* the flexible column takes the wider screen; City stays right */
	assert_non_null(strstr(fake_screen_line(1), "City"));
	assert_true(strstr(fake_screen_line(1), "City") - fake_screen_line(1) > 90);
}

static void
test_pages_append(void **state)
{
	struct fixture *f = *state;
	/* as acct_rows_recv makes it */
	struct acct_rows page = { 0, NF, xcalloc(1, sizeof (char *)) };

	table_draw(&f->t, &f->tb, 1, 11, "none");
	fill(&f->tb, 50);
	f->tb.more = true;
	listnav_set(&f->tb.nav, 35);
	assert_true(table_wants_more(&f->tb));
	table_take(&f->tb, &page, 50);	/* an empty page: the end */
	assert_false(f->tb.more);
	assert_false(table_wants_more(&f->tb));
	assert_int_equal(f->tb.nav.n, 50);
}

/* rows named from name<first> on, as a page of size n */
static struct acct_rows
page_from(size_t first, size_t n)
{
	struct acct_rows page = { n, NF, xcalloc(n * NF + 1, sizeof (char *)) };
	char s[32];

	for (size_t i = 0; i < n; i++) {
		snprintf(s, sizeof s, "name%zu", first + i);
		page.cell[i * NF + F_NAME] = xstrdup(s);
	}
	return page;
}

/* issue 18: G on a long agenda reads the last page alone, the cursor on
 * its last row; climbing reads the page before, the cursor staying on
 * its row; a page that comes short is the first. */
static void
test_last_page_then_before(void **state)
{
	struct fixture *f = *state;
	struct acct_rows page = page_from(950, 50);
	struct kam_buf st;

	table_draw(&f->t, &f->tb, 1, 11, "none");
	f->tb.from_end = 1;
	f->tb.backwards = true;
	table_take_before(&f->tb, &page, 50);
	acct_rows_free(&page);
	assert_int_equal(f->tb.nav.n, 50);
	assert_int_equal(f->tb.nav.cursor, 49);
	assert_string_equal(acct_rows_get(&f->tb.rows, 49, F_NAME), "name999");
	assert_true(f->tb.head_missing);
	assert_false(f->tb.more);
	buf_init(&st);
	table_status(&f->tb, "Agenda", &st);
	assert_string_equal(st.data, " Agenda: row 50 of the last 50");
	buf_free(&st);
	assert_false(table_wants_before(&f->tb));
	listnav_set(&f->tb.nav, 2);
	assert_true(table_wants_before(&f->tb));
	page = page_from(930, 20);	/* short: the first rows of all */
	f->tb.backwards = true;
	table_take_before(&f->tb, &page, 50);
	acct_rows_free(&page);
	assert_int_equal(f->tb.nav.n, 70);
	assert_int_equal(f->tb.nav.cursor, 22);
	assert_string_equal(acct_rows_get(&f->tb.rows, 22, F_NAME), "name952");
	assert_string_equal(acct_rows_get(&f->tb.rows, 0, F_NAME), "name930");
	assert_false(f->tb.head_missing);
	assert_false(table_wants_before(&f->tb));
}

/* issue 12: at 80x24 three different orders read "10000392". The
 * number is whole, the free text gives way with an ellipsis, one space
 * parts them; too narrow for both, the rest lies to the right. */
static void
test_identifier_whole_free_text_cut(void **state)
{
	static const struct table_col ident_cols[] = {
		{ "Subject", F_NAME, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
		{ "Number", F_CITY, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	};
	struct fixture *f = *state;
	struct acct_rows page = { 2, NF, xcalloc(2 * NF + 1, sizeof (char *)) };

	table_init(&f->tb, ident_cols, 2, NULL);
	page.cell[F_NAME] = xstrdup("A subject far too long for the room it gets");
	page.cell[F_CITY] = xstrdup("1000039217");
	page.cell[NF + F_NAME] = xstrdup("Short");
	page.cell[NF + F_CITY] = xstrdup("1000039218");
	table_take(&f->tb, &page, 0);
	acct_rows_free(&page);
	f->t.cols = 30;
	table_draw(&f->t, &f->tb, 1, 5, "none");
	assert_string_equal(fake_screen_line(2),
	    "A subject far too \xe2\x80\xa6 1000039217");
	assert_string_equal(fake_screen_line(3), "Short               1000039218");
	/* 15 columns: the subject at its least, the number off the edge */
	f->t.cols = 15;
	fake_screen_clear();
	table_draw(&f->t, &f->tb, 1, 5, "none");
	assert_string_equal(fake_screen_line(1), "Subject       >");
	assert_false(fake_screen_has("10000392"));
	assert_true(table_scroll(&f->tb, ACT_SCROLL_RIGHT));
	fake_screen_clear();
	table_draw(&f->t, &f->tb, 1, 5, "none");
	assert_true(fake_screen_has("1000039217"));
	assert_false(table_scroll(&f->tb, ACT_MOVE_DOWN));
}

/* A reload after a row came in above the cursor (a change elsewhere,
 * live screens): the cursor stays on its row by its id, not its line;
 * a row that has gone leaves it on its line. */
static void
test_reload_keeps_the_row(void **state)
{
	struct fixture *f = *state;
	struct acct_rows page = { 4, NF, xcalloc(4 * NF + 1, sizeof (char *)) };
	static const char *const names[] = { "new", "name0", "name1", "name2" };

	table_set_key(&f->tb, F_NAME);
	fill(&f->tb, 3);
	listnav_act(&f->tb.nav, ACT_MOVE_DOWN);	/* on name1 */
	table_clear(&f->tb);
	for (size_t i = 0; i < 4; i++) {
		page.cell[i * NF + F_NAME] = xstrdup(names[i]);
		page.cell[i * NF + F_CITY] = xstrdup("x");
	}
	table_take(&f->tb, &page, 0);
	acct_rows_free(&page);
	assert_string_equal(acct_rows_get(&f->tb.rows, f->tb.nav.cursor, F_NAME),
	    "name1");
	/* gone: back to its line */
	listnav_act(&f->tb.nav, ACT_MOVE_FIRST);	/* on "new" */
	table_clear(&f->tb);
	fill(&f->tb, 3);
	assert_int_equal(f->tb.nav.cursor, 0);
}

/* table_cursor_moved: the first rows, a move, no move, a reload that
 * keeps the row (not moved), one that loses it (moved), and none. */
static void
test_cursor_moved(void **state)
{
	struct fixture *f = *state;

	table_set_key(&f->tb, F_NAME);
	assert_true(table_cursor_moved(&f->tb));	/* no rows yet: first look */
	assert_false(table_cursor_moved(&f->tb));
	fill(&f->tb, 3);
	assert_true(table_cursor_moved(&f->tb));	/* onto name0 */
	assert_false(table_cursor_moved(&f->tb));
	listnav_act(&f->tb.nav, ACT_MOVE_DOWN);
	listnav_act(&f->tb.nav, ACT_MOVE_UP);
	assert_false(table_cursor_moved(&f->tb));	/* back where it was */
	listnav_act(&f->tb.nav, ACT_MOVE_DOWN);
	assert_true(table_cursor_moved(&f->tb));	/* onto name1 */
	table_clear(&f->tb);
	fill(&f->tb, 3);
	assert_false(table_cursor_moved(&f->tb));	/* the same row again */
	table_restart(&f->tb);
	assert_true(table_cursor_moved(&f->tb));	/* no row */
}

/* A page of rows "name<first>" ... for a table read 50 at a time. */
static void
take_page(struct table *tb, size_t first, size_t n)
{
	struct acct_rows page = { n, NF, xcalloc(n * NF + 1, sizeof (char *)) };
	char s[32];

	for (size_t i = 0; i < n; i++) {
		snprintf(s, sizeof s, "name%zu", first + i);
		page.cell[i * NF + F_NAME] = xstrdup(s);
		page.cell[i * NF + F_CITY] = xstrdup("x");
	}
	table_take(tb, &page, 50);
	acct_rows_free(&page);
}

/* A reload of a table read a page at a time, the cursor on its second
 * page: the pages come again until its row is there. */
static void
test_reload_reads_on_to_the_row(void **state)
{
	struct fixture *f = *state;

	table_set_key(&f->tb, F_NAME);
	take_page(&f->tb, 0, 50);
	take_page(&f->tb, 50, 50);
	f->tb.nav.cursor = 70;
	table_clear(&f->tb);
	take_page(&f->tb, 0, 50);
	assert_true(table_restoring(&f->tb));
	take_page(&f->tb, 50, 50);
	assert_false(table_restoring(&f->tb));
	assert_string_equal(acct_rows_get(&f->tb.rows, f->tb.nav.cursor, F_NAME),
	    "name70");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_identifier_whole_free_text_cut,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_in_empty_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_page_then_before, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_loading_before_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_scrolls_and_wraps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scroll_by_actions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resize_keeps_cursor_in_view, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_pages_append, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reload_keeps_the_row, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reload_reads_on_to_the_row, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cursor_moved, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
