#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "pgtest.h"

struct kam_db *
pgtest_login(const char *user)
{
	char conninfo[64];
	struct kam_db *db;
	int code;

	snprintf(conninfo, sizeof conninfo, "user=%s", user);
	db = db_connect(conninfo, 10, 0, &code);
	assert_non_null(db);
	return db;
}

const char *
pgtest_scalar(struct kam_db *db, const char *sql, const char *param, char *out,
    size_t size)
{
	const char *params[] = { param };
	struct kam_res *r = db_query(db, sql, param ? 1 : 0, params);

	assert_non_null(r);
	assert_int_equal(res_rows(r), 1);
	snprintf(out, size, "%s", res_get(r, 0, 0) ? res_get(r, 0, 0) : "NULL");
	res_free(r);
	return out;
}
