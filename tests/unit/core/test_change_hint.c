/* The payload of a change notification (0031_live_changes.sql) read, and
 * which screens it concerns. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kam/change_hint.h"

static void
test_payloads_read(void **state)
{
	struct change_hint h;

	(void)state;
	assert_true(change_hint_parse("contact 42", &h));
	assert_string_equal(h.table, "contact");
	assert_string_equal(h.account, "42");
	assert_false(h.any);
	assert_true(change_hint_parse("account *", &h));
	assert_string_equal(h.account, "");
	assert_true(h.any);
	assert_true(change_hint_parse("app_user -", &h));
	assert_string_equal(h.account, "");
	assert_false(h.any);
	assert_true(change_hint_parse("x 9223372036854775807", &h));
	assert_string_equal(h.account, "9223372036854775807");
}

static void
test_payloads_refused(void **state)
{
	static const char *const bad[] = { "", " 1", "contact", "contact ",
	    "contact  1", "contact 1 ", "contact 01", "contact 0", "contact -1",
	    "Contact 1", "con\ttact 1", "contact 1x", "contact **", "contact +1",
	    "x 9223372036854775808", "x 12345678901234567890",
	    "a234567890123456789012345678901234567890123456789012345678901234 1",
	    "contact\n1", "contact 1\n" };
	struct change_hint h = { "kept", "7", false };

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(change_hint_parse(bad[i], &h));
		assert_string_equal(h.table, "kept");
	}
}

static void
test_which_screens(void **state)
{
	struct change_hint h;

	(void)state;
	change_hint_parse("contact 42", &h);
	assert_true(change_hint_concerns(&h, "contact", "42"));
	assert_true(change_hint_concerns(&h, "contact", NULL));
	assert_true(change_hint_concerns(&h, "*", "42"));
	assert_false(change_hint_concerns(&h, "contact", "420"));
	assert_false(change_hint_concerns(&h, "account", "42"));
	change_hint_parse("contact *", &h);
	assert_true(change_hint_concerns(&h, "contact", "7"));
	change_hint_parse("app_user -", &h);
	assert_true(change_hint_concerns(&h, "app_user", "7"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_payloads_read),
		cmocka_unit_test(test_payloads_refused),
		cmocka_unit_test(test_which_screens),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
