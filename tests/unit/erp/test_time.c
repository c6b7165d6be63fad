#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "erp_time.h"

#define S	1000000LL

static struct erp_tz *
zone(const char *name)
{
	struct kam_buf err;
	struct erp_tz *tz;

	buf_init(&err);
	tz = erp_tz_load(name, &err);
	if (tz == NULL)
		fail_msg("%s", err.data);
	buf_free(&err);
	return tz;
}

static int64_t
iso(const char *s, const struct erp_tz *tz)
{
	int64_t us;

	if (!erp_time_parse_iso(s, tz, &us))
		fail_msg("cannot parse %s", s);
	return us;
}

static void
test_rfc3339_with_zones(void **state)
{
	struct erp_tz *utc = zone("UTC");
	int64_t us;

	(void)state;
	assert_int_equal(iso("2026-01-31T10:00:00Z", utc), 1769853600 * S);
	assert_int_equal(iso("2026-01-31T11:00:00+01:00", utc), 1769853600 * S);
	assert_int_equal(iso("2026-01-31t05:00:00-0500", utc), 1769853600 * S);
	assert_int_equal(iso("2026-01-31T10:00:00.1234567Z", utc), 1769853600 * S + 123456);
	assert_int_equal(iso("2026-01-31 10:00Z", utc), 1769853600 * S);
	assert_int_equal(iso("1969-12-31T23:59:59.5Z", utc), -S / 2);
	assert_int_equal(iso("2026-01-31", utc), 1769817600 * S);
	assert_false(erp_time_parse_iso("2026-01-31T25:00:00Z", utc, &us));
	assert_false(erp_time_parse_iso("2026-02-30T10:00:00Z", utc, &us));
	assert_false(erp_time_parse_iso("2026-01-31T10:00:00+1", utc, &us));
	assert_false(erp_time_parse_iso("2026-01-31T10:00:00Zjunk", utc, &us));
	assert_false(erp_time_parse_iso("31.01.2026", utc, &us));
	assert_false(erp_time_parse_iso("2026-01-31T10:00:00.Z", utc, &us));
	erp_tz_free(utc);
}

static void
test_naive_times_in_a_zone(void **state)
{
	struct erp_tz *ber = zone("Europe/Berlin");
	struct erp_tz *ny = zone("America/New_York");
	struct erp_tz *syd = zone("Australia/Sydney");

	(void)state;
	assert_int_equal(iso("2026-01-31 11:00:00", ber), 1769853600 * S);
	assert_int_equal(iso("2026-07-01 12:00:00", ber), 1782900000 * S);
	/* beyond the file's last transition: the footer's rule decides */
	assert_int_equal(iso("2100-07-01 12:00:00", ber), 4118119200LL * S);
	assert_int_equal(iso("2100-12-01 12:00:00", ber), 4131342000LL * S);
	/* the clock went back: the earlier instant */
	assert_int_equal(iso("2026-10-25 02:30:00", ber), 1792888200LL * S);
	assert_int_equal(iso("1950-06-01 12:00:00", ber), -618066000LL * S);
	assert_int_equal(iso("2026-03-08 03:30:00", ny), 1772955000LL * S);
	assert_int_equal(iso("2026-01-15 10:00:00", syd), 1768431600LL * S);
	assert_int_equal(iso("2026-07-15 10:00:00", syd), 1784073600LL * S);
	assert_int_equal(iso("2090-01-15 10:00:00", syd), 3788118000LL * S);
	/* an explicit zone wins over the profile's */
	assert_int_equal(iso("2026-01-31T10:00:00Z", ber), 1769853600 * S);
	erp_tz_free(ber);
	erp_tz_free(ny);
	erp_tz_free(syd);
}

