/* The one money formatter (kam/money.h): grouping, the currency after
 * every amount, and the currency codes files may name. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kam/money.h"

static void
test_grouping(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "0", "0" }, { "999.50", "999.50" }, { "1000.00", "1,000.00" },
		{ "1234567.89", "1,234,567.89" }, { "-12345", "-12,345" },
		{ "12.3456", "12.3456" }, { "abc", "abc" }, { "1e5", "1e5" },
		{ "", "" },
	};
	struct kam_buf b;

	(void)state;
	buf_init(&b);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&b);
		money_format(&b, cases[i].in, NULL);
		assert_string_equal(b.data, cases[i].out);
	}
	buf_free(&b);
}

static void
test_currency_follows(void **state)
{
	struct kam_buf b;

	(void)state;
	buf_init(&b);
	money_format(&b, "1234567.50", "KRW");
	assert_string_equal(b.data, "1,234,567.50 KRW");
	buf_reset(&b);
	/* no amount, no currency either: never a lone "EUR" */
	money_format(&b, NULL, "EUR");
	assert_string_equal(b.data, "");
	money_format(&b, "-5", "");
	assert_string_equal(b.data, "-5");
	buf_free(&b);
}

static void
test_known_currencies(void **state)
{
	(void)state;
	assert_true(currency_known("EUR"));
	assert_true(currency_known("KRW"));
	assert_true(currency_known("AED"));
	assert_true(currency_known("ZWL"));
	assert_false(currency_known("XYZ"));
	assert_false(currency_known("eur"));
	assert_false(currency_known("EURO"));
	assert_false(currency_known(""));
	assert_false(currency_known(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grouping),
		cmocka_unit_test(test_currency_follows),
		cmocka_unit_test(test_known_currencies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
