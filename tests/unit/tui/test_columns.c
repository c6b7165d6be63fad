/* Column widths (issue 12, item 11): identifiers are never cut, free text
 * gives way first, two columns never touch, and what does not fit lies to
 * the right for scrolling rather than being cut. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <locale.h>
#include <cmocka.h>

#include "columns.h"

/* Kind, Number (an identifier), Subject (free), Amount, Status. */
static const struct col_want wants[] = {
	{ 7, 0, COL_WHOLE },
	{ 10, 0, COL_WHOLE },
	{ 40, 0, COL_FREE },
	{ 13, 0, COL_WHOLE },
	{ 7, 0, COL_WHOLE },
};
#define NW (int)(sizeof wants / sizeof wants[0])

static void
lay(struct col_layout *l, const struct col_want *w, int n, int width)
{
	for (int i = 0; i < n; i++)
		l->want[i] = w[i];
	columns_layout(l, n, 1, width);
}

/* Every column placed at least as wide as a whole value asks, one space
 * at least between two, nothing past the right edge. */
static void
assert_sound(const struct col_layout *l, int width)
{
	for (int i = 0; i < l->n; i++) {
		const struct col_place *p = &l->place[i];

		if (l->want[p->col].fit == COL_WHOLE)
			assert_int_equal(p->w, l->want[p->col].natural);
		if (i + 1 < l->n)
			assert_true(p->x + p->w < l->place[i + 1].x);
		assert_true(p->x + p->w <= width);
	}
}

static void
test_all_fit_free_text_takes_the_rest(void **state)
{
	struct col_layout l = { .skip = 0 };

	(void)state;
	lay(&l, wants, NW, 120);
	assert_int_equal(l.n, NW);
	assert_false(l.more_left || l.more_right);
	assert_sound(&l, 120);
	/* 7 + 10 + 13 + 7 and four spaces: the subject has the other 79 */
	assert_int_equal(l.place[2].w, 120 - 41);
	assert_int_equal(l.place[4].x + l.place[4].w, 120);
}

static void
test_free_text_gives_way_first(void **state)
{
	struct col_layout l = { .skip = 0 };

	(void)state;
	lay(&l, wants, NW, 60);
	assert_int_equal(l.n, NW);
	assert_sound(&l, 60);
	assert_int_equal(l.place[1].w, 10);	/* the number, whole */
	assert_int_equal(l.place[2].w, 60 - 41);
}

/* The widest free text narrows first, and none below its least. */
static void
test_widest_free_text_narrows_first(void **state)
{
	struct col_want w[] = {
		{ 30, 0, COL_FREE }, { 12, 0, COL_FREE }, { 10, 0, COL_WHOLE },
	};
	struct col_layout l = { .skip = 0 };

	(void)state;
	lay(&l, w, 3, 40);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.place[1].w, 12);
	assert_int_equal(l.place[0].w, 16);
	lay(&l, w, 3, 30);
	assert_int_equal(l.place[0].w, 9);	/* both narrowed to one width */
	assert_int_equal(l.place[1].w, 9);
	w[0].least = 12;
	lay(&l, w, 3, 36);
	assert_int_equal(l.place[0].w, 12);
	assert_int_equal(l.place[1].w, 12);
}

/* issue 12: at 80x24 order numbers were cut to 8 digits. When whole
 * values alone do not fit, the rest lies to the right: scrolled to, with
 * a marker, never cut; the first column stays. */
static void
test_identifiers_scroll_rather_than_cut(void **state)
{
	struct col_layout l = { .skip = 0 };
	int seen[NW] = { 0 };

	(void)state;
	lay(&l, wants, NW, 40);
	assert_true(l.more_right);
	assert_false(l.more_left);
	assert_sound(&l, 40 - 3);	/* room for " <>" */
	for (int steps = 0; steps < NW && l.more_right; steps++) {
		for (int i = 0; i < l.n; i++)
			seen[l.place[i].col]++;
		columns_scroll(&l, 1);
		lay(&l, wants, NW, 40);
		assert_int_equal(l.place[0].col, 0);	/* held */
		assert_true(l.more_left);
		assert_sound(&l, 40 - 3);
	}
	for (int i = 0; i < l.n; i++)
		seen[l.place[i].col]++;
	assert_false(l.more_right);
	for (int c = 0; c < NW; c++)
		assert_true(seen[c] > 0);
	columns_scroll(&l, 1);	/* at the end: stays */
	lay(&l, wants, NW, 40);
	assert_false(l.more_right);
	while (l.skip > 0) {
		columns_scroll(&l, -1);
		lay(&l, wants, NW, 40);
	}
	assert_false(l.more_left);
	assert_int_equal(l.place[1].col, 1);
}

/* Too narrow for the first column and the next: the next alone. */
static void
test_held_column_gives_way(void **state)
{
	struct col_want w[] = { { 40, 20, COL_FREE }, { 30, 0, COL_WHOLE } };
	struct col_layout l = { .skip = 0 };

	(void)state;
	lay(&l, w, 2, 45);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.place[0].col, 0);
	assert_true(l.more_right);
	columns_scroll(&l, 1);
	lay(&l, w, 2, 45);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.place[0].col, 1);
	assert_int_equal(l.place[0].w, 30);
	assert_true(l.more_left);
	assert_false(l.more_right);
}

static void
test_wide_characters_count_two(void **state)
{
	struct col_layout l = { .skip = 0 };

	(void)state;
	columns_want(&l, 0, "abc", COL_WHOLE, 0);
	assert_int_equal(l.want[0].natural, 3);
	columns_measure(&l, 0, "\xe6\xbc\xa2\xe5\xad\x97 Trading");	/* 漢字 Trading */
	assert_int_equal(l.want[0].natural, 12);
	columns_measure(&l, 0, "ab");
	assert_int_equal(l.want[0].natural, 12);
}

static int
utf8_locale(void **state)
{
	(void)state;
	return setlocale(LC_CTYPE, "C.UTF-8") == NULL;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_fit_free_text_takes_the_rest),
		cmocka_unit_test(test_free_text_gives_way_first),
		cmocka_unit_test(test_widest_free_text_narrows_first),
		cmocka_unit_test(test_identifiers_scroll_rather_than_cut),
		cmocka_unit_test(test_held_column_gives_way),
		cmocka_unit_test(test_wide_characters_count_two),
	};

	return cmocka_run_group_tests(tests, utf8_locale, NULL);
}
