#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "erp_store.h"
#include "erp_time.h"

static int
db_failed(struct kam_db *db, const char *what, struct kam_buf *err)
{
	buf_addf(err, "%s: %s", what, db_error(db));
	return db_error_code(db);
}

int
erp_store_exec(struct kam_db *db, const char *sql, struct kam_buf *err)
{
	if (db_command(db, sql, 0, NULL) < 0)
		return db_failed(db, sql, err);
	return EX_OK;
}

static long
number(const struct kam_res *res, int col)
{
	const char *v = res_get(res, 0, col);

	return v ? strtol(v, NULL, 10) : 0;
}

/* Names each record whose customer kam does not know (yet). */
static int
list_unknown(struct kam_db *db, const struct erp_resource *r,
    struct erp_page *pg, struct kam_buf *err)
{
	struct kam_res *res = db_query(db, r->unknown, 0, NULL);
	struct kam_buf msg;

	if (res == NULL)
		return db_failed(db, r->name, err);
	buf_init(&msg);
	for (int i = 0; i < res_rows(res); i++) {
		buf_reset(&msg);
		buf_addf(&msg, "customer_id: no customer %s (yet); tried again next run",
		    res_get(res, i, 1));
		erp_page_error(pg, res_get(res, i, 0), msg.data);
	}
	buf_free(&msg);
	res_free(res);
	return EX_OK;
}

int
erp_store_page(struct kam_db *db, const struct erp_resource *r,
    struct erp_page *pg, const char *run, bool full, bool empty_first,
    struct erp_applied *out, struct kam_buf *err)
{
	const char *full_listing[] = { full ? "true" : "false" };
	const char *run_param[] = { run };
	struct kam_res *res;
	const char *min;
	int rc;

	memset(out, 0, sizeof *out);
	if ((empty_first && db_command(db, r->drop_stage, 0, NULL) < 0) ||
	    !db_copy_in(db, r->copy, pg->copy.data, pg->copy.len) ||
	    (r->hold != NULL && db_command(db, r->hold, 0, NULL) < 0))
		return db_failed(db, r->name, err);
	/* planned for each page, never prepared: a plan made for the first
	 * page of a first sync (an empty table) would scan the whole table
	 * for every later page */
	if ((res = db_query(db, r->apply, 1, full_listing)) == NULL)
		return db_failed(db, r->name, err);
	out->inserted = number(res, 0);
	out->updated = number(res, 1);
	out->deleted = number(res, 2);
	out->unknown = number(res, 3);
	if ((min = res_get(res, 0, 4)) != NULL) {
		out->has_unknown = true;
		out->unknown_min_us = strtoll(min, NULL, 10);
	}
	res_free(res);
	if (out->unknown > 0 && (rc = list_unknown(db, r, pg, err)) != EX_OK)
		return rc;
	if (full && db_command(db, r->remember, 1, run_param) < 0)
		return db_failed(db, r->name, err);
	return EX_OK;
}

int
erp_store_get_mark(struct kam_db *db, const struct erp_resource *r,
    const char *profile, bool *has, int64_t *us, struct kam_buf *err)
{
	const char *params[] = { r->name, profile };
	struct kam_res *res = db_query(db,
	    "SELECT (extract(epoch FROM high_water_mark) * 1000000)::bigint"
	    " FROM kam.sync_state WHERE resource = $1 AND profile = $2", 2, params);
	if (res == NULL)
		return db_failed(db, "sync_state", err);
	*has = res_rows(res) == 1 && res_get(res, 0, 0) != NULL;
	*us = *has ? strtoll(res_get(res, 0, 0), NULL, 10) : 0;
	res_free(res);
	return EX_OK;
}

int
erp_store_set_mark(struct kam_db *db, const struct erp_resource *r,
    const char *profile, int64_t us, struct kam_buf *err)
{
	char mark[ERP_TIME_LEN];
	const char *params[] = { r->name, profile, mark };

	erp_time_format(us, ERP_TIME_RFC3339, 6, NULL, mark);
	if (db_command(db, "INSERT INTO kam.sync_state (resource, profile,"
	    " high_water_mark) VALUES ($1, $2, $3) ON CONFLICT (resource) DO UPDATE"
	    " SET profile = excluded.profile,"
	    " high_water_mark = excluded.high_water_mark", 3, params) < 0)
		return db_failed(db, "sync_state", err);
	return EX_OK;
}

int
erp_store_missing(struct kam_db *db, const struct erp_resource *r,
    const char *run, long *missing, long *live, struct kam_buf *err)
{
	const char *params[] = { run };
	struct kam_res *res = db_query(db, r->missing, 1, params);

	if (res == NULL)
		return db_failed(db, r->name, err);
	*missing = number(res, 0);
	*live = number(res, 1);
	res_free(res);
	return EX_OK;
}

int
erp_store_mark_missing(struct kam_db *db, const struct erp_resource *r,
    const char *run, long *marked, struct kam_buf *err)
{
	const char *params[] = { run };

	if ((*marked = db_command(db, r->mark_missing, 1, params)) < 0)
		return db_failed(db, r->name, err);
	return EX_OK;
}
