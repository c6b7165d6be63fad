#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "kam/date.h"

static const struct kam_date today = { 2026, 11, 22 };

static void
assert_date(struct kam_date d, const char *want)
{
	char s[DATE_STRLEN];

	date_format(d, s);
	assert_string_equal(s, want);
}

static void
test_iso_valid_and_invalid(void **state)
{
	struct kam_date d;

	(void)state;
	assert_true(date_parse_iso("2024-02-29", &d));
	assert_date(d, "2024-02-29");
	assert_false(date_parse_iso("2023-02-29", &d));	/* not a leap year */
	assert_false(date_parse_iso("1900-02-29", &d));	/* century rule */
	assert_true(date_parse_iso("2000-02-29", &d));	/* 400 rule */
	assert_false(date_parse_iso("2026-13-01", &d));
	assert_false(date_parse_iso("2026-04-31", &d));
	assert_false(date_parse_iso("2026-4-01", &d));
	assert_false(date_parse_iso("2026-04-01x", &d));
	assert_false(date_parse_iso("", &d));
	assert_false(date_parse_iso("0000-01-01", &d));
}

static void
test_days_round_trip(void **state)
{
	struct kam_date epoch = { 1970, 1, 1 };

	(void)state;
	assert_int_equal(date_to_days(epoch), 0);
	assert_date(date_from_days(-1), "1969-12-31");
	assert_date(date_from_days(date_to_days(today)), "2026-11-22");
	for (long n = -800000; n < 800000; n += 997)
		assert_int_equal(date_to_days(date_from_days(n)), n);
}

static void
test_arithmetic(void **state)
{
	struct kam_date jan31 = { 2024, 1, 31 };

	(void)state;
	assert_date(date_add_days(today, 40), "2027-01-01");
	assert_date(date_add_months(jan31, 1), "2024-02-29");	/* clamped */
	assert_date(date_add_months(jan31, -2), "2023-11-30");
	assert_date(date_add_months(jan31, 12), "2025-01-31");
	assert_int_equal(date_days_in_month(2026, 2), 28);
	assert_int_equal(date_days_in_month(2026, 13), 0);
}

static void
test_relative_forms(void **state)
{
	struct kam_date d;

	(void)state;
	assert_true(date_parse("today", &today, &d));
	assert_date(d, "2026-11-22");
	assert_true(date_parse("yesterday", &today, &d));
	assert_date(d, "2026-11-21");
	assert_true(date_parse("tomorrow", &today, &d));
	assert_date(d, "2026-11-23");
	assert_true(date_parse("+30d", &today, &d));
	assert_date(d, "2026-12-22");
	assert_true(date_parse("-2w", &today, &d));
	assert_date(d, "2026-11-08");
	assert_true(date_parse("-1m", &today, &d));
	assert_date(d, "2026-10-22");
	assert_true(date_parse("+1y", &today, &d));
	assert_date(d, "2027-11-22");
	assert_false(date_parse("+d", &today, &d));
	assert_false(date_parse("+3x", &today, &d));
	assert_false(date_parse("+3dd", &today, &d));
	assert_false(date_parse("+999999999999d", &today, &d));
	assert_false(date_parse("soon", &today, &d));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso_valid_and_invalid),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_arithmetic),
		cmocka_unit_test(test_relative_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
