#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "erp_backoff.h"

static void
test_grows_and_caps(void **state)
{
	(void)state;
	assert_int_equal(erp_backoff_ms(1, -1, 0.999), 499);
	assert_int_equal(erp_backoff_ms(2, -1, 0.5), 500);
	assert_int_equal(erp_backoff_ms(3, -1, 0.5), 1000);
	assert_int_equal(erp_backoff_ms(20, -1, 0.5), ERP_BACKOFF_CAP_MS / 2);
	assert_int_equal(erp_backoff_ms(1000, -1, 0.5), ERP_BACKOFF_CAP_MS / 2);
	assert_int_equal(erp_backoff_ms(1, -1, 0.0), 0);
}

static void
test_jitter_stays_in_range(void **state)
{
	(void)state;
	for (int a = 1; a < 12; a++)
		for (double j = 0; j < 1; j += 0.01) {
			long d = erp_backoff_ms(a, -1, j);
			assert_true(d >= 0 && d < ERP_BACKOFF_CAP_MS);
		}
	assert_int_equal(erp_backoff_ms(1, -1, 7.0), 0);	/* bad jitter */
}

static void
test_retry_after_is_a_floor(void **state)
{
	(void)state;
	assert_int_equal(erp_backoff_ms(1, 3000, 0.5), 3000);
	assert_int_equal(erp_backoff_ms(8, 1000, 0.5), ERP_BACKOFF_CAP_MS / 2);
}

static void
test_retry_after_header(void **state)
{
	time_t now = 784111777;	/* Sun, 06 Nov 1994 08:49:37 GMT */

	(void)state;
	assert_int_equal(erp_retry_after_ms("120", now), 120000);
	assert_int_equal(erp_retry_after_ms(" 2 ", now), 2000);
	assert_int_equal(erp_retry_after_ms("Sun, 06 Nov 1994 08:49:47 GMT", now), 10000);
	assert_int_equal(erp_retry_after_ms("Sun, 06 Nov 1994 08:49:00 GMT", now), 0);
	assert_int_equal(erp_retry_after_ms(NULL, now), -1);
	assert_int_equal(erp_retry_after_ms("soon", now), -1);
	assert_int_equal(erp_retry_after_ms("12abc", now), -1);
	assert_int_equal(erp_retry_after_ms("Sun, 06 Nov 1994 08:49:47 CET", now), -1);
	assert_int_equal(erp_retry_after_ms("99999999999", now), 86400L * 30 * 1000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grows_and_caps),
		cmocka_unit_test(test_jitter_stays_in_range),
		cmocka_unit_test(test_retry_after_is_a_floor),
		cmocka_unit_test(test_retry_after_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
