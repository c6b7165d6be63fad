#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <sysexits.h>
#include <cmocka.h>

#include "erp_http.h"

static enum erp_verdict
verdict(long status, int error, const char *ctype, const char *body,
    long empty, int *code)
{
	struct erp_reply r;
	struct kam_buf why;
	enum erp_verdict v;

	erp_reply_init(&r);
	buf_init(&why);
	r.status = status;
	r.error = error;
	buf_adds(&r.content_type, ctype);
	buf_adds(&r.body, body);
	if (status >= 300 && status < 400)
		r.location = strdup("https://erp.example.com/x");
	v = erp_http_verdict(&r, empty, code, &why);
	erp_reply_free(&r);
	buf_free(&why);
	return v;
}

static void
test_what_is_retried(void **state)
{
	int code;

	(void)state;
	assert_int_equal(verdict(200, 0, "application/json", "{}", 0, &code), ERP_V_OK);
	assert_int_equal(verdict(500, 0, "", "", 0, &code), ERP_V_RETRY);
	assert_int_equal(code, EX_UNAVAILABLE);
	assert_int_equal(verdict(503, 0, "", "", 0, &code), ERP_V_RETRY);
	assert_int_equal(code, EX_TEMPFAIL);
	assert_int_equal(verdict(429, 0, "", "", 0, &code), ERP_V_RETRY);
	assert_int_equal(code, EX_TEMPFAIL);
	assert_int_equal(verdict(0, CURLE_OPERATION_TIMEDOUT, "", "", 0, &code), ERP_V_RETRY);
	assert_int_equal(verdict(0, CURLE_COULDNT_CONNECT, "", "", 0, &code), ERP_V_RETRY);
	assert_int_equal(verdict(200, CURLE_PARTIAL_FILE, "", "", 0, &code), ERP_V_RETRY);
}

static void
test_what_is_not(void **state)
{
	int code;

	(void)state;
	assert_int_equal(verdict(401, 0, "", "", 0, &code), ERP_V_FAIL);
	assert_int_equal(code, EX_NOPERM);
	assert_int_equal(verdict(403, 0, "", "", 0, &code), ERP_V_FAIL);
	assert_int_equal(code, EX_NOPERM);
	assert_int_equal(verdict(404, 0, "", "", 0, &code), ERP_V_FAIL);
	assert_int_equal(code, EX_CONFIG);
	assert_int_equal(verdict(400, 0, "", "", 0, &code), ERP_V_FAIL);
	assert_int_equal(verdict(422, 0, "", "", 0, &code), ERP_V_FAIL);
	assert_int_equal(verdict(0, CURLE_PEER_FAILED_VERIFICATION, "", "", 0, &code), ERP_V_FAIL);
	assert_int_equal(code, EX_UNAVAILABLE);
	assert_int_equal(verdict(200, 0, "text/html; charset=utf-8", "x", 0, &code), ERP_V_FAIL);
	assert_int_equal(code, EX_DATAERR);
	assert_int_equal(verdict(200, 0, "application/json", "  <html>", 0, &code), ERP_V_FAIL);
}

static void
test_empty_and_redirects(void **state)
{
	int code;

	(void)state;
	assert_int_equal(verdict(404, 0, "", "", 404, &code), ERP_V_EMPTY);
	assert_int_equal(verdict(302, 0, "", "", 0, &code), ERP_V_REDIRECT);
	assert_int_equal(verdict(307, 0, "", "", 0, &code), ERP_V_REDIRECT);
	assert_int_equal(verdict(304, 0, "", "", 0, &code), ERP_V_FAIL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_what_is_retried),
		cmocka_unit_test(test_what_is_not),
		cmocka_unit_test(test_empty_and_redirects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
