/* Exchange rates in, the reporting currency in and out (kam/rates.h).
 * COPY cannot feed a table under row-level security, so the rates go
 * through a temporary table and one INSERT ... SELECT (design.md §2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/log.h"
#include "kam/rates.h"

static int
failed(struct kam_db *db, const char *what)
{
	log_warn("%s: %s", what, db_error(db));
	return db_error_code(db);
}

static const char *const yes_names[] = { "yes" };
static const struct db_columns yes_cols = DB_COLUMNS("rates privilege",
    yes_names);
static const char *const cur_names[] = { "currency" };
static const struct db_columns cur_cols = DB_COLUMNS("reporting currency",
    cur_names);

static int
take_currency(struct kam_db *db, struct kam_res *r, char out[4],
    const char *what)
{
	const char *v;

	if ((r = res_columns(db, r, &cur_cols)) == NULL)
		return failed(db, what);
	v = res_get(r, 0, 0);
	snprintf(out, 4, "%s", v ? v : "");
	res_free(r);
	return EX_OK;
}

int
rates_reporting_get(struct kam_db *db, char out[4])
{
	return take_currency(db, db_query(db, "SELECT kam.reporting_currency() "
	    "AS currency", 0, NULL), out, "cannot read the reporting currency");
}

int
rates_reporting_set(struct kam_db *db, const char *code)
{
	const char *p[] = { code };
	char out[4];

	return take_currency(db, db_query(db, "SELECT kam.set_reporting_currency"
	    "($1) AS currency", 1, p), out, "cannot set the reporting currency");
}

static bool
may_write_rates(struct kam_db *db, int *rc)
{
	struct kam_res *r = res_columns(db, db_query(db, "SELECT "
	    "has_table_privilege('kam.exchange_rate', 'INSERT, UPDATE') AS yes",
	    0, NULL), &yes_cols);
	bool yes;

	if (r == NULL) {
		*rc = failed(db, "cannot import rates");
		return false;
	}
	yes = strcmp(res_get(r, 0, 0), "t") == 0;
	res_free(r);
	if (!yes) {
		log_warn("cannot import rates: only kam administrators keep "
		    "exchange rates");
		*rc = EX_NOPERM;
	}
	return yes;
}

int
rates_import_begin(struct kam_db *db, char reporting[4])
{
	int rc;

	if (!may_write_rates(db, &rc))
		return rc;
	if (db_command(db, "BEGIN", 0, NULL) < 0)
		return failed(db, "cannot import rates");
	if (db_command(db, "CREATE TEMPORARY TABLE rate_import (line bigint, "
	    "valid_on date, currency text, quote text, rate numeric) "
	    "ON COMMIT DROP", 0, NULL) < 0)
		rc = failed(db, "cannot import rates");
	else
		rc = rates_reporting_get(db, reporting);
	if (rc != EX_OK)
		rates_import_abort(db);
	return rc;
}

int
rates_import_stage(struct kam_db *db, const char *lines, size_t len)
{
	if (len == 0 || db_copy_in(db, "COPY pg_temp.rate_import FROM STDIN",
	    lines, len))
		return EX_OK;
	return failed(db, "cannot import rates");
}

enum { DUP_CURRENCY, DUP_QUOTE, DUP_DAY, DUP_FIRST, DUP_SECOND, DUP_NCOLS };
static const char *const dup_names[DUP_NCOLS] = {
	[DUP_CURRENCY] = "currency", [DUP_QUOTE] = "quote", [DUP_DAY] = "valid_on",
	[DUP_FIRST] = "first_line", [DUP_SECOND] = "second_line",
};
static const struct db_columns dup_cols = DB_COLUMNS("rate twice", dup_names);

/* Two rates for one pair and day contradict each other: which wins is
 * for the administrator to say, not for the order of the lines. */
