#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "erp_json.h"

static cJSON *
parse(const char *text, char *err, size_t errlen)
{
	struct kam_buf e, t;
	cJSON *root;

	buf_init(&e);
	buf_init(&t);
	buf_adds(&t, text);
	root = erp_json_parse(t.data, t.len, &e);
	snprintf(err, errlen, "%s", e.data);
	buf_free(&e);
	buf_free(&t);
	return root;
}

static void
test_numbers_keep_their_text(void **state)
{
	char err[200];
	cJSON *root = parse("{\"a\": 12345678901234567890.10, \"s\": \"9.5\","
	    " \"b\": [1e400, -0.0, {\"c\": 0.1}], \"k-2\": 2}", err, sizeof err);

	(void)state;
	assert_non_null(root);
	assert_string_equal(erp_json_number_text(erp_json_get(root, "a")),
	    "12345678901234567890.10");
	assert_null(erp_json_number_text(erp_json_get(root, "s")));
	assert_string_equal(erp_json_number_text(erp_json_get(root, "/b/0")), "1e400");
	assert_string_equal(erp_json_number_text(erp_json_get(root, "/b/1")), "-0.0");
	assert_string_equal(erp_json_number_text(erp_json_get(root, "/b/2/c")), "0.1");
	assert_string_equal(erp_json_number_text(erp_json_get(root, "k-2")), "2");
	cJSON_Delete(root);
}

static void
test_numbers_in_keys_and_strings_do_not_count(void **state)
{
	char err[200];
	cJSON *root = parse("{\"1\": \"2 \\\" 3\", \"x\\\\\": 4, \"y\": [\"5\", 6]}",
	    err, sizeof err);

	(void)state;
	assert_non_null(root);
	assert_string_equal(erp_json_number_text(erp_json_get(root, "x\\")), "4");
	assert_string_equal(erp_json_number_text(erp_json_get(root, "/y/1")), "6");
	cJSON_Delete(root);
}

static void
test_bad_json_says_why(void **state)
{
	char err[200];

	(void)state;
	assert_null(parse("{\"data\": [1, 2", err, sizeof err));
	assert_non_null(strstr(err, "truncated"));
	assert_null(parse("{\"data\": [{\"name\": \"Nordw", err, sizeof err));
	assert_non_null(strstr(err, "truncated"));
	assert_null(parse("{\"data\": [{\"name\": 1}}]", err, sizeof err));
	assert_null(strstr(err, "truncated"));
	assert_null(parse("<html>", err, sizeof err));
	assert_non_null(strstr(err, "not valid JSON"));
	assert_null(parse("", err, sizeof err));
	assert_non_null(strstr(err, "empty"));
	assert_null(parse("[1] [2]", err, sizeof err));
	assert_null(parse("[01]", err, sizeof err));
	assert_null(parse("[1.]", err, sizeof err));
	assert_null(parse("[-]", err, sizeof err));
	assert_null(parse("[NaN]", err, sizeof err));
}

static void
test_nul_in_strings_is_flagged(void **state)
{
	char err[200];
	cJSON *root = parse("{\"a\": \"x\\u0000y\", \"b\": \"ok\\\\u0000\", \"n\": 1}",
	    err, sizeof err);

	(void)state;
	assert_non_null(root);
	assert_true(erp_json_string_cut(erp_json_get(root, "a")));
	assert_false(erp_json_string_cut(erp_json_get(root, "b")));
	assert_string_equal(erp_json_number_text(erp_json_get(root, "n")), "1");
	cJSON_Delete(root);
}

static void
test_paths(void **state)
{
	char err[200];
	cJSON *root = parse("{\"@odata.nextLink\": \"u\", \"a/b\": {\"~x\": [true]},"
	    " \"data\": []}", err, sizeof err);

	(void)state;
	assert_non_null(root);
	assert_string_equal(erp_json_get(root, "@odata.nextLink")->valuestring, "u");
	assert_true(cJSON_IsTrue(erp_json_get(root, "/a~1b/~0x/0")));
	assert_null(erp_json_get(root, "/a~1b/~0x/1"));
	assert_null(erp_json_get(root, "/data/x"));
	assert_ptr_equal(erp_json_get(root, ""), root);
	assert_ptr_equal(erp_json_get(root, "/"), root);
	assert_string_equal(erp_json_kind(erp_json_get(root, "data")), "an array");
	assert_string_equal(erp_json_kind(NULL), "nothing");
	cJSON_Delete(root);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers_keep_their_text),
		cmocka_unit_test(test_numbers_in_keys_and_strings_do_not_count),
		cmocka_unit_test(test_bad_json_says_why),
		cmocka_unit_test(test_nul_in_strings_is_flagged),
		cmocka_unit_test(test_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
