/* A calendar's holidays and opening windows as the :calendars screen's
 * forms change them (see edit_entity.h for the statements' shape; the
 * "account" of a new row is its calendar), and deleting one. Only
 * administrators may (0025's grants and policies); every change is
 * audited (0025) and rebuilds the calendar's kept open ranges (0036). */
#include "edit_entity.h"
#include "kam/countof.h"

#define IU (EC_INSERT | EC_UPDATE)
#define REFUSED "The database lets administrators only change calendars"

static const struct edit_column holiday_cols[] = {
	{ "day", IU }, { "closed_from", IU }, { "closed_to", IU }, { "name", IU },
};

static const struct edit_constraint holiday_constraints[] = {
	{ "calendar_holiday_name_check", "name", "must not be empty" },
	{ "part_day_order", "closed_to", "is not after Closed from" },
	{ "holiday_once", "day",
	  "has a holiday with these hours already in this calendar" },
	{ "calendar_holiday_calendar_id_fkey", NULL, "the calendar has gone" },
	{ NULL, NULL, NULL },
};

const struct edit_entity_def edit_holiday_def = {
	"calendar_holiday", holiday_cols, countof(holiday_cols),
	"SELECT version, day, " TIME_OR_EXACT("closed_from") " AS closed_from, "
	TIME_OR_EXACT("closed_to") " AS closed_to, name "
	"FROM kam.calendar_holiday WHERE id = $1::bigint",
	"INSERT INTO kam.calendar_holiday (client_key, calendar_id, day, "
	"closed_from, closed_to, name) VALUES ($1::uuid, $2::bigint, $3::date, "
	"$4::time, $5::time, $6) ON CONFLICT (client_key) DO NOTHING "
	"RETURNING id, version",
	"SELECT id, version FROM kam.calendar_holiday WHERE client_key = $1::uuid",
	"UPDATE kam.calendar_holiday SET day = $3::date, closed_from = $4::time, "
	"closed_to = $5::time, name = $6 "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	holiday_constraints, REFUSED,
};

static const struct edit_column window_cols[] = {
	{ "isodow", IU }, { "opens", IU }, { "closes", IU },
};

static const struct edit_constraint window_constraints[] = {
	{ "calendar_window_isodow_check", "isodow", "is not a day of the week" },
	{ "window_not_empty", "closes",
	  "is the opening time: a window is open for some time" },
	{ "window_start", "opens", "must be before 24:00" },
	{ "calendar_window_calendar_id_fkey", NULL, "the calendar has gone" },
	{ NULL, NULL, NULL },
};

const struct edit_entity_def edit_window_def = {
	"calendar_window", window_cols, countof(window_cols),
	"SELECT version, isodow::text AS isodow, " TIME_OR_EXACT("opens")
	" AS opens, " TIME_OR_EXACT("closes") " AS closes "
	"FROM kam.calendar_window WHERE id = $1::bigint",
	"INSERT INTO kam.calendar_window (client_key, calendar_id, isodow, "
	"opens, closes) VALUES ($1::uuid, $2::bigint, $3::smallint, $4::time, "
	"$5::time) ON CONFLICT (client_key) DO NOTHING RETURNING id, version",
	"SELECT id, version FROM kam.calendar_window WHERE client_key = $1::uuid",
	"UPDATE kam.calendar_window SET isodow = $3::smallint, opens = $4::time, "
	"closes = $5::time "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	window_constraints, REFUSED,
};

/* Deleted only at the version shown; done once it is gone. */
const struct edit_op_def edit_holiday_delete = {
	"DELETE FROM kam.calendar_holiday "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	"SELECT NOT EXISTS (SELECT 1 FROM kam.calendar_holiday "
	"WHERE id = $1::bigint) AS done",
	false,
};

const struct edit_op_def edit_window_delete = {
	"DELETE FROM kam.calendar_window "
	"WHERE id = $1::bigint AND version = $2::int RETURNING version",
	"SELECT NOT EXISTS (SELECT 1 FROM kam.calendar_window "
	"WHERE id = $1::bigint) AS done",
	false,
};
