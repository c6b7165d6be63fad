#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "erp_decimal.h"

/* The normalised text, or "!why". */
static const char *
dec(const char *in, int scale, int int_digits, bool neg)
{
	static char out[300];
	struct kam_buf b;
	const char *why;

	buf_init(&b);
	if (erp_decimal(in, scale, int_digits, neg, &b, &why))
		snprintf(out, sizeof out, "%s", b.data);
	else
		snprintf(out, sizeof out, "!%s", why);
	buf_free(&b);
	return out;
}

static void
test_plain_and_padded(void **state)
{
	(void)state;
	assert_string_equal(dec("1234.5", 2, 14, true), "1234.50");
	assert_string_equal(dec("1234.50000000", 2, 14, true), "1234.50");
	assert_string_equal(dec("0", 2, 14, true), "0.00");
	assert_string_equal(dec("-0.00", 2, 14, false), "0.00");
	assert_string_equal(dec("007", 2, 14, true), "7.00");
	assert_string_equal(dec(".5", 2, 14, true), "0.50");
	assert_string_equal(dec("+3", 0, 14, true), "3");
	assert_string_equal(dec("99999999999999.99", 2, 14, true),
	    "99999999999999.99");
}

static void
test_rounding_half_away_from_zero(void **state)
{
	(void)state;
	assert_string_equal(dec("1.005", 2, 14, true), "1.01");
	assert_string_equal(dec("1.004999", 2, 14, true), "1.00");
	assert_string_equal(dec("-1.005", 2, 14, true), "-1.01");
	assert_string_equal(dec("9.995", 2, 14, true), "10.00");
	assert_string_equal(dec("-0.004", 2, 14, true), "0.00");
	assert_string_equal(dec("99999999999999.995", 2, 14, true), "!is too large");
}

static void
test_exponents(void **state)
{
	(void)state;
	assert_string_equal(dec("1.5E+3", 2, 14, true), "1500.00");
	assert_string_equal(dec("12345e-4", 2, 14, true), "1.23");
	assert_string_equal(dec("1e-500", 2, 14, true), "0.00");
	assert_string_equal(dec("1e500", 2, 14, true), "!is too large");
	assert_string_equal(dec("1e99999999999999999999", 2, 14, true), "!is too large");
	assert_string_equal(dec("1e14", 2, 14, true), "!is too large");
	assert_string_equal(dec("1e13", 2, 14, true), "10000000000000.00");
}

static void
test_refusals(void **state)
{
	(void)state;
	assert_string_equal(dec("", 2, 14, true), "!is not a decimal number");
	assert_string_equal(dec("1,5", 2, 14, true), "!is not a decimal number");
	assert_string_equal(dec("1.2.3", 2, 14, true), "!is not a decimal number");
	assert_string_equal(dec(" 1", 2, 14, true), "!is not a decimal number");
	assert_string_equal(dec("NaN", 2, 14, true), "!is not a decimal number");
	assert_string_equal(dec("Infinity", 2, 14, true), "!is not a decimal number");
	assert_string_equal(dec("1e", 2, 14, true), "!is not a decimal number");
	assert_string_equal(dec(".", 2, 14, true), "!is not a decimal number");
	assert_string_equal(dec("-5", 2, 14, false), "!is negative");
	assert_string_equal(dec("123456789012345", 2, 14, true), "!is too large");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_padded),
		cmocka_unit_test(test_rounding_half_away_from_zero),
		cmocka_unit_test(test_exponents),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
