#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kam/copytext.h"

static size_t
split(char *line, struct copy_field *f, size_t max)
{
	return copytext_split(line, strlen(line), f, max);
}

static void
test_fields_and_nulls(void **state)
{
	char line[] = "1\t\\N\t\tx\n";
	struct copy_field f[4];

	(void)state;
	assert_int_equal(split(line, f, 4), 4);
	assert_memory_equal(f[0].data, "1", 1);
	assert_int_equal(f[0].len, 1);
	assert_true(f[1].null);
	assert_false(f[2].null);
	assert_int_equal(f[2].len, 0);
	assert_int_equal(f[3].len, 1);
	assert_memory_equal(f[3].data, "x", 1);
}

static void
test_escapes_undone(void **state)
{
	char line[] = "a\\tb\\nc\\\\d\\r\\101\\x42\\N";
	struct copy_field f[1];

	(void)state;
	assert_int_equal(split(line, f, 1), 1);
	assert_false(f[0].null);	/* \N inside a value is the letter N */
	assert_int_equal(f[0].len, 11);
	assert_memory_equal(f[0].data, "a\tb\nc\\d\rABN", 11);
}

static void
test_too_many_fields(void **state)
{
	char line[] = "a\tb\tc";
	struct copy_field f[2];

	(void)state;
	assert_int_equal(split(line, f, 2), 0);
}

static void
test_trailing_empty_field_and_lone_backslash(void **state)
{
	char line[] = "a\t\\";
	struct copy_field f[3];

	(void)state;
	assert_int_equal(split(line, f, 3), 2);
	assert_int_equal(f[1].len, 1);
	assert_memory_equal(f[1].data, "\\", 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_nulls),
		cmocka_unit_test(test_escapes_undone),
		cmocka_unit_test(test_too_many_fields),
		cmocka_unit_test(test_trailing_empty_field_and_lone_backslash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
