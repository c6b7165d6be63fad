#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <cmocka.h>

#include "erp_profile.h"

static char err[1024];

/* Parses text; returns the profile or NULL with the message in err. */
static struct erp_profile *
parse(const char *text)
{
	struct erp_profile *p = NULL;
	struct kam_buf e, t;

	buf_init(&e);
	buf_init(&t);
	buf_adds(&t, text);
	if (erp_profile_parse(t.data, t.len, "test.json", &p, &e) != EX_OK)
		p = NULL;
	snprintf(err, sizeof err, "%s", e.data);
	buf_free(&e);
	buf_free(&t);
	return p;
}

#define ORDERS_FIELDS \
	"\"id\": \"id\", \"customer_id\": \"c\", \"number\": \"n\"," \
	" \"order_date\": \"d\", \"amount\": \"a\", \"currency\": \"cur\"," \
	" \"status\": \"s\", \"updated_at\": \"u\""

/* A small orders-only profile with one part replaced. */
static struct erp_profile *
orders(const char *auth, const char *extra, const char *fields)
{
	char text[4096];

	snprintf(text, sizeof text, "{\"name\": \"t\", \"auth\": %s,"
	    " \"resources\": {\"orders\": {\"path\": \"/o\", %s"
	    " \"fields\": {%s}}}}", auth, extra, fields);
	return parse(text);
}

static void
expect_error(struct erp_profile *p, const char *want)
{
	assert_null(p);
	if (strstr(err, want) == NULL)
		fail_msg("'%s' does not say '%s'", err, want);
}

static void
test_shipped_profiles_load(void **state)
{
	static const char *const names[] = { "native", "erpnext", "dolibarr",
	    "business-central" };
	const char *src = getenv("KAM_SRCDIR");
	struct erp_profile *p;
	struct kam_buf e;
	char path[1024];

	(void)state;
	assert_non_null(src);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/profiles/%s.json", src, names[i]);
		buf_init(&e);
		if (erp_profile_load(path, &p, &e) != EX_OK)
			fail_msg("%s", e.data);
		assert_string_equal(p->name, names[i]);
		for (int r = 0; r < ERP_NRES; r++)
			assert_true(p->res[r].present);
		erp_profile_free(p);
		buf_free(&e);
	}
}

static void
test_native_details(void **state)
{
	const char *src = getenv("KAM_SRCDIR");
	struct erp_profile *p;
	struct kam_buf e;
	char path[1024];

	(void)state;
	snprintf(path, sizeof path, "%s/profiles/native.json", src);
	buf_init(&e);
	assert_int_equal(erp_profile_load(path, &p, &e), EX_OK);
	assert_int_equal(p->auth, ERP_AUTH_BEARER);
	assert_int_equal(p->res[ERP_ORDERS].paging, ERP_PAGE_CURSOR);
	assert_string_equal(p->res[ERP_ORDERS].next, "next_cursor");
	assert_string_equal(p->res[ERP_ORDERS].records, "data");
	assert_true(p->res[ERP_ORDERS].sorted);
	assert_string_equal(p->res[ERP_INVOICES].fields[6].path[0], "open_amount");
	erp_profile_free(p);
	buf_free(&e);
}

static void
test_a_good_small_profile(void **state)
{
	struct erp_profile *p = orders("{\"header\": \"DOLAPIKEY\"}",
	    "\"query\": {\"page\": \"{page}\", \"$filter\": \"t gt {since}\"},"
	    " \"paging\": \"page\", \"first_page\": 1, \"empty_status\": 404,"
	    " \"since\": {\"format\": \"local\", \"digits\": 3},",
	    ORDERS_FIELDS ", \"deleted\": {\"path\": \"x\", \"equals\": 2},"
	    " \"order_date\": {\"path\": \"d\", \"format\": \"unix\"}");

	(void)state;
	if (p == NULL)
		fail_msg("%s", err);
	assert_int_equal(p->auth, ERP_AUTH_HEADER);
	assert_string_equal(p->auth_header, "DOLAPIKEY");
	assert_int_equal(p->res[ERP_ORDERS].paging, ERP_PAGE_NUMBER);
	assert_int_equal(p->res[ERP_ORDERS].first_page, 1);
	assert_int_equal(p->res[ERP_ORDERS].empty_status, 404);
	assert_int_equal(p->res[ERP_ORDERS].since_style, ERP_TIME_LOCAL);
	assert_int_equal(p->res[ERP_ORDERS].since_digits, 3);
	assert_string_equal(p->res[ERP_ORDERS].fields[8].equals, "2");
	assert_true(p->res[ERP_ORDERS].fields[3].unix_time);
	assert_false(p->res[ERP_CUSTOMERS].present);
	erp_profile_free(p);
}

