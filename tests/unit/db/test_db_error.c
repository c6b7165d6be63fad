#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <cmocka.h>

#include "kam/countof.h"
#include "conn_error.h"
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
	expect("25006", "cannot execute INSERT in a read-only transaction",
	    EX_UNAVAILABLE, "the database is read-only (a standby): cannot "
	    "execute INSERT in a read-only transaction");
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

/* libpq 15's words for two hosts tried in turn, as kam's tests see them */
static void
test_conn_error_hosts(void **state)
{
	struct conn_error_host h[DB_MAX_HOSTS];
	const char *msg =
	    "connection to server on socket \"/x/.s.PGSQL.5432\" failed: No such "
	    "file or directory\n"
	    "\tIs the server running locally and accepting connections on that "
	    "socket?\n"
	    "connection to server on socket \"/y/.s.PGSQL.5432\" failed: FATAL:  "
	    "sorry, too many clients already\n"
	    "DETAIL:  something more\n";

	(void)state;
	assert_int_equal(conn_error_split(msg, h, DB_MAX_HOSTS), 2);
	assert_int_equal((int)h[0].len, (int)strcspn(msg, "\n"));
	assert_false(h[0].temporary);
	assert_true(strncmp(h[1].text, "connection to server on socket \"/y/",
	    strlen("connection to server on socket \"/y/")) == 0);
	assert_true(h[1].temporary);
	assert_int_equal(conn_error_split(msg, h, 1), 1);
}

/* Not a host's line first (a bad option): one entry; a standby refused
 * by target_session_attrs is for now only. */
static void
test_conn_error_other(void **state)
{
	struct conn_error_host h[DB_MAX_HOSTS];

	(void)state;
	assert_int_equal(conn_error_split("invalid connection option \"x\"\n", h,
	    DB_MAX_HOSTS), 1);
	assert_false(h[0].temporary);
	assert_int_equal(conn_error_split("", h, DB_MAX_HOSTS), 0);
	assert_int_equal(conn_error_split("connection to server at \"db\" "
	    "(10.0.0.2), port 5432 failed: session is read-only", h,
	    DB_MAX_HOSTS), 1);
	assert_true(h[0].temporary);
}

/* PgBouncer's words (src/janitor.c, src/client.c, src/objects.c) for a
 * login it could not finish for now, against those that will not pass. */
static void
test_conn_error_pgbouncer(void **state)
{
	static const char *const now[] = {
		"FATAL:  client_login_timeout (server down)",
		"FATAL:  no more connections allowed (max_client_conn)",
		"FATAL:  client connections exceeded (max_db_client_connections)",
		"FATAL:  pooler is shutting down",
	};
	static const char *const never[] = {
		"FATAL:  no such user",
		"FATAL:  no such database: kam",
		"FATAL:  password authentication failed",
	};
	struct conn_error_host h[DB_MAX_HOSTS];
	char msg[256];

	(void)state;
	for (size_t i = 0; i < countof(now); i++) {
		snprintf(msg, sizeof msg, "connection to server on socket "
		    "\"/b/.s.PGSQL.6432\" failed: %s\n", now[i]);
		assert_int_equal(conn_error_split(msg, h, DB_MAX_HOSTS), 1);
		assert_true(h[0].temporary);
	}
	for (size_t i = 0; i < countof(never); i++) {
		snprintf(msg, sizeof msg, "connection to server on socket "
		    "\"/b/.s.PGSQL.6432\" failed: %s\n", never[i]);
		assert_int_equal(conn_error_split(msg, h, DB_MAX_HOSTS), 1);
		assert_false(h[0].temporary);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_detail_and_hint),
		cmocka_unit_test(test_conn_error_hosts),
		cmocka_unit_test(test_conn_error_other),
		cmocka_unit_test(test_conn_error_pgbouncer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
