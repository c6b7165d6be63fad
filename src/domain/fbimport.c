/* Feedback rows in (kam/fbimport.h). COPY cannot feed a table under
 * row-level security, so the rows go through a temporary table and one
 * INSERT ... SELECT, as the rates do; the matching and the rights are the
 * database's (kam.feedback_match, kam.feedback_may_log: 0048). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/copytext.h"
#include "kam/countof.h"
#include "kam/fbimport.h"
#include "kam/log.h"

#define REPORT_PAGE "500"

static int
failed(struct kam_db *db)
{
	log_warn("cannot import feedback: %s", db_error(db));
	return db_error_code(db);
}

int
fbimport_begin(struct kam_db *db)
{
	if (db_command(db, "BEGIN", 0, NULL) < 0)
		return failed(db);
	if (db_command(db, "CREATE TEMPORARY TABLE feedback_stage (line bigint, "
	    "row_id text, occurred text, email text, erp_id text, kind text, "
	    "nps smallint, topics text, subject text, body text, "
	    "account_id bigint, contact_id bigint, state text, why text) "
	    "ON COMMIT DROP", 0, NULL) < 0) {
		int rc = failed(db);

		fbimport_abort(db);
		return rc;
	}
	return EX_OK;
}

/* The row's fields in the staging table's order, after its line. */
static const enum fb_field staged[] = { FB_ID, FB_DATE, FB_EMAIL, FB_ACCOUNT,
	FB_KIND, FB_NPS, FB_TOPICS, FB_SUBJECT, FB_TEXT };

void
fbimport_row(struct kam_buf *batch, const struct fb_row *row)
{
	buf_addf(batch, "%ld", row->line);
	for (size_t i = 0; i < countof(staged); i++) {
		const char *v = row->v[staged[i]];

		buf_addc(batch, '\t');
		if (v == NULL)
			buf_adds(batch, "\\N");
		else
			copytext_escape(batch, v, strlen(v));
	}
	buf_adds(batch, "\t\\N\t\\N\t\\N\t\\N\n");
}

int
fbimport_stage(struct kam_db *db, const char *lines, size_t len)
{
	if (len == 0 || db_copy_in(db, "COPY pg_temp.feedback_stage FROM STDIN",
	    lines, len))
		return EX_OK;
	return failed(db);
}

enum { DUP_ID, DUP_FIRST, DUP_SECOND, DUP_NCOLS };
static const char *const dup_names[DUP_NCOLS] = {
	[DUP_ID] = "row_id", [DUP_FIRST] = "first_line",
	[DUP_SECOND] = "second_line",
};
static const struct db_columns dup_cols = DB_COLUMNS("feedback id twice",
    dup_names);

/* One id on two rows of one file: which of them is the answer is not
 * for the order of the lines to say. */
static int
check_twice(struct kam_db *db, fbimport_report report, void *ctx)
{
	struct kam_res *r = res_columns(db, db_query(db, "SELECT row_id, "
	    "min(line) AS first_line, (array_agg(line ORDER BY line))[2] AS "
	    "second_line FROM pg_temp.feedback_stage GROUP BY row_id "
	    "HAVING count(*) > 1 ORDER BY 3 LIMIT 20", 0, NULL), &dup_cols);
	struct kam_buf why;
	int n;

	if (r == NULL)
		return failed(db);
	buf_init(&why);
	n = res_rows(r);
	for (int i = 0; i < n; i++) {
		buf_reset(&why);
		buf_addf(&why, "id %s again (first on line %s)",
		    res_get(r, i, DUP_ID), res_get(r, i, DUP_FIRST));
		report(ctx, strtol(res_get(r, i, DUP_SECOND), NULL, 10), why.data);
	}
	buf_free(&why);
	res_free(r);
	return n > 0 ? EX_DATAERR : EX_OK;
}

/* Each row's state: already imported, not matched (why), for an account
 * the user may not write (why), or new. */
static const char match_sql[] =
	"UPDATE pg_temp.feedback_stage s SET state = 'already' "
	"WHERE EXISTS (SELECT 1 FROM kam.interaction i "
	"WHERE i.source = $1 AND i.source_id = s.row_id)";
static const char resolve_sql[] =
	"UPDATE pg_temp.feedback_stage s SET (account_id, contact_id, why) = "
	"(SELECT m.account_id, m.contact_id, m.why "
	"FROM kam.feedback_match(s.email, s.erp_id) m) WHERE s.state IS NULL";
static const char rights_sql[] =
	"UPDATE pg_temp.feedback_stage s SET state = CASE "
	"WHEN s.account_id IS NULL THEN 'unmatched' "
	"WHEN kam.feedback_may_log(s.account_id) THEN 'new' "
	"ELSE 'refused' END, why = CASE "
	"WHEN s.account_id IS NULL OR kam.feedback_may_log(s.account_id) "
	"THEN s.why ELSE (SELECT format('account %s%s: yours to read, not to "
	"log on', a.name, ' (' || a.erp_id || ')') FROM kam.account a "
	"WHERE a.id = s.account_id) END WHERE s.state IS NULL";

static int
resolve(struct kam_db *db, const char *source)
{
	const char *p[] = { source };

	if (db_command(db, match_sql, 1, p) < 0 ||
	    db_command(db, resolve_sql, 0, NULL) < 0 ||
	    db_command(db, rights_sql, 0, NULL) < 0)
		return failed(db);
	return EX_OK;
}