/* Keyset paging, alternatives and "skip" (issue 10). */
static void
test_keys_choices_and_skip(void **state)
{
	struct erp_profile *p = orders("{\"header\": \"DOLAPIKEY\"}",
	    "\"query\": {\"page\": \"{page}\", \"f\": [\"t = {since} and k > "
	    "{after}\", \"t >= {since}\", \"all\"]}, \"paging\": \"page\","
	    " \"sorted\": true, \"skip\": {\"customer_id\": [null, \"0\", 0]},",
	    ORDERS_FIELDS);
	const struct erp_rprofile *rp;

	(void)state;
	if (p == NULL)
		fail_msg("%s", err);
	rp = &p->res[ERP_ORDERS];
	assert_true(rp->keyed);
	assert_int_equal(rp->nquery, 4);
	assert_string_equal(rp->query[1].name, "f");
	assert_string_equal(rp->query[3].name, "f");
	assert_string_equal(rp->query[3].value, "all");
	assert_int_equal(rp->nskip, 3);
	assert_null(rp->skip[0].value);
	assert_string_equal(rp->skip[2].value, "0");
	erp_profile_free(p);
	/* fixed page windows cannot overlap: without a key they could skip */
	expect_error(orders("\"bearer\"", "\"query\": {\"p\": \"{page}\"},"
	    " \"paging\": \"page\", \"sorted\": true,", ORDERS_FIELDS),
	    "sorted page paging needs a key filter: {after} in 'query'");
	expect_error(orders("\"bearer\"", "\"query\": {\"p\": []},"
	    " \"paging\": \"link\", \"next\": \"n\",", ORDERS_FIELDS),
	    "'p' is an empty list");
	expect_error(orders("\"bearer\"", "\"paging\": \"link\", \"next\": \"n\","
	    " \"skip\": {\"deleted\": [\"0\"]},", ORDERS_FIELDS),
	    "resources.orders.skip: 'deleted' is not a mapped column of orders");
	expect_error(orders("\"bearer\"", "\"paging\": \"link\", \"next\": \"n\","
	    " \"skip\": {\"customer_id\": \"0\"},", ORDERS_FIELDS),
	    "'customer_id' must be a list of values");
}

static void
test_mistakes_are_named(void **state)
{
	(void)state;
	expect_error(parse("{"), "test.json: the answer");
	expect_error(parse("[]"), "must be a JSON object");
	expect_error(orders("\"basic\"", "\"paging\": \"link\", \"next\": \"n\",",
	    ORDERS_FIELDS), "auth: is \"bearer\"");
	expect_error(orders("{\"header\": \"X\\r\\nEvil: 1\"}",
	    "\"paging\": \"link\", \"next\": \"n\",", ORDERS_FIELDS), "auth");
	expect_error(orders("\"bearer\"", "\"paging\": \"link\", \"next\": \"n\","
	    " \"pth\": 1,", ORDERS_FIELDS), "resources.orders: unknown key 'pth'");
	expect_error(orders("\"bearer\"", "\"paging\": \"cursor\", \"next\": \"n\",",
	    ORDERS_FIELDS), "cursor paging needs a {cursor}");
	expect_error(orders("\"bearer\"", "\"paging\": \"offset\","
	    " \"query\": {\"o\": \"{ofset}\"},", ORDERS_FIELDS), "unknown placeholder");
	expect_error(orders("\"bearer\"", "\"paging\": \"link\",", ORDERS_FIELDS),
	    "link paging needs 'next'");
	expect_error(orders("\"bearer\"", "\"paging\": \"sideways\",", ORDERS_FIELDS),
	    "'paging' is cursor");
	expect_error(orders("\"bearer\"", "\"paging\": \"link\", \"next\": \"n\","
	    " \"headers\": {\"X\": \"a\\nb\"},", ORDERS_FIELDS), "line breaks");
	expect_error(orders("\"bearer\"", "\"paging\": \"link\", \"next\": \"n\",",
	    "\"id\": \"id\""), "resources.orders.fields: 'customer_id' must be mapped");
	expect_error(orders("\"bearer\"", "\"paging\": \"link\", \"next\": \"n\",",
	    ORDERS_FIELDS ", \"colour\": \"c\""), "'colour' is not a column of orders");
	expect_error(orders("\"bearer\"", "\"paging\": \"link\", \"next\": \"n\",",
	    ORDERS_FIELDS ", \"amount\": {\"path\": 5}"),
	    "resources.orders.fields.amount: 'path' must be");
	expect_error(orders("\"bearer\"", "\"paging\": \"link\", \"next\": \"n\",",
	    ORDERS_FIELDS ", \"amount\": {\"path\": \"a\", \"format\": \"roman\"}"),
	    "'format' is iso or unix");
	expect_error(orders("\"bearer\"", "\"paging\": \"link\", \"next\": \"n\","
	    " \"since\": {\"digits\": 9},", ORDERS_FIELDS), "'digits' must be");
	expect_error(parse("{\"name\": \"t\", \"auth\": \"bearer\", \"time_zone\":"
	    " \"Mars/Base\", \"resources\": {\"orders\": {\"path\": \"/o\","
	    " \"paging\": \"link\", \"next\": \"n\", \"fields\": {" ORDERS_FIELDS
	    "}}}}"), "time_zone: unknown time zone 'Mars/Base'");
	expect_error(parse("{\"name\": \"t\", \"auth\": \"bearer\", \"resources\":"
	    " {\"ledgers\": {}}}"), "'ledgers' is not customers");
}

