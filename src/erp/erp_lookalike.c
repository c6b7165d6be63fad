/* New ERP customers that look like existing accounts (erp_lookalike.h):
 * one set-based statement after the apply. $1 the run. The accounts the
 * run made are those created since it started; "existing" is an account
 * created before; when there was none (a first sync into an empty
 * database) the one-time filter skips the lookups altogether. */
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "erp_lookalike.h"
#include "kam/log.h"

#define STR2(x) #x
#define STR(x) STR2(x)

static const char lookalike_sql[] =
	"WITH run AS (SELECT r.started_at FROM kam.sync_run r "
	"WHERE r.id = $1::bigint), "
	"fresh AS (SELECT a.id, a.erp_id, a.name, a.country, a.city, a.vat_id "
	"FROM kam.account a, run WHERE a.erp_id IS NOT NULL "
	"AND a.created_at >= run.started_at "
	"AND EXISTS (SELECT FROM kam.account o, run "
	"WHERE o.created_at < run.started_at) "
	"ORDER BY a.id LIMIT " STR(ERP_LOOKALIKE_CHECKED) ") "
	"SELECT f.erp_id, f.name, concat_ws(', ', l.name, l.city) AS other, "
	"l.reasons FROM fresh f "
	"CROSS JOIN LATERAL kam.account_lookalikes(f.id, f.name, f.country, "
	"f.city, f.vat_id) l "
	"JOIN kam.account o ON o.id = l.other_id, run "
	"WHERE o.created_at < run.started_at "
	"ORDER BY f.id, l.score DESC, l.other_id";

int
erp_lookalike_report(struct kam_db *db, const char *run, long *found,
    struct kam_buf *err)
{
	const char *params[] = { run };
	struct kam_res *res = db_query(db, lookalike_sql, 1, params);

	*found = 0;
	if (res == NULL) {
		buf_addf(err, "customers that look like accounts: %s",
		    db_error(db));
		return db_error_code(db);
	}
	*found = res_rows(res);
	for (long i = 0; i < *found; i++)
		log_warn("customers: new customer %s (%s) looks like the account "
		    "%s: %s", res_get(res, (int)i, 0), res_get(res, (int)i, 1),
		    res_get(res, (int)i, 2), res_get(res, (int)i, 3));
	res_free(res);
	return EX_OK;
}
