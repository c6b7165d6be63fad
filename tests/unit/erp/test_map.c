#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <cmocka.h>

#include "erp_json.h"
#include "erp_map.h"

static struct erp_profile *native;
static char why[512];

static int
setup(void **state)
{
	char path[1024];
	struct kam_buf e;

	(void)state;
	snprintf(path, sizeof path, "%s/profiles/native.json", getenv("KAM_SRCDIR"));
	buf_init(&e);
	if (erp_profile_load(path, &native, &e) != EX_OK)
		fail_msg("%s", e.data);
	buf_free(&e);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	erp_profile_free(native);
	return 0;
}

/* Maps one JSON record of resource r; why holds the reason on failure. */
static bool
map(enum erp_res r, const char *json, struct erp_row *row)
{
	struct kam_buf text, e;
	cJSON *rec;
	bool ok;

	buf_init(&text);
	buf_init(&e);
	buf_adds(&text, json);
	rec = erp_json_parse(text.data, text.len, &e);
	if (rec == NULL)
		fail_msg("bad test JSON: %s", e.data);
	buf_reset(&e);
	ok = erp_map_record(erp_resource(r), &native->res[r], native->tz, rec, row, &e);
	snprintf(why, sizeof why, "%s", e.data);
	cJSON_Delete(rec);
	buf_free(&text);
	buf_free(&e);
	return ok;
}

/* the first of two equal keys counts, so extra overrides */
#define ORDER(amount, extra) \
	"{" extra "\"id\": \"O1\", \"customer_id\": \"C1\", \"number\": \"SO-1\"," \
	" \"order_date\": \"2026-01-31\", \"amount\": " amount ", \"currency\":" \
	" \"eur\", \"status\": \"open\", \"updated_at\":" \
	" \"2026-01-31T11:00:00.5+01:00\"}"

static void
expect_refused(enum erp_res r, const char *json, const char *want)
{
	struct erp_row row;

	if (map(r, json, &row))
		fail_msg("accepted %s", json);
	if (strstr(why, want) == NULL)
		fail_msg("'%s' does not say '%s'", why, want);
	erp_row_clear(&row);
}

static void
test_an_order(void **state)
{
	struct erp_row row;
	struct kam_buf line;

	(void)state;
	assert_true(map(ERP_ORDERS, ORDER("12345678901234.565", ""), &row));
	assert_string_equal(row.values[4], "12345678901234.57");
	assert_string_equal(row.values[5], "EUR");
	assert_string_equal(row.values[7], "2026-01-31T10:00:00.500000Z");
	assert_true(row.has_updated);
	assert_int_equal(row.updated_us, 1769853600500000LL);
	assert_false(row.deleted);
	buf_init(&line);
	erp_row_copy_line(&line, erp_resource(ERP_ORDERS), 7, &row, false);
	assert_string_equal(line.data, "7\tf\tO1\tC1\tSO-1\t2026-01-31\t"
	    "12345678901234.57\tEUR\topen\t2026-01-31T10:00:00.500000Z\tf\n");
	buf_reset(&line);
	erp_row_copy_line(&line, erp_resource(ERP_ORDERS), 8, &row, true);
	assert_string_equal(line.data, "8\tt\tO1\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n");
	buf_free(&line);
	erp_row_clear(&row);
}

static void
test_money_as_a_json_number_keeps_its_digits(void **state)
{
	struct erp_row row;

	(void)state;
	assert_true(map(ERP_ORDERS, ORDER("90071992547409.93", ""), &row));
	assert_string_equal(row.values[4], "90071992547409.93");
	erp_row_clear(&row);
	assert_true(map(ERP_ORDERS, ORDER("\"-0.5\"", ""), &row));
	assert_string_equal(row.values[4], "-0.50");
	erp_row_clear(&row);
}

