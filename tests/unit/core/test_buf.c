#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kam/buf.h"

static void
test_empty_is_terminated(void **state)
{
	struct kam_buf b;

	(void)state;
	buf_init(&b);
	assert_string_equal(b.data, "");
	assert_int_equal(b.len, 0);
	buf_free(&b);
	assert_string_equal(b.data, "");
}

static void
test_grows_past_capacity(void **state)
{
	struct kam_buf b;

	(void)state;
	buf_init(&b);
	for (int i = 0; i < 1000; i++)
		buf_adds(&b, "abc");
	assert_int_equal(b.len, 3000);
	assert_int_equal(strlen(b.data), 3000);
	assert_memory_equal(b.data + 2997, "abc", 4);
	buf_free(&b);
}

static void
test_addf_and_reset(void **state)
{
	struct kam_buf b;

	(void)state;
	buf_init(&b);
	buf_addf(&b, "%s:%d: %s", "kam.conf", 12, "unknown key");
	assert_string_equal(b.data, "kam.conf:12: unknown key");
	buf_reset(&b);
	assert_string_equal(b.data, "");
	buf_addc(&b, 'x');
	buf_add(&b, "yz\0w", 4);	/* embedded NUL kept by length */
	assert_int_equal(b.len, 5);
	buf_free(&b);
}

static void
test_detach_hands_over(void **state)
{
	struct kam_buf b;
	char *s;

	(void)state;
	buf_init(&b);
	s = buf_detach(&b);
	assert_string_equal(s, "");
	free(s);
	buf_adds(&b, "kept");
	s = buf_detach(&b);
	assert_string_equal(s, "kept");
	assert_int_equal(b.len, 0);
	free(s);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_is_terminated),
		cmocka_unit_test(test_grows_past_capacity),
		cmocka_unit_test(test_addf_and_reset),
		cmocka_unit_test(test_detach_hands_over),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
