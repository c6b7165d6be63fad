/* A calendar's holidays from an iCalendar file (kam/holidays.h). COPY
 * cannot feed a table under row-level security, so the occurrences go
 * through a temporary table and one statement writes them (as rates.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/holidays.h"
#include "kam/log.h"

static int
failed(struct kam_db *db)
{
	log_warn("cannot import holidays: %s", db_error(db));
	return db_error_code(db);
}

enum { CAL_MAY, CAL_ZONE, CAL_NCOLS };
static const char *const cal_names[CAL_NCOLS] = {
	[CAL_MAY] = "may", [CAL_ZONE] = "time_zone",
};
static const struct db_columns cal_cols = DB_COLUMNS("calendar", cal_names);

int
holidays_calendar(struct kam_db *db, const char *calendar, char zone[64])
{
	const char *p[] = { calendar };
	struct kam_res *r = res_columns(db, db_query(db, "SELECT "
	    "has_table_privilege('kam.calendar_holiday', 'INSERT, UPDATE, DELETE') "
	    "AS may, (SELECT time_zone FROM kam.calendar WHERE name = $1) "
	    "AS time_zone", 1, p), &cal_cols);
	int rc = EX_OK;

	if (r == NULL)
		return failed(db);
	if (strcmp(res_get(r, 0, CAL_MAY), "t") != 0) {
		log_warn("cannot import holidays: only kam administrators keep "
		    "calendars");
		rc = EX_NOPERM;
	} else if (res_get(r, 0, CAL_ZONE) == NULL) {
		log_warn("no calendar named '%s'", calendar);
		rc = EX_DATAERR;
	} else
		snprintf(zone, 64, "%s", res_get(r, 0, CAL_ZONE));
	res_free(r);
	return rc;
}

enum { SUM_DAYS, SUM_ADDED, SUM_CHANGED, SUM_REMOVED, SUM_FIRST, SUM_LAST,
	SUM_NCOLS };
static const char *const sum_names[SUM_NCOLS] = {
	[SUM_DAYS] = "days", [SUM_ADDED] = "added", [SUM_CHANGED] = "changed",
	[SUM_REMOVED] = "removed", [SUM_FIRST] = "first", [SUM_LAST] = "last",
};
static const struct db_columns sum_cols = DB_COLUMNS("holidays imported",
    sum_names);

/* One day closed twice by the file (an RDATE on a rule's day, two events
 * on one day) is one holiday: the first in the file names it. Days of
 * the file's events that it no longer closes go, within the window it
 * was read over ($2 to $3): the years before stay, as history. A holiday
 * as it was is left alone (no audit entry for nothing); xmax = 0 tells
 * an inserted row from an updated one. */
static const char write_sql[] =
	"WITH c AS (SELECT id, time_zone FROM kam.calendar WHERE name = $1), "
	"want AS (SELECT DISTINCT ON (d.day, d.closed_from, d.closed_to) "
	"c.id AS calendar_id, i.uid, i.name, d.day, d.closed_from, d.closed_to "
	"FROM c, pg_temp.holiday_import i CROSS JOIN LATERAL "
	"kam.holiday_days(c.time_zone, i.kind, i.starts, i.ends) d "
	"ORDER BY d.day, d.closed_from, d.closed_to, i.n), "
	"gone AS (DELETE FROM kam.calendar_holiday h USING c "
	"WHERE h.calendar_id = c.id AND h.day BETWEEN $2::date AND $3::date "
	"AND h.uid IN (SELECT uid FROM "
	"pg_temp.holiday_import) AND NOT EXISTS (SELECT 1 FROM want w "
	"WHERE w.day = h.day AND w.closed_from IS NOT DISTINCT FROM h.closed_from "
	"AND w.closed_to IS NOT DISTINCT FROM h.closed_to) RETURNING 1), "
	"w AS (INSERT INTO kam.calendar_holiday AS h (calendar_id, day, name, "
	"closed_from, closed_to, uid) SELECT calendar_id, day, name, closed_from, "
	"closed_to, uid FROM want ON CONFLICT ON CONSTRAINT holiday_once "
	"DO UPDATE SET name = EXCLUDED.name, uid = EXCLUDED.uid "
	"WHERE (h.name, h.uid) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.uid) "
	"RETURNING xmax = 0 AS added) "
	"SELECT (SELECT count(*) FROM want) AS days, "
	"(SELECT count(*) FROM w WHERE added) AS added, "
	"(SELECT count(*) FROM w WHERE NOT added) AS changed, "
	"(SELECT count(*) FROM gone) AS removed, "
	"(SELECT min(day)::text FROM want) AS first, "
	"(SELECT max(day)::text FROM want) AS last";

static void
take_summary(const struct kam_res *r, struct holidays_summary *s)
{
	s->days = strtol(res_get(r, 0, SUM_DAYS), NULL, 10);
	s->added = strtol(res_get(r, 0, SUM_ADDED), NULL, 10);
	s->changed = strtol(res_get(r, 0, SUM_CHANGED), NULL, 10);
	s->removed = strtol(res_get(r, 0, SUM_REMOVED), NULL, 10);
	snprintf(s->first, sizeof s->first, "%s", res_get(r, 0, SUM_FIRST) ?
	    res_get(r, 0, SUM_FIRST) : "");
	snprintf(s->last, sizeof s->last, "%s", res_get(r, 0, SUM_LAST) ?
	    res_get(r, 0, SUM_LAST) : "");
}

static int
write_staged(struct kam_db *db, const struct holidays_batch *b,
    struct holidays_summary *s)
{
	const char *p[] = { b->calendar, b->from, b->until };
	struct kam_res *r;

	if (db_command(db, "CREATE TEMPORARY TABLE holiday_import (n bigserial, "
	    "uid text, name text, kind text, starts text, ends text) "
	    "ON COMMIT DROP", 0, NULL) < 0 ||
	    (b->len > 0 && !db_copy_in(db, "COPY pg_temp.holiday_import (uid, "
	    "name, kind, starts, ends) FROM STDIN", b->lines, b->len)) ||
	    (r = res_columns(db, db_query(db, write_sql, 3, p), &sum_cols)) == NULL)
		return failed(db);
	take_summary(r, s);
	res_free(r);
	return EX_OK;
}

int
holidays_import(struct kam_db *db, const struct holidays_batch *b,
    bool dry_run, struct holidays_summary *s)
{
	int rc;

	memset(s, 0, sizeof *s);
	if (db_command(db, "BEGIN", 0, NULL) < 0)
		return failed(db);
	if ((rc = write_staged(db, b, s)) != EX_OK || dry_run) {
		db_command(db, "ROLLBACK", 0, NULL);
		return rc;
	}
	if (db_command(db, "COMMIT", 0, NULL) < 0)
		return failed(db);
	return EX_OK;
}
