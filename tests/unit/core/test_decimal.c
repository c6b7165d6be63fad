/* The one decimal reader (kam/decimal.h) at its edges: signs, zeros,
 * points, exponents, and the three syntaxes that forms, the ERP and JSON
 * use. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "kam/decimal.h"

/* The parts as "-int.frac e<exp>" ("" int or frac kept visible), or
 * "!" when refused. */
static const char *
parts(const char *in, enum decimal_syntax syntax)
{
	static char out[256];
	struct decimal d;

	if (!decimal_parse(in, strlen(in), syntax, &d))
		return "!";
	snprintf(out, sizeof out, "%s%.*s.%.*s e%ld", d.negative ? "-" : "",
	    (int)d.nint, d.int_digits, (int)d.nfrac, d.frac_digits, d.exponent);
	return out;
}

static const char *
plain(const char *in)
{
	return parts(in, DECIMAL_PLAIN);
}

static const char *
expo(const char *in)
{
	return parts(in, DECIMAL_EXPONENT);
}

static const char *
json(const char *in)
{
	return parts(in, DECIMAL_JSON);
}

static void
test_signs(void **state)
{
	(void)state;
	assert_string_equal(plain("12"), "12. e0");
	assert_string_equal(plain("-12"), "-12. e0");
	assert_string_equal(plain("+12"), "12. e0");
	assert_string_equal(plain("-"), "!");
	assert_string_equal(plain("+"), "!");
	assert_string_equal(plain("--1"), "!");
	assert_string_equal(plain("+-1"), "!");
	assert_string_equal(plain("1-"), "!");
	/* a zero is never negative, however it is written */
	assert_string_equal(plain("-0"), ". e0");
	assert_string_equal(plain("-0.000"), ". e0");
	assert_string_equal(plain("-.0"), ". e0");
	assert_string_equal(expo("-0e5"), ". e5");
	assert_string_equal(json("-0"), ". e0");
	/* JSON has no plus sign */
	assert_string_equal(json("+1"), "!");
	assert_string_equal(json("-1"), "-1. e0");
}

static void
test_zeros_and_points(void **state)
{
	(void)state;
	assert_string_equal(plain("007"), "7. e0");
	assert_string_equal(plain("1234.50"), "1234.5 e0");
	assert_string_equal(plain("0.50"), ".5 e0");
	assert_string_equal(plain("100"), "100. e0");
	assert_string_equal(plain("100.000"), "100. e0");
	assert_string_equal(plain(".5"), ".5 e0");
	assert_string_equal(plain("5."), "5. e0");
	assert_string_equal(plain("0"), ". e0");
	assert_string_equal(plain("."), "!");
	assert_string_equal(plain(""), "!");
	assert_string_equal(plain("1.2.3"), "!");
	assert_string_equal(plain("1..2"), "!");
}

/* Nothing else is a number: no spaces, no separators, no words. */
static void
test_nothing_around(void **state)
{
	(void)state;
	assert_string_equal(plain(" 1"), "!");
	assert_string_equal(plain("1 "), "!");
	assert_string_equal(plain("1,5"), "!");
	assert_string_equal(plain("1,500,000"), "!");
	assert_string_equal(plain("1_000"), "!");
	assert_string_equal(plain("0x10"), "!");
	assert_string_equal(expo("NaN"), "!");
	assert_string_equal(expo("Infinity"), "!");
	assert_string_equal(json("-Infinity"), "!");
	assert_string_equal(plain("١٢"), "!");	/* Arabic-Indic digits */
}

static void
test_exponents(void **state)
{
	(void)state;
	assert_string_equal(expo("1.5E+3"), "1.5 e3");
	assert_string_equal(expo("1.5e3"), "1.5 e3");
	assert_string_equal(expo("12345e-4"), "12345. e-4");
	assert_string_equal(expo(".5e1"), ".5 e1");
	assert_string_equal(expo("5.e1"), "5. e1");
	assert_string_equal(expo("1e"), "!");
	assert_string_equal(expo("1e+"), "!");
	assert_string_equal(expo("1e-"), "!");
	assert_string_equal(expo("e5"), "!");
	assert_string_equal(expo(".e5"), "!");
	assert_string_equal(expo("1e5.5"), "!");
	assert_string_equal(expo("1e5e5"), "!");
	assert_string_equal(expo("1e007"), "1. e7");
	/* saturated, never overflowing */
	assert_string_equal(expo("1e99999999999999999999999"), "1. e100000");
	assert_string_equal(expo("1e-99999999999999999999999"), "1. e-100000");
	assert_string_equal(expo("1e100000"), "1. e100000");
	/* typed numbers take no exponent */
	assert_string_equal(plain("1e3"), "!");
	assert_string_equal(plain("1E3"), "!");
}

/* RFC 8259, section 6. */
static void
test_json_grammar(void **state)
{
	(void)state;
	assert_string_equal(json("0"), ". e0");
	assert_string_equal(json("10"), "10. e0");
	assert_string_equal(json("0.5e-3"), ".5 e-3");
	assert_string_equal(json("1E+2"), "1. e2");
	assert_string_equal(json("01"), "!");
	assert_string_equal(json("-01"), "!");
	assert_string_equal(json("00"), "!");
	assert_string_equal(json(".5"), "!");
	assert_string_equal(json("-.5"), "!");
	assert_string_equal(json("5."), "!");
	assert_string_equal(json("5.e3"), "!");
	assert_string_equal(json("-"), "!");
	assert_string_equal(json(""), "!");
}

/* The text is len bytes, not up to a NUL: JSON numbers sit inside a
 * document, exported values inside a row. */
static void
test_length_bounds_the_text(void **state)
{
	struct decimal d;

	(void)state;
	assert_true(decimal_parse("12,", 2, DECIMAL_JSON, &d));
	assert_int_equal(d.nint, 2);
	assert_false(decimal_parse("12,", 3, DECIMAL_JSON, &d));
	assert_false(decimal_parse("1\0002", 3, DECIMAL_PLAIN, &d));
	assert_false(decimal_parse("1", 0, DECIMAL_PLAIN, &d));
	assert_true(decimal_parse("1e5", 1, DECIMAL_EXPONENT, &d));
	assert_int_equal(d.exponent, 0);
	assert_false(decimal_parse("1e5", 2, DECIMAL_EXPONENT, NULL));
	assert_true(decimal_parse("-7", 2, DECIMAL_JSON, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signs),
		cmocka_unit_test(test_zeros_and_points),
		cmocka_unit_test(test_nothing_around),
		cmocka_unit_test(test_exponents),
		cmocka_unit_test(test_json_grammar),
		cmocka_unit_test(test_length_bounds_the_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