enum { NOT_LINE, NOT_WHY, NOT_NCOLS };
static const char *const not_names[NOT_NCOLS] = {
	[NOT_LINE] = "line", [NOT_WHY] = "why",
};
static const struct db_columns not_cols = DB_COLUMNS("feedback not imported",
    not_names);

/* The rows not imported, a page at a time through a cursor: a file of
 * strangers' answers takes no more memory than a page of them. */
static int
report_rows(struct kam_db *db, fbimport_report report, void *ctx)
{
	struct kam_res *r;
	int n;

	if (db_command(db, "DECLARE feedback_not CURSOR FOR SELECT line, why "
	    "FROM pg_temp.feedback_stage WHERE state IN ('unmatched', "
	    "'refused') ORDER BY line", 0, NULL) < 0)
		return failed(db);
	do {
		if ((r = res_columns(db, db_query(db, "FETCH " REPORT_PAGE
		    " FROM feedback_not", 0, NULL), &not_cols)) == NULL)
			return failed(db);
		n = res_rows(r);
		for (int i = 0; i < n; i++)
			report(ctx, strtol(res_get(r, i, NOT_LINE), NULL, 10),
			    res_get(r, i, NOT_WHY));
		res_free(r);
	} while (n > 0);
	if (db_command(db, "CLOSE feedback_not", 0, NULL) < 0)
		return failed(db);
	return EX_OK;
}

enum { SUM_ROWS, SUM_ADDED, SUM_ALREADY, SUM_UNMATCHED, SUM_REFUSED,
	SUM_NCOLS };
static const char *const sum_names[SUM_NCOLS] = {
	[SUM_ROWS] = "rows", [SUM_ADDED] = "added", [SUM_ALREADY] = "already",
	[SUM_UNMATCHED] = "unmatched", [SUM_REFUSED] = "refused",
};
static const struct db_columns sum_cols = DB_COLUMNS("feedback imported",
    sum_names);

/* An inbound entry each, in the file's order; its subject the row's own,
 * else the first line of its text, else its score. The kind the row
 * names, else its score's by the company's rule (kam.nps_kind); topics
 * nobody used yet are proposed, as typing them would. A row imported
 * meanwhile by someone else is left alone (ON CONFLICT). */
static const char write_sql[] =
	"WITH w AS (INSERT INTO kam.interaction (account_id, contact_id, "
	"occurred_at, channel, direction, subject, body, feedback, nps_score, "
	"topic_ids, source, source_id) "
	"SELECT s.account_id, s.contact_id, s.occurred::timestamptz, 'email', "
	"'inbound', coalesce(s.subject, nullif(left(btrim(split_part(s.body, "
	"E'\\n', 1), E' \\t'), 80), ''), 'NPS ' || s.nps || ' from ' || $1, "
	"initcap(s.kind) || ' from ' || $1), s.body, "
	"coalesce(s.kind, kam.nps_kind(s.nps)), s.nps, "
	"kam.topic_ids_of(s.topics, true), $1, s.row_id "
	"FROM pg_temp.feedback_stage s WHERE s.state = 'new' ORDER BY s.line "
	"ON CONFLICT (source, source_id) WHERE source IS NOT NULL DO NOTHING "
	"RETURNING 1) "
	"SELECT (SELECT count(*) FROM pg_temp.feedback_stage) AS rows, "
	"(SELECT count(*) FROM w) AS added, "
	"(SELECT count(*) FROM pg_temp.feedback_stage WHERE state = 'already') "
	"AS already, "
	"(SELECT count(*) FROM pg_temp.feedback_stage WHERE state = 'unmatched') "
	"AS unmatched, "
	"(SELECT count(*) FROM pg_temp.feedback_stage WHERE state = 'refused') "
	"AS refused";

static int
write_rows(struct kam_db *db, const char *source, struct fbimport_summary *s)
{
	const char *p[] = { source };
	struct kam_res *r = res_columns(db, db_query(db, write_sql, 1, p),
	    &sum_cols);

	if (r == NULL)
		return failed(db);
	s->rows = strtol(res_get(r, 0, SUM_ROWS), NULL, 10);
	s->added = strtol(res_get(r, 0, SUM_ADDED), NULL, 10);
	s->already = strtol(res_get(r, 0, SUM_ALREADY), NULL, 10);
	s->unmatched = strtol(res_get(r, 0, SUM_UNMATCHED), NULL, 10);
	s->refused = strtol(res_get(r, 0, SUM_REFUSED), NULL, 10);
	res_free(r);
	return EX_OK;
}

int
fbimport_finish(struct kam_db *db, const char *source, bool dry_run,
    fbimport_report report, void *ctx, struct fbimport_summary *s)
{
	int rc;

	memset(s, 0, sizeof *s);
	if ((rc = check_twice(db, report, ctx)) != EX_OK ||
	    (rc = resolve(db, source)) != EX_OK ||
	    (rc = report_rows(db, report, ctx)) != EX_OK ||
	    (rc = write_rows(db, source, s)) != EX_OK) {
		fbimport_abort(db);
		return rc;
	}
	if (dry_run) {
		fbimport_abort(db);
		return EX_OK;
	}
	if (db_command(db, "COMMIT", 0, NULL) < 0)
		return failed(db);
	return EX_OK;
}

void
fbimport_abort(struct kam_db *db)
{
	db_command(db, "ROLLBACK", 0, NULL);
}
