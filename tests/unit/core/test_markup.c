/* The brief's escapes (kam/markup.h): a value never becomes Markdown,
 * HTML or a groff request, and controls are shown, never passed on. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kam/markup.h"

static void
expect(enum markup m, const char *in, const char *out)
{
	struct kam_buf b;

	buf_init(&b);
	markup_text(&b, m, in);
	assert_string_equal(b.data, out);
	buf_free(&b);
}

static void
test_html(void **state)
{
	(void)state;
	expect(MARKUP_HTML, "<b>\"A&B's\"</b>",
	    "&lt;b&gt;&quot;A&amp;B&#39;s&quot;&lt;/b&gt;");
	expect(MARKUP_HTML, "Müller", "Müller");
}

static void
test_markdown(void **state)
{
	(void)state;
	expect(MARKUP_MD, "*x* _y_ [l](u) `c` <a> | # ! ~ & \\",
	    "\\*x\\* \\_y\\_ \\[l\\](u) \\`c\\` \\<a\\> \\| \\# \\! \\~ \\& \\\\");
	/* list marks only where the value begins */
	expect(MARKUP_MD, "- a - b", "\\- a - b");
	expect(MARKUP_MD, "+1", "\\+1");
	expect(MARKUP_MD, "12. May", "12\\. May");
	expect(MARKUP_MD, "3) x", "3\\) x");
	expect(MARKUP_MD, "2026-12-05", "2026-12-05");
}

static void
test_roff(void **state)
{
	(void)state;
	expect(MARKUP_ROFF, ".so /etc/passwd", "\\&.so /etc/passwd");
	expect(MARKUP_ROFF, "'ti 3", "\\&\\(aqti 3");
	expect(MARKUP_ROFF, "\\fBbold\\fP", "\\&\\(rsfBbold\\(rsfP");
	expect(MARKUP_ROFF, "a^b~c`d", "\\&a\\(hab\\(tic\\(gad");
	expect(MARKUP_ROFF, "", "\\&");
}

static void
test_controls_shown(void **state)
{
	(void)state;
	expect(MARKUP_HTML, "\x1b[31mred\n", "^[[31mred^J");
	expect(MARKUP_ROFF, "a\nb", "\\&a\\(haJb");
	expect(MARKUP_MD, "\x1b]0;x\x07", "^\\[\\]0;x^G");
}

static void
test_null(void **state)
{
	struct kam_buf b;

	(void)state;
	buf_init(&b);
	markup_text(&b, MARKUP_MD, NULL);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_roff),
		cmocka_unit_test(test_controls_shown),
		cmocka_unit_test(test_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