/* The example profile of kam-erp(5) loads: the page cannot lie. */
static void
test_the_man_page_example_loads(void **state)
{
	struct erp_profile *p = NULL;
	struct kam_buf text;
	char path[1024], line[512];
	bool in = false;
	FILE *f;

	(void)state;
	snprintf(path, sizeof path, "%s/man/kam-erp.5", getenv("KAM_SRCDIR"));
	assert_non_null(f = fopen(path, "r"));
	buf_init(&text);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strcmp(line, "  \"name\": \"acme\",\n") == 0)
			in = true, buf_adds(&text, "{\n");
		else if (in && strcmp(line, ".Ed\n") == 0)
			break;
		if (in)
			buf_adds(&text, line);
	}
	fclose(f);
	assert_true(in);
	p = parse(text.data);
	if (p == NULL)
		fail_msg("%s", err);
	assert_string_equal(p->name, "acme");
	assert_string_equal(p->res[ERP_CUSTOMERS].fields[9].def, "EUR");
	erp_profile_free(p);
	buf_free(&text);
}

/* Found by fuzz/profile.c: a since object whose digits are out of range
 * leaked its format (LeakSanitizer fails this test when it does). */
static void
test_bad_since_digits(void **state)
{
	(void)state;
	assert_null(orders("\"bearer\"",
	    "\"query\": {\"page\": \"{page}\"}, \"paging\": \"page\","
	    " \"since\": {\"format\": \"unix\", \"digits\": 9},",
	    ORDERS_FIELDS));
	if (strstr(err, "digits") == NULL)
		fail_msg("%s", err);
}

/* Found by fuzz/profile.c: a resource named twice was parsed twice into
 * one place, its query written past the end of the first's (ASan:
 * heap-buffer-overflow). */
static void
test_a_resource_named_twice(void **state)
{
	char text[2048];
	const char *orders = "\"orders\": {\"path\": \"/o\", \"query\":"
	    " {\"c\": \"{cursor}\"}, \"paging\": \"cursor\", \"next\": \"n\","
	    " \"fields\": {" ORDERS_FIELDS "}}";

	(void)state;
	snprintf(text, sizeof text, "{\"name\": \"t\", \"auth\": \"bearer\","
	    " \"resources\": {%s, %s}}", orders, orders);
	assert_null(parse(text));
	if (strstr(err, "twice") == NULL)
		fail_msg("%s", err);
}

/* Found by fuzz/profile.c in CI: a column mapped twice was parsed twice
 * into one field, its paths added to the first's past the field's end
 * (UBSan) and the first's "sep" lost (LeakSanitizer). The last wins. */
static void
test_a_column_mapped_twice(void **state)
{
	struct erp_profile *p;

	(void)state;
	p = parse("{\"name\": \"t\", \"auth\": \"bearer\","
	    " \"resources\": {\"orders\": {\"path\": \"/o\", \"query\":"
	    " {\"c\": \"{cursor}\"}, \"paging\": \"cursor\", \"next\": \"n\","
	    " \"fields\": {" ORDERS_FIELDS ", \"number\": {\"path\": [\"a\","
	    " \"b\"], \"sep\": \" \"}, \"number\": {\"path\": [\"a\", \"b\"],"
	    " \"sep\": \"-\"}}}}}");
	if (p == NULL)
		fail_msg("%s", err);
	assert_int_equal(p->res[ERP_ORDERS].fields[2].nparts, 2);
	assert_string_equal(p->res[ERP_ORDERS].fields[2].sep, "-");
	erp_profile_free(p);
}

static void
test_missing_profile(void **state)
{
	struct erp_profile *p;
	struct kam_buf e;

	(void)state;
	buf_init(&e);
	assert_int_equal(erp_profile_load("/nonexistent/x.json", &p, &e), EX_CONFIG);
	assert_non_null(strstr(e.data, "cannot read '/nonexistent/x.json'"));
	buf_free(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_since_digits),
		cmocka_unit_test(test_a_resource_named_twice),
		cmocka_unit_test(test_a_column_mapped_twice),
		cmocka_unit_test(test_shipped_profiles_load),
		cmocka_unit_test(test_native_details),
		cmocka_unit_test(test_a_good_small_profile),
		cmocka_unit_test(test_keys_choices_and_skip),
		cmocka_unit_test(test_mistakes_are_named),
		cmocka_unit_test(test_the_man_page_example_loads),
		cmocka_unit_test(test_missing_profile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