static void
test_wrong_types_and_values(void **state)
{
	(void)state;
	expect_refused(ERP_ORDERS, ORDER("{\"v\": 1}", ""),
	    "amount: expected a decimal, got an object");
	expect_refused(ERP_ORDERS, ORDER("true", ""), "amount: expected a decimal, got true");
	expect_refused(ERP_ORDERS, ORDER("\"12,50\"", ""), "amount: '12,50' is not a decimal");
	expect_refused(ERP_ORDERS, ORDER("1e20", ""), "amount: '1e20' is too large");
	expect_refused(ERP_ORDERS, "{\"id\": \"O1\"}", "customer_id: is missing");
	expect_refused(ERP_ORDERS, "{\"id\": [1]}", "id: expected an id, got an array");
	expect_refused(ERP_ORDERS, "{\"id\": \"  \"}", "id: is blank");
	expect_refused(ERP_ORDERS, "[1]", "record: expected an object, got an array");
	expect_refused(ERP_ORDERS, ORDER("1", "\"updated_at\": true, "),
	    "updated_at: expected a time, got true");
	expect_refused(ERP_ORDERS, ORDER("1", "\"status\": null, "), "status: is missing");
	expect_refused(ERP_ORDERS, ORDER("1", "\"order_date\": \"31.01.2026\", "),
	    "order_date: '31.01.2026' is not a date");
	expect_refused(ERP_ORDERS, ORDER("1", "\"currency\": \"euro\", "),
	    "currency: 'euro' is not a currency code");
	expect_refused(ERP_ORDERS, ORDER("1", "\"deleted\": \"maybe\", "),
	    "deleted: expected true or false, got 'maybe'");
	expect_refused(ERP_CUSTOMERS, "{\"id\": \"C1\", \"name\": \"A\","
	    " \"credit_limit\": \"-1\"}", "credit_limit: '-1' is negative");
	expect_refused(ERP_CUSTOMERS, "{\"id\": \"C1\", \"name\": \"A\","
	    " \"country\": \"Germany\"}", "country: 'Germany' is not a country code");
	expect_refused(ERP_CONTACTS, "{\"id\": \"P1\", \"customer_id\": \"C1\","
	    " \"name\": \"A\", \"email\": \"a b@c\"}", "email: 'a b@c' is not an e-mail");
	expect_refused(ERP_CONTACTS, "{\"id\": \"P1\", \"customer_id\": \"C1\","
	    " \"name\": \"A\\u0000B\"}", "name: holds a NUL character");
	expect_refused(ERP_INVOICES, "{\"id\": \"I1\", \"customer_id\": \"C1\","
	    " \"number\": \"1\", \"invoice_date\": \"2026-02-01\", \"due_date\":"
	    " \"2026-01-01\", \"amount\": 1, \"open_amount\": 1, \"currency\": \"EUR\","
	    " \"status\": \"open\", \"updated_at\": \"2026-01-31T10:00:00Z\"}",
	    "due_date: is before invoice_date");
}

static void
test_invalid_utf8_and_huge_values(void **state)
{
	char *big = malloc(ERP_MAX_TEXT + 200);

	(void)state;
	expect_refused(ERP_CUSTOMERS, "{\"id\": \"C1\", \"name\": \"bad \xff\xfe\"}",
	    "name: is not valid UTF-8");
	snprintf(big, ERP_MAX_TEXT + 200, "{\"id\": \"C1\", \"name\": \"%0*d\"}",
	    ERP_MAX_TEXT + 1, 0);
	expect_refused(ERP_CUSTOMERS, big, "name: is 65537 bytes long");
	free(big);
}

static void
test_tombstones_need_only_an_id(void **state)
{
	struct erp_row row;

	(void)state;
	assert_true(map(ERP_ORDERS, "{\"id\": 12345678901234567890, \"deleted\": true,"
	    " \"amount\": {}}", &row));
	assert_true(row.deleted);
	assert_string_equal(row.values[ERP_COL_ID], "12345678901234567890");
	assert_null(row.values[4]);
	erp_row_clear(&row);
}

static void
test_optional_values(void **state)
{
	struct erp_row row;

	(void)state;
	assert_true(map(ERP_CUSTOMERS, "{\"id\": \"C1\", \"name\": \"Å\\tb\\\\\","
	    " \"country\": \"de\", \"email\": \"\", \"city\": null}", &row));
	assert_string_equal(row.values[4], "DE");
	assert_null(row.values[5]);
	assert_false(row.has_updated);
	{
		struct kam_buf line;

		buf_init(&line);
		erp_row_copy_line(&line, erp_resource(ERP_CUSTOMERS), 1, &row, false);
		assert_non_null(strstr(line.data, "\tÅ\\tb\\\\\t"));
		buf_free(&line);
	}
	erp_row_clear(&row);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_order),
		cmocka_unit_test(test_money_as_a_json_number_keeps_its_digits),
		cmocka_unit_test(test_wrong_types_and_values),
		cmocka_unit_test(test_invalid_utf8_and_huge_values),
		cmocka_unit_test(test_tombstones_need_only_an_id),
		cmocka_unit_test(test_optional_values),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
