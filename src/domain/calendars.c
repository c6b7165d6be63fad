/* The calendars and one calendar's windows and holidays, for the
 * :calendars screen (kam/calendars.h). */
#include <stdio.h>

#include "kam/calendars.h"
#include "kam/countof.h"

/* A window's span: a closing time not after its opening is the next
 * day's (0025). */
#define SPAN(w) "to_char(" w ".opens, 'HH24:MI') || '-' || " \
	"to_char(" w ".closes, 'HH24:MI') || CASE WHEN " w ".closes <= " w \
	".opens THEN ' next day' ELSE '' END"
#define DAY_NAME(isodow) "(ARRAY['Mon','Tue','Wed','Thu','Fri','Sat','Sun'])" \
	"[" isodow "]"

/* The windows in short, as 0025 names support hours: the days of each
 * span ("Mon-Fri 08:00-18:00"), the spans by their first day. */
static const char calendars_sql[] =
	"SELECT c.name AS k, c.id, c.name, c.time_zone AS zone, "
	"coalesce((SELECT string_agg(kam.hours_name(s.days, s.opens, s.closes, "
	"NULL), ', ' ORDER BY s.days[1], s.opens) FROM (SELECT w.opens, w.closes, "
	"array_agg(w.isodow ORDER BY w.isodow) AS days "
	"FROM kam.calendar_window w WHERE w.calendar_id = c.id "
	"GROUP BY w.opens, w.closes) s), 'never open') AS hours, "
	"(SELECT count(*) FROM kam.calendar_holiday h "
	"WHERE h.calendar_id = c.id)::text AS holidays, "
	"coalesce((SELECT h.day || ' ' || h.name FROM kam.calendar_holiday h "
	"WHERE h.calendar_id = c.id "
	"AND h.day >= (now() AT TIME ZONE c.time_zone)::date "
	"ORDER BY h.day, h.closed_from NULLS FIRST LIMIT 1), '') AS next, "
	"(has_table_privilege('kam.calendar_holiday', 'INSERT') "
	"AND has_table_privilege('kam.calendar_holiday', 'UPDATE') "
	"AND has_table_privilege('kam.calendar_holiday', 'DELETE'))::text "
	"AS may_write "
	"FROM kam.calendar c ORDER BY c.name";

static const char *const calendar_names[CAL_NFIELDS] = {
	[CAL_KEY] = "k", [CAL_ID] = "id", [CAL_NAME] = "name",
	[CAL_ZONE] = "zone", [CAL_HOURS] = "hours",
	[CAL_HOLIDAYS] = "holidays", [CAL_NEXT] = "next",
	[CAL_WRITE] = "may_write",
};

static const struct db_columns calendar_cols =
	DB_COLUMNS("the calendars", calendar_names);

/* Windows sort before holidays by their key's first letter; a page at a
 * time after the key and id given ($2, $3; NULL from the start), bytes
 * compared so that the order does not hang on the server's collation. */
static const char days_sql[] =
	"SELECT k, id, version, kind, day, hours, name, source FROM ("
	"SELECT ('a' || w.isodow || to_char(w.opens, 'HH24:MI')) COLLATE \"C\" "
	"AS k, w.id, w.version::text AS version, "
	"'" CAL_KIND_WINDOW "' AS kind, " DAY_NAME("w.isodow") " AS day, "
	SPAN("w") " AS hours, '' AS name, '' AS source "
	"FROM kam.calendar_window w WHERE w.calendar_id = $1::bigint "
	"UNION ALL "
	"SELECT ('b' || h.day || coalesce(to_char(h.closed_from, 'HH24:MI'), '')) "
	"COLLATE \"C\", h.id, h.version::text, '" CAL_KIND_HOLIDAY "', "
	"h.day || ' ' || to_char(h.day, 'Dy'), "
	"CASE WHEN h.closed_from IS NULL AND h.closed_to IS NULL THEN 'whole day' "
	"WHEN h.closed_to IS NULL THEN 'from ' || to_char(h.closed_from, 'HH24:MI') "
	"WHEN h.closed_from IS NULL THEN 'until ' || to_char(h.closed_to, 'HH24:MI') "
	"ELSE to_char(h.closed_from, 'HH24:MI') || '-' || "
	"to_char(h.closed_to, 'HH24:MI') END, h.name, "
	"CASE WHEN h.uid IS NULL THEN 'typed' ELSE 'imported' END "
	"FROM kam.calendar_holiday h WHERE h.calendar_id = $1::bigint) r "
	"WHERE $2::text IS NULL OR (r.k, r.id) > ($2::text COLLATE \"C\", $3::bigint) "
	"ORDER BY r.k, r.id LIMIT $4::integer";

static const char *const day_names[CALD_NFIELDS] = {
	[CALD_KEY] = "k", [CALD_ID] = "id", [CALD_VERSION] = "version",
	[CALD_KIND] = "kind", [CALD_DAY] = "day", [CALD_HOURS] = "hours",
	[CALD_NAME] = "name", [CALD_SOURCE] = "source",
};

static const struct db_columns day_cols =
	DB_COLUMNS("a calendar's days", day_names);

bool
calendars_send(struct kam_db *db)
{
	return db_send_columns(db, calendars_sql, 0, NULL, &calendar_cols);
}

bool
calendar_days_send(struct kam_db *db, const char *calendar_id,
    const char *key, const char *id, int limit)
{
	char n[16];
	const char *p[] = { calendar_id, key, key != NULL ? id : NULL, n };

	snprintf(n, sizeof n, "%d", limit);
	return db_send_columns(db, days_sql, 4, p, &day_cols);
}
