#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "erp_url.h"

static void
test_templates(void **state)
{
	struct erp_vars v = { .limit = "500", .since = "2026-01-31 10:00:00" };
	struct kam_buf b;

	(void)state;
	buf_init(&b);
	assert_true(erp_template("[[\"modified\",\">=\",\"{since}\"]]", &v, &b));
	assert_string_equal(b.data, "[[\"modified\",\">=\",\"2026-01-31 10:00:00\"]]");
	buf_reset(&b);
	assert_true(erp_template("odata.maxpagesize={limit}", &v, &b));
	assert_string_equal(b.data, "odata.maxpagesize=500");
	buf_reset(&b);
	buf_adds(&b, "keep:");
	assert_false(erp_template("{cursor}", &v, &b));	/* not set: left out */
	assert_string_equal(b.data, "keep:");
	buf_free(&b);
}

static void
test_parameters_are_encoded(void **state)
{
	struct kam_buf u;

	(void)state;
	buf_init(&u);
	buf_adds(&u, "https://erp.example.com/api");
	erp_url_path(&u, "/resource/Sales Order");
	erp_url_param(&u, "$filter", "lastModifiedDateTime gt 2026-01-31T10:00:00Z");
	erp_url_param(&u, "sqlfilters", "(t.tms:>=:'2026-01-31 11:00:00')");
	erp_url_param(&u, "x", "a&b=c/ä");
	assert_string_equal(u.data, "https://erp.example.com/api/resource/Sales%20Order"
	    "?%24filter=lastModifiedDateTime%20gt%202026-01-31T10%3A00%3A00Z"
	    "&sqlfilters=%28t.tms%3A%3E%3D%3A%272026-01-31%2011%3A00%3A00%27%29"
	    "&x=a%26b%3Dc%2F%C3%A4");
	buf_free(&u);
}

static void
test_origins(void **state)
{
	(void)state;
	assert_true(erp_url_same_origin("https://erp.example.com/a", "https://ERP.example.com:443/b?c"));
	assert_true(erp_url_same_origin("http://127.0.0.1:8080/a", "http://127.0.0.1:8080"));
	assert_false(erp_url_same_origin("http://127.0.0.1:8080/a", "http://127.0.0.1:8081/a"));
	assert_false(erp_url_same_origin("https://erp.example.com/a", "http://erp.example.com/a"));
	assert_false(erp_url_same_origin("https://erp.example.com/a", "https://erp.example.com.evil.net/a"));
	assert_false(erp_url_same_origin("https://erp.example.com/a", "https://user@evil.net/a"));
	assert_false(erp_url_same_origin("not a url", "https://erp.example.com/"));
}

static void
test_resolve(void **state)
{
	char *u;

	(void)state;
	u = erp_url_resolve("https://erp.example.com/api/v2/customers?x=1", "/moved/customers");
	assert_string_equal(u, "https://erp.example.com/moved/customers");
	free(u);
	u = erp_url_resolve("https://erp.example.com/api/v2/customers", "next?page=2");
	assert_string_equal(u, "https://erp.example.com/api/v2/next?page=2");
	free(u);
	u = erp_url_resolve("https://erp.example.com/a", "https://other.example.net/b");
	assert_string_equal(u, "https://other.example.net/b");
	free(u);
}

static void
test_base_url_rules(void **state)
{
	struct kam_buf e;

	(void)state;
	buf_init(&e);
	assert_true(erp_url_check_base("https://erp.example.com/api", &e));
	assert_true(erp_url_check_base("http://127.0.0.1:5000", &e));
	assert_true(erp_url_check_base("http://localhost/erp", &e));
	assert_false(erp_url_check_base("http://erp.example.com/api", &e));
	assert_non_null(strstr(e.data, "must use https"));
	buf_reset(&e);
	assert_false(erp_url_check_base("ftp://erp.example.com/", &e));
	buf_reset(&e);
	assert_false(erp_url_check_base("https://erp.example.com/api?token=x", &e));
	assert_non_null(strstr(e.data, "no query"));
	buf_reset(&e);
	assert_false(erp_url_check_base(NULL, &e));
	assert_non_null(strstr(e.data, "not set"));
	buf_free(&e);
}

/* Plain http goes only to this machine, decided on the literal address:
 * a name is a name, whatever it starts with, and only the resolver-free
 * "localhost" stands for one. */
static void
test_plain_http_only_to_loopback(void **state)
{
	static const char *const ok[] = { "http://127.0.0.1:8000/",
	    "http://127.255.255.254/", "http://127.1/", "http://[::1]:8000/api",
	    "http://[0:0:0:0:0:0:0:1]/", "http://[::ffff:127.0.0.1]/",
	    "http://LOCALHOST/", "HTTP://127.0.0.1/" };
	static const char *const hostile[] = { "http://127.example.com/",
	    "http://127.0.0.1.example.com/", "http://127.0.0.1.nip.io:8000/",
	    "http://localhost.example.com/", "http://localhost.evil/",
	    "http://127-0-0-1.example.com/", "http://128.0.0.1/",
	    "http://10.0.0.1/", "http://[::2]/", "http://[::ffff:10.0.0.1]/",
	    "http://0.0.0.0/", "http://[::]/", "http://evil.localhost.com/",
	    "http://127.0.0.1@evil.example.com/", "http://xn--127-0.com/" };
	struct kam_buf e;

	(void)state;
	buf_init(&e);
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		buf_reset(&e);
		if (!erp_url_check_base(ok[i], &e))
			fail_msg("%s refused: %s", ok[i], e.data);
	}
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		buf_reset(&e);
		if (erp_url_check_base(hostile[i], &e))
			fail_msg("%s taken for this machine", hostile[i]);
		assert_non_null(strstr(e.data, "must use https"));
	}
	buf_free(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_templates),
		cmocka_unit_test(test_parameters_are_encoded),
		cmocka_unit_test(test_origins),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_plain_http_only_to_loopback),
		cmocka_unit_test(test_base_url_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
