/* What reaches the screen: sanitised, exact widths with wide characters,
 * cut without splitting one; wrapping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <locale.h>
#include <string.h>
#include <cmocka.h>

#include "text.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

static int
utf8_locale(void **state)
{
	(void)state;
	return setlocale(LC_CTYPE, "C.UTF-8") == NULL;
}

static void
assert_fit(const char *in, size_t cols, enum text_align align, const char *want)
{
	struct kam_buf b;

	buf_init(&b);
	text_fit(&b, in, cols, align);
	assert_string_equal(b.data, want);
	assert_int_equal(text_width(b.data), cols);
	assert_true(utf8_valid(b.data, b.len));
	buf_free(&b);
}

static void
test_fit_pads_and_cuts(void **state)
{
	(void)state;
	assert_fit("abc", 5, ALIGN_LEFT, "abc  ");
	assert_fit("abc", 5, ALIGN_RIGHT, "  abc");
	assert_fit("abcdef", 4, ALIGN_LEFT, "abcd");
	assert_fit(NULL, 3, ALIGN_LEFT, "   ");
	assert_fit("M\xc3\xbcller", 7, ALIGN_LEFT, "M\xc3\xbcller ");	/* ü is 1 */
}

static void
test_wide_characters_never_split(void **state)
{
	(void)state;
	/* 漢字 is four columns; three leave room for one character only */
	assert_fit("\xe6\xbc\xa2\xe5\xad\x97", 3, ALIGN_LEFT, "\xe6\xbc\xa2 ");
	assert_fit("\xe6\xbc\xa2\xe5\xad\x97", 4, ALIGN_LEFT,
	    "\xe6\xbc\xa2\xe5\xad\x97");
	/* an emoji takes two columns */
	assert_int_equal(text_width("\xf0\x9f\x98\x80"), 2);
	assert_fit("a\xf0\x9f\x98\x80", 2, ALIGN_LEFT, "a ");
	/* a combining accent adds no column */
	assert_int_equal(text_width("e\xcc\x81"), 1);
}

static void
test_controls_made_visible(void **state)
{
	(void)state;
	assert_fit("a\033[31mb", 8, ALIGN_LEFT, "a^[[31mb");
	assert_fit("x\ny\tz", 7, ALIGN_LEFT, "x^Jy^Iz");
	assert_fit("\xc2\x9b", 6, ALIGN_LEFT, "<U+009");	/* C1 CSI, cut */
	assert_fit("\xe2\x80\xae" "abc", 11, ALIGN_LEFT, "<U+202E>abc");
	assert_fit("\xff", 4, ALIGN_LEFT, "\\xFF");
	assert_fit("\xe6\xbc", 8, ALIGN_LEFT, "\\xE6\\xBC");	/* truncated */
}

static void
test_wrap(void **state)
{
	char **lines;
	size_t n;

	(void)state;
	n = text_wrap("one two three four\nfive\x1b", 9, &lines);
	assert_int_equal(n, 4);
	assert_string_equal(lines[0], "one two ");
	assert_string_equal(lines[1], "three ");
	assert_string_equal(lines[2], "four");
	assert_string_equal(lines[3], "five^[");
	strv_free(lines, n);
	n = text_wrap("abcdefghij", 4, &lines);
	assert_int_equal(n, 3);
	assert_string_equal(lines[2], "ij");
	strv_free(lines, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit_pads_and_cuts),
		cmocka_unit_test(test_wide_characters_never_split),
		cmocka_unit_test(test_controls_made_visible),
		cmocka_unit_test(test_wrap),
	};

	return cmocka_run_group_tests(tests, utf8_locale, NULL);
}
