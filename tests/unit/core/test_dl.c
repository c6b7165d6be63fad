/* Libraries opened on demand (kam/dl.h): a missing library or function is
 * a message that names it, printable whatever the loader said. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kam/buf.h"
#include "kam/dl.h"

#define LIBC_FUNCS(X) X(strlen) X(strchr)

static struct {
	LIBC_FUNCS(DL_MEMBER)
} libc;
static const char *const names[] = { LIBC_FUNCS(DL_NAME) };

static void
test_functions_are_found(void **state)
{
	struct kam_buf err;
	void *const slots[] = { &libc.strlen, &libc.strchr };

	(void)state;
	buf_init(&err);
	assert_true(dl_load("libc.so.6", "the test", names, slots, 2, &err));
	assert_int_equal(libc.strlen("four"), 4);
	assert_string_equal(libc.strchr("a=b", '='), "=b");
	buf_free(&err);
}

static void
test_a_missing_library_is_named(void **state)
{
	struct kam_buf err;
	void *const slots[] = { &libc.strlen, &libc.strchr };

	(void)state;
	buf_init(&err);
	assert_false(dl_load("libkam-none.so.9", "the test", names, slots, 2,
	    &err));
	assert_non_null(strstr(err.data, "the test needs libkam-none.so.9, "
	    "which cannot be loaded: "));
	assert_non_null(strstr(err.data, "No such file"));
	buf_free(&err);
}

static void
test_a_missing_function_is_named(void **state)
{
	struct kam_buf err;
	size_t (*none)(const char *) = NULL;
	const char *const missing[] = { "strlen", "kam_no_such_function" };
	void *const slots[] = { &libc.strlen, &none };

	(void)state;
	buf_init(&err);
	assert_false(dl_load("libc.so.6", "the test", missing, slots, 2, &err));
	assert_null(none);
	assert_non_null(strstr(err.data, "the test needs libc.so.6, which has "
	    "no function kam_no_such_function: "));
	buf_free(&err);
}

static void
test_the_loaders_words_are_printable(void **state)
{
	struct kam_buf err;
	void *const slots[] = { &libc.strlen, &libc.strchr };
	bool ok;

	(void)state;
	buf_init(&err);
	ok = dl_load("libkam-\033[31mred.so", "the test", names, slots, 2, &err);
	assert_false(ok);
	ok = strchr(err.data, '\033') == NULL &&
	    strstr(err.data, "libkam-^[[31mred.so") != NULL;
	buf_free(&err);
	assert_true(ok);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_functions_are_found),
		cmocka_unit_test(test_a_missing_library_is_named),
		cmocka_unit_test(test_a_missing_function_is_named),
		cmocka_unit_test(test_the_loaders_words_are_printable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
