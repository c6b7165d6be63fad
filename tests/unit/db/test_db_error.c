#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <sysexits.h>
#include <cmocka.h>

#include "db_error.h"

static void
expect(const char *state, const char *primary, int code, const char *words)
{
	struct kam_buf b;

	buf_init(&b);
	assert_int_equal(db_error_explain(&b, state, primary, NULL, NULL), code);
	assert_string_equal(b.data, words);
	buf_free(&b);
}

static void
test_classes(void **state)
{
	(void)state;
	expect("42501", "permission denied for table special_condition", EX_NOPERM,
	    "not allowed: permission denied for table special_condition");
	expect("23505", "duplicate key", EX_DATAERR, "already exists: duplicate key");
	expect("23514", "x", EX_DATAERR, "a value is out of the allowed range: x");
	expect("23P01", "x", EX_DATAERR, "the data breaks a rule: x");
	expect("22007", "x", EX_DATAERR, "invalid value: x");
	expect("40001", "x", EX_TEMPFAIL, "the database gave up on a conflict, try again: x");
	expect("57P01", "x", EX_UNAVAILABLE, "the database is shutting down or restarting: x");
	expect("XX000", "x", EX_SOFTWARE, "database error: x");
}

static void
test_detail_and_hint(void **state)
{
	struct kam_buf b;

	(void)state;
	buf_init(&b);
	db_error_explain(&b, "22023", "invalid kind \"boss\"", NULL,
	    "The kind is manager, support or admin.");
	assert_string_equal(b.data, "invalid value: invalid kind \"boss\" "
	    "The kind is manager, support or admin.");
	buf_reset(&b);
	db_error_explain(&b, "23505", "dup", "Key (erp_id)=(C1) already exists.", NULL);
	assert_string_equal(b.data, "already exists: dup (Key (erp_id)=(C1) already exists.)");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_detail_and_hint),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
