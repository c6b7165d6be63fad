/* What the tests that run against a real database (under
 * tests/lib/with-pg) share: logging in as a fixture user, one value of a
 * query. */
#ifndef KAM_TEST_PGTEST_H
#define KAM_TEST_PGTEST_H

#include <stddef.h>

#include "kam/db.h"

struct kam_db	*pgtest_login(const char *user);
/* The one value of sql (with one parameter, or none) into out; "NULL"
 * for SQL NULL. */
const char	*pgtest_scalar(struct kam_db *db, const char *sql, const char *param,
		    char *out, size_t size);

#endif