static void
test_formats_round_trip(void **state)
{
	struct erp_tz *ber = zone("Europe/Berlin");
	char out[ERP_TIME_LEN];
	int64_t t = 1769853600 * S + 123456;

	(void)state;
	erp_time_format(t, ERP_TIME_RFC3339, 6, ber, out);
	assert_string_equal(out, "2026-01-31T10:00:00.123456Z");
	erp_time_format(t, ERP_TIME_RFC3339, 0, ber, out);
	assert_string_equal(out, "2026-01-31T10:00:00Z");
	erp_time_format(t, ERP_TIME_LOCAL, 3, ber, out);
	assert_string_equal(out, "2026-01-31 11:00:00.123");
	erp_time_format(1782900000 * S, ERP_TIME_LOCAL, 0, ber, out);
	assert_string_equal(out, "2026-07-01 12:00:00");
	erp_time_format(t, ERP_TIME_UNIX, 0, ber, out);
	assert_string_equal(out, "1769853600");
	erp_time_format(-S / 2, ERP_TIME_RFC3339, 0, ber, out);
	assert_string_equal(out, "1969-12-31T23:59:59Z");
	for (int64_t x = -3000000000LL * S; x < 5000000000LL * S; x += 7777777 * S + 13) {
		erp_time_format(x, ERP_TIME_LOCAL, 6, ber, out);
		/* wall time in a fold maps to its earlier instant */
		assert_true(iso(out, ber) <= x && x - iso(out, ber) <= 3600 * S);
		erp_time_format(x, ERP_TIME_RFC3339, 6, ber, out);
		assert_int_equal(iso(out, ber), x);
	}
	erp_tz_free(ber);
}

static void
test_unix_and_floor(void **state)
{
	struct erp_tz *ber = zone("Europe/Berlin");
	struct kam_date d;
	int64_t us;

	(void)state;
	assert_true(erp_time_parse_unix("1769853600", &us));
	assert_int_equal(us, 1769853600 * S);
	assert_true(erp_time_parse_unix("1769853600.25", &us));
	assert_int_equal(us, 1769853600 * S + 250000);
	assert_true(erp_time_parse_unix("-1", &us));
	assert_int_equal(us, -S);
	assert_false(erp_time_parse_unix("17698536e2", &us));
	assert_false(erp_time_parse_unix("", &us));
	assert_false(erp_time_parse_unix("999999999999999999999", &us));
	assert_int_equal(erp_time_floor(1500001, 0), 1000000);
	assert_int_equal(erp_time_floor(-1, 0), -1000000);
	assert_int_equal(erp_time_floor(1234567, 3), 1234000);
	d = erp_time_date(1769900400LL * S, ber);	/* 23:00Z is midnight in Berlin */
	assert_int_equal(d.day, 1);
	assert_int_equal(d.month, 2);
	erp_tz_free(ber);
}

/* Found by fuzz/erp_time.c: an instant outside the years 1-9999 was
 * written with a wrong year (unix -63135596800 as 7265-04-24), so an ERP's
 * odd change time became a far-future sync watermark. */
static void
test_years_out_of_range(void **state)
{
	struct erp_tz *utc = zone("UTC"), *tokyo = zone("Asia/Tokyo");
	int64_t us;

	(void)state;
	assert_false(erp_time_parse_unix("-63135596800.5", &us));
	assert_false(erp_time_parse_unix("-62135596801", &us));
	assert_true(erp_time_parse_unix("-62135596800", &us));
	assert_false(erp_time_parse_iso("0001-01-01T00:00:00+01:00", utc, &us));
	assert_false(erp_time_parse_iso("0001-01-01 05:00", tokyo, &us));
	assert_false(erp_time_parse_iso("9999-12-31T23:59:59-14:00", utc, &us));
	assert_true(erp_time_parse_iso("9999-12-31T23:59:59.999999Z", utc, &us));
	assert_true(erp_time_parse_iso("0001-01-01T00:00:00Z", utc, &us));
	erp_tz_free(utc);
	erp_tz_free(tokyo);
}

static void
test_bad_zone_names(void **state)
{
	struct kam_buf err;

	(void)state;
	buf_init(&err);
	assert_null(erp_tz_load("../../etc/passwd", &err));
	assert_non_null(strstr(err.data, "not a time zone name"));
	buf_reset(&err);
	assert_null(erp_tz_load("Mars/Olympus_Mons", &err));
	assert_non_null(strstr(err.data, "unknown time zone"));
	buf_free(&err);
	assert_null(erp_tz_from_data((const unsigned char *)"TZif2", 5));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3339_with_zones),
		cmocka_unit_test(test_naive_times_in_a_zone),
		cmocka_unit_test(test_formats_round_trip),
		cmocka_unit_test(test_unix_and_floor),
		cmocka_unit_test(test_bad_zone_names),
		cmocka_unit_test(test_years_out_of_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
