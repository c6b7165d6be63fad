/* Business calendars as the :calendars screen reads them (migrations
 * 0025, 0035, 0039): every calendar with its time zone, its opening
 * windows in short and its holidays counted; and for one calendar its
 * opening windows and holidays as rows of one table. Asynchronous like
 * kam/queue.h: *_send() starts the statement, acct_rows_recv() collects
 * it, its cells by the enums below. Values are raw: sanitise before
 * printing. */
#ifndef KAM_CALENDARS_H
#define KAM_CALENDARS_H

#include <stdbool.h>

#include "kam/db.h"

/* CAL_HOURS: the windows in short ("Mon-Fri 08:00-18:00"); CAL_NEXT the
 * next holiday from today in the calendar's zone ("" none); CAL_WRITE
 * "t" when the user's login may change its windows and holidays (the
 * grants of 0025: administrators). */
enum cal_field {
	CAL_KEY, CAL_ID, CAL_NAME, CAL_ZONE, CAL_HOURS, CAL_HOLIDAYS, CAL_NEXT,
	CAL_WRITE, CAL_NFIELDS
};

/* A calendar's rows: its opening windows (CALD_KIND "window", CALD_DAY the
 * weekday) first, then its holidays by day (CALD_KIND "holiday", CALD_DAY
 * the date and weekday). CALD_HOURS "08:00-18:00", "22:00-06:00 next day",
 * "whole day", "from 12:00", "until 10:00"; CALD_SOURCE "imported" (from
 * an iCalendar file) or "typed", "" for a window. */
enum cal_day_field {
	CALD_KEY, CALD_ID, CALD_VERSION, CALD_KIND, CALD_DAY, CALD_HOURS, CALD_NAME,
	CALD_SOURCE, CALD_NFIELDS
};

#define CAL_KIND_WINDOW		"window"
#define CAL_KIND_HOLIDAY	"holiday"

bool	calendars_send(struct kam_db *db);
/* At most limit rows after (key, id), the last row's CALD_KEY and
 * CALD_ID; from the start when key is NULL. */
bool	calendar_days_send(struct kam_db *db, const char *calendar_id,
	    const char *key, const char *id, int limit);

#endif
