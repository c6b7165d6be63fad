/* kam --sync --status: where each resource stands and the last runs. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "kam/erp.h"
#include "kam/log.h"
#include "kam/utf8.h"

/* Text from the database, made safe for the terminal. */
static const char *
safe(struct kam_buf *b, const char *s)
{
	buf_reset(b);
	utf8_sanitize(b, s ? s : "-", s ? strlen(s) : 1);
	return b->data;
}

static int
marks(struct kam_db *db, FILE *out)
{
	struct kam_res *r = db_query(db, "SELECT resource, profile,"
	    " coalesce(to_char(high_water_mark, 'YYYY-MM-DD HH24:MI:SS TZ'), '-')"
	    " FROM kam.sync_state ORDER BY array_position(ARRAY['customers',"
	    " 'contacts', 'orders', 'invoices'], resource)", 0, NULL);

	struct kam_buf b;

	if (r == NULL)
		return -1;
	buf_init(&b);
	fprintf(out, "%-10s %-17s %s\n", "resource", "profile", "changes seen up to");
	for (int i = 0; i < res_rows(r); i++)
		fprintf(out, "%-10s %-17s %s\n", res_get(r, i, 0),
		    safe(&b, res_get(r, i, 1)), res_get(r, i, 2));
	buf_free(&b);
	res_free(r);
	return 0;
}

static int
runs(struct kam_db *db, FILE *out)
{
	struct kam_res *r = db_query(db, "SELECT id,"
	    " to_char(started_at, 'YYYY-MM-DD HH24:MI:SS'),"
	    " status || CASE WHEN dry_run THEN ' (dry run)' ELSE '' END"
	    " || CASE WHEN full_sync THEN ' (full)' ELSE '' END,"
	    " coalesce(resource, 'all'), fetched, inserted, updated, unchanged,"
	    " deleted, errors, error"
	    " FROM kam.sync_run ORDER BY started_at DESC, id DESC LIMIT 10", 0, NULL);

	struct kam_buf b;

	if (r == NULL)
		return -1;
	buf_init(&b);
	fprintf(out, "\n%-5s %-19s %-10s %-9s %8s %8s %8s %9s %7s %6s\n", "run",
	    "started", "status", "resource", "fetched", "inserted", "updated",
	    "unchanged", "deleted", "errors");
	for (int i = 0; i < res_rows(r); i++) {
		fprintf(out, "%-5s %-19s %-10s %-9s %8s %8s %8s %9s %7s %6s\n",
		    res_get(r, i, 0), res_get(r, i, 1), res_get(r, i, 2),
		    res_get(r, i, 3), res_get(r, i, 4), res_get(r, i, 5),
		    res_get(r, i, 6), res_get(r, i, 7), res_get(r, i, 8),
		    res_get(r, i, 9));
		if (res_get(r, i, 10) != NULL)
			fprintf(out, "      %s\n", safe(&b, res_get(r, i, 10)));
	}
	buf_free(&b);
	res_free(r);
	return 0;
}

/* The record errors the last run kept. */
static int
last_errors(struct kam_db *db, FILE *out)
{
	struct kam_res *r = db_query(db, "SELECT r.id, e->>'resource', e->>'id',"
	    " e->>'message' FROM (SELECT id, details FROM kam.sync_run"
	    " ORDER BY started_at DESC, id DESC LIMIT 1) r,"
	    " jsonb_array_elements(r.details->'errors') e", 0, NULL);
	struct kam_buf a, b;

	if (r == NULL)
		return -1;
	buf_init(&a);
	buf_init(&b);
	if (res_rows(r) > 0)
		fprintf(out, "\nrecord errors of run %s:\n", res_get(r, 0, 0));
	for (int i = 0; i < res_rows(r); i++) {
		fprintf(out, "  %s %s: ", res_get(r, i, 1), safe(&a, res_get(r, i, 2)));
		fprintf(out, "%s\n", safe(&b, res_get(r, i, 3)));
	}
	buf_free(&a);
	buf_free(&b);
	res_free(r);
	return 0;
}

/* Who holds the sync's lease (migration 0021), if anyone. */
static int
lease(struct kam_db *db, FILE *out)
{
	struct kam_res *r = db_query(db, "SELECT held_by, client,"
	    " to_char(taken_at, 'YYYY-MM-DD HH24:MI:SS'),"
	    " to_char(heartbeat_at, 'YYYY-MM-DD HH24:MI:SS'),"
	    " to_char(expires_at, 'YYYY-MM-DD HH24:MI:SS'), expires_at < now()"
	    " FROM kam.sync_lease", 0, NULL);
	struct kam_buf a, b;

	if (r == NULL)
		return -1;
	buf_init(&a);
	buf_init(&b);
	if (res_rows(r) == 0)
		fprintf(out, "\nno sync is running\n");
	else
		fprintf(out, "\nsync %s: user %s, %s; started %s, last page %s, "
		    "lease until %s\n", strcmp(res_get(r, 0, 5), "t") == 0 ?
		    "stopped without a word (the next sync takes over)" : "running",
		    safe(&a, res_get(r, 0, 0)), safe(&b, res_get(r, 0, 1)),
		    res_get(r, 0, 2), res_get(r, 0, 3), res_get(r, 0, 4));
	buf_free(&a);
	buf_free(&b);
	res_free(r);
	return 0;
}

int
erp_status(struct kam_db *db, FILE *out)
{
	if (marks(db, out) < 0 || lease(db, out) < 0 || runs(db, out) < 0 ||
	    last_errors(db, out) < 0) {
		log_warn("%s", db_error(db));
		return db_error_code(db);
	}
	return EX_OK;
}