static int
check_twice(struct kam_db *db)
{
	struct kam_res *r = res_columns(db, db_query(db, "SELECT currency, "
	    "quote, valid_on, min(line) AS first_line, (array_agg(line ORDER BY "
	    "line))[2] AS second_line FROM pg_temp.rate_import GROUP BY currency, "
	    "quote, valid_on HAVING count(*) > 1 ORDER BY 4 LIMIT 10", 0, NULL),
	    &dup_cols);
	int n;

	if (r == NULL)
		return failed(db, "cannot import rates");
	n = res_rows(r);
	for (int i = 0; i < n; i++)
		log_raw("line %s: %s to %s on %s again (first on line %s)\n",
		    res_get(r, i, DUP_SECOND), res_get(r, i, DUP_CURRENCY),
		    res_get(r, i, DUP_QUOTE), res_get(r, i, DUP_DAY),
		    res_get(r, i, DUP_FIRST));
	res_free(r);
	return n > 0 ? EX_DATAERR : EX_OK;
}

enum { SUM_ROWS, SUM_ADDED, SUM_CHANGED, SUM_CURRENCIES, SUM_FIRST, SUM_LAST,
	SUM_NCOLS };
static const char *const sum_names[SUM_NCOLS] = {
	[SUM_ROWS] = "rows", [SUM_ADDED] = "added", [SUM_CHANGED] = "changed",
	[SUM_CURRENCIES] = "currencies", [SUM_FIRST] = "first",
	[SUM_LAST] = "last",
};
static const struct db_columns sum_cols = DB_COLUMNS("rates imported",
    sum_names);

/* A day's rate that is already there as given is left alone (no audit
 * entry for nothing); xmax = 0 tells an inserted row from an updated one. */
static const char write_sql[] =
	"WITH w AS (INSERT INTO kam.exchange_rate (currency, quote, valid_on, "
	"rate, source) SELECT currency, quote, valid_on, rate, 'admin' FROM "
	"pg_temp.rate_import ON CONFLICT (currency, quote, valid_on) DO UPDATE "
	"SET rate = EXCLUDED.rate, source = EXCLUDED.source "
	"WHERE kam.exchange_rate.rate <> EXCLUDED.rate "
	"RETURNING xmax = 0 AS added) "
	"SELECT (SELECT count(*) FROM pg_temp.rate_import) AS rows, "
	"(SELECT count(*) FROM w WHERE added) AS added, "
	"(SELECT count(*) FROM w WHERE NOT added) AS changed, "
	"(SELECT count(DISTINCT currency) FROM pg_temp.rate_import) AS currencies, "
	"(SELECT min(valid_on)::text FROM pg_temp.rate_import) AS first, "
	"(SELECT max(valid_on)::text FROM pg_temp.rate_import) AS last";

static void
take_summary(const struct kam_res *r, struct rates_summary *s)
{
	s->rows = strtol(res_get(r, 0, SUM_ROWS), NULL, 10);
	s->added = strtol(res_get(r, 0, SUM_ADDED), NULL, 10);
	s->changed = strtol(res_get(r, 0, SUM_CHANGED), NULL, 10);
	s->currencies = strtol(res_get(r, 0, SUM_CURRENCIES), NULL, 10);
	snprintf(s->first, sizeof s->first, "%s", res_get(r, 0, SUM_FIRST) ?
	    res_get(r, 0, SUM_FIRST) : "");
	snprintf(s->last, sizeof s->last, "%s", res_get(r, 0, SUM_LAST) ?
	    res_get(r, 0, SUM_LAST) : "");
}

int
rates_import_finish(struct kam_db *db, bool dry_run, struct rates_summary *s)
{
	struct kam_res *r;
	int rc;

	memset(s, 0, sizeof *s);
	if ((rc = check_twice(db)) != EX_OK) {
		rates_import_abort(db);
		return rc;
	}
	if ((r = res_columns(db, db_query(db, write_sql, 0, NULL),
	    &sum_cols)) == NULL) {
		rc = failed(db, "cannot import rates");
		rates_import_abort(db);
		return rc;
	}
	take_summary(r, s);
	res_free(r);
	if (dry_run) {
		rates_import_abort(db);
		return EX_OK;
	}
	if (db_command(db, "COMMIT", 0, NULL) < 0)
		return failed(db, "cannot import rates");
	return EX_OK;
}

void
rates_import_abort(struct kam_db *db)
{
	db_command(db, "ROLLBACK", 0, NULL);
}
