#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <locale.h>
#include <string.h>
#include <cmocka.h>

#include "kam/utf8.h"

static int
use_utf8_locale(void **state)
{
	(void)state;
	return setlocale(LC_CTYPE, "C.UTF-8") == NULL;
}

static void
assert_sanitized(const char *in, size_t len, const char *want)
{
	struct kam_buf b;

	buf_init(&b);
	utf8_sanitize(&b, in, len);
	assert_string_equal(b.data, want);
	assert_true(utf8_valid(b.data, b.len));
	buf_free(&b);
}

static void
test_decode(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xc3\xa4", 2, &cp), 2);	/* ä */
	assert_int_equal(cp, 0xe4);
	assert_int_equal(utf8_decode("\xe6\xbc\xa2", 3, &cp), 3);	/* 漢 */
	assert_int_equal(cp, 0x6f22);
	assert_int_equal(utf8_decode("\xf0\x9f\x9a\x80", 4, &cp), 4);	/* 🚀 */
	assert_int_equal(cp, 0x1f680);
}

static void
test_decode_rejects_malformed(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("\xc0\xaf", 2, &cp), -1);	/* overlong / */
	assert_int_equal(utf8_decode("\xe0\x80\xaf", 3, &cp), -1);	/* overlong */
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), -1);	/* surrogate */
	assert_int_equal(utf8_decode("\xf4\x90\x80\x80", 4, &cp), -1);	/* > U+10FFFF */
	assert_int_equal(utf8_decode("\xe6\xbc", 2, &cp), -1);	/* truncated */
	assert_int_equal(utf8_decode("\x80", 1, &cp), -1);	/* lone continuation */
	assert_false(utf8_valid("ok\xff", 3));
	assert_true(utf8_valid("Åhléns AB", strlen("Åhléns AB")));
}

static void
test_sanitize_controls(void **state)
{
	(void)state;
	assert_sanitized("a\x1b[31mred", 9, "a^[[31mred");
	assert_sanitized("line\nnext\ttab\r", 14, "line^Jnext^Itab^M");
	assert_sanitized("nul\0x", 5, "nul^@x");
	assert_sanitized("del\x7f", 4, "del^?");
	assert_sanitized("c1\xc2\x9b" "31m", 7, "c1<U+009B>31m");	/* CSI */
	assert_sanitized("bidi\xe2\x80\xae" "cba", 10, "bidi<U+202E>cba");
	assert_sanitized("iso\xe2\x81\xa6x", 7, "iso<U+2066>x");
	assert_sanitized("bad\xff\xc3", 5, "bad\\xFF\\xC3");
	assert_sanitized("Müller 株式会社 🚀", strlen("Müller 株式会社 🚀"),
	    "Müller 株式会社 🚀");
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("Müller", strlen("Müller")), 6);
	assert_int_equal(utf8_width("株式会社", strlen("株式会社")), 8);
	assert_int_equal(utf8_width("🚀", strlen("🚀")), 2);
	assert_int_equal(utf8_width("e\xcc\x81", 3), 1);	/* e + combining acute */
	assert_int_equal(utf8_width("\x1b", 1), 2);		/* shown as ^[ */
	/* a character's width is that of its visible form, as the editor
	 * must count it */
	assert_int_equal(utf8_cp_width('\t'), 2);		/* ^I */
	assert_int_equal(utf8_cp_width(0x7f), 2);		/* ^? */
	assert_int_equal(utf8_cp_width(0x9b), 8);		/* <U+009B> */
	assert_int_equal(utf8_cp_width(0x202e), 8);		/* <U+202E> */
}

static void
test_fit_never_splits(void **state)
{
	const char *s = "漢字ab";
	size_t used, n;

	(void)state;
	n = utf8_fit(s, strlen(s), 3, &used);	/* 漢 fits, 字 would not */
	assert_int_equal(n, 3);
	assert_int_equal(used, 2);
	n = utf8_fit(s, strlen(s), 5, &used);
	assert_int_equal(n, 7);
	assert_int_equal(used, 5);
	n = utf8_fit(s, strlen(s), 0, &used);
	assert_int_equal(n, 0);
	n = utf8_fit("Åhléns", strlen("Åhléns"), 3, &used);
	assert_int_equal(n, strlen("Åhl"));
}

static void
test_unsafe_set(void **state)
{
	(void)state;
	assert_true(utf8_is_unsafe(0x1b));
	assert_true(utf8_is_unsafe(0x85));
	assert_true(utf8_is_unsafe(0x202e));
	assert_false(utf8_is_unsafe(' '));
	assert_false(utf8_is_unsafe(0xe4));
	assert_false(utf8_is_unsafe(0x200d));	/* ZWJ joins emoji, harmless */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_decode_rejects_malformed),
		cmocka_unit_test(test_sanitize_controls),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit_never_splits),
		cmocka_unit_test(test_unsafe_set),
	};

	return cmocka_run_group_tests(tests, use_utf8_locale, NULL);
}
