/* The cloud's period and reach without a terminal: ":voc" words, what
 * they ask the database for, and what the title says of them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "voc_state.h"

static char *
day_back(long days)
{
	static char out[DATE_STRLEN];

	date_format(date_add_days(date_today(), -days), out);
	return out;
}

static void
test_voc_words(void **state)
{
	struct voc_state s = { 0 };
	struct kam_user anna = { .team = "north" }, solo = { 0 };
	struct voc_scope sc;
	struct kam_buf err, d;
	char year[DATE_STRLEN];

	(void)state;
	buf_init(&err);
	buf_init(&d);
	/* nothing said: 90 days, everyone */
	voc_state_scope(&s, &anna, &sc);
	assert_string_equal(sc.since, day_back(90));
	assert_null(sc.team);
	assert_false(sc.mine);
	assert_true(voc_state_parse("30d team", &s, &err));
	voc_state_scope(&s, &anna, &sc);
	assert_string_equal(sc.since, day_back(30));
	assert_string_equal(sc.team, "north");
	voc_state_describe(&d, &s, &anna);
	assert_string_equal(d.data + strlen("since ") + 10, " (30d), my team (north)");
	/* a user in no team has only their own accounts */
	voc_state_scope(&s, &solo, &sc);
	assert_null(sc.team);
	assert_true(sc.mine);
	assert_true(voc_state_parse("all mine", &s, &err));
	voc_state_scope(&s, &anna, &sc);
	assert_null(sc.since);
	assert_true(sc.mine);
	assert_true(voc_state_parse("year", &s, &err));
	voc_state_scope(&s, &anna, &sc);
	snprintf(year, sizeof year, "%04d-01-01", date_today().year);
	assert_string_equal(sc.since, year);
	assert_true(sc.mine);	/* the words said leave the rest */
	assert_true(voc_state_parse("2026-01-31 everyone", &s, &err));
	voc_state_scope(&s, &anna, &sc);
	assert_string_equal(sc.since, "2026-01-31");
	assert_false(sc.mine);
	/* a bad word changes nothing */
	assert_false(voc_state_parse("7d teams", &s, &err));
	assert_string_equal(err.data, ":voc takes a period (90d, 6m, year, all, "
	    "a day) and mine, team or everyone; not 'teams'");
	voc_state_scope(&s, &anna, &sc);
	assert_string_equal(sc.since, "2026-01-31");
	buf_reset(&err);
	assert_false(voc_state_parse("90x", &s, &err));
	assert_false(voc_state_parse("123456789012345d", &s, &err));
	buf_free(&err);
	buf_free(&d);
	voc_state_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_voc_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
