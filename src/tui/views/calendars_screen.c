/* The business calendars (:calendars) and one calendar's days: two
 * tables of their own, not tabs of an account. The first lists every
 * calendar (kam/calendars.h); Enter opens the second, the calendar's
 * opening windows and then its holidays, whose rows the forms of
 * forms_calendars.c change. Who may change them the database says (0025:
 * administrators); the client asks it once with the list and refuses the
 * keys for anyone else, before the database would. Both are live: a
 * change to a calendar, a window or a holiday reads them again. */
#include <stdlib.h>

#include "calendars_screen.h"
#include "form_view.h"
#include "forms.h"
#include "message.h"
#include "services.h"
#include "table_tab.h"
#include "kam/calendars.h"
#include "kam/countof.h"
#include "kam/xalloc.h"

/* a calendar's days a fetch: ten years of holidays, imported, are a few
 * hundred */
#define PAGE 200

static const char *const calendar_tables[] = { "calendar", "calendar_window",
    "calendar_holiday", NULL };

static const struct table_col calendar_cols[] = {
	{ "Calendar", CAL_NAME, 12, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Time zone", CAL_ZONE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Opening hours", CAL_HOURS, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Holidays", CAL_HOLIDAYS, 0, ALIGN_RIGHT, TC_TEXT, COL_WHOLE },
	{ "Next holiday", CAL_NEXT, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
};

static const struct table_col day_cols[] = {
	{ "Kind", CALD_KIND, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Day", CALD_DAY, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Hours", CALD_HOURS, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Name", CALD_NAME, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Source", CALD_SOURCE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
};

void
calendar_open_free(struct calendar_open *c)
{
	free(c->id);
	free(c->name);
	free(c->zone);
	*c = (struct calendar_open){ 0 };
}

static bool
send_days(struct table_tab *tt, struct tui *t)
{
	const char *key, *id;

	table_tab_last_key(tt, &key, &id);
	return calendar_days_send(t->db, t->calendar.id, key, id, PAGE);
}

static bool
is_window(const struct table_tab *tt, size_t row)
{
	return table_cell_is(&tt->tb.rows, row, CALD_KIND, CAL_KIND_WINDOW);
}

/* D: the row under the cursor deleted, asked first. */
static void
delete_row(struct table_tab *tt, struct tui *t, size_t row)
{
	const struct acct_rows *r = &tt->tb.rows;
	bool window = is_window(tt, row);
	struct kam_buf q;

	buf_init(&q);
	if (window)
		buf_addf(&q, "Delete the opening window %s %s?",
		    acct_rows_get(r, row, CALD_DAY), acct_rows_get(r, row, CALD_HOURS));
	else
		buf_addf(&q, "Delete the holiday “%s” on %s?",
		    acct_rows_get(r, row, CALD_NAME), acct_rows_get(r, row, CALD_DAY));
	table_tab_op(tt, t, window ? EOP_WINDOW_DELETE : EOP_HOLIDAY_DELETE,
	    acct_rows_get(r, row, CALD_ID), acct_rows_get(r, row, CALD_VERSION),
	    window ? "Opening window deleted." : "Holiday deleted.", q.data);
	buf_free(&q);
}

/* a, e and D; a adds a holiday, or an opening window on a window's
 * row. */
static bool
days_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	size_t row = tt->tb.nav.cursor;
	bool here = row < tt->tb.rows.nrows;
	const struct form_def *form = here && is_window(tt, row) ?
	    &form_window : &form_holiday;

	if (a != ACT_FORM_ADD && a != ACT_FORM_EDIT && a != ACT_FORM_DEACTIVATE)
		return false;
	if (!t->calendar.write)
		tui_message(t, true, "Read only: only administrators change "
		    "calendars (the database refuses anyone else).");
	else if (a == ACT_FORM_ADD)
		form_view_open(t, form, t->calendar.id, t->calendar.name, NULL);
	else if (!here)
		tui_message(t, true, "No opening window or holiday under the "
		    "cursor (a adds a holiday).");
	else if (a == ACT_FORM_EDIT)
		form_view_open(t, form, t->calendar.id, t->calendar.name,
		    acct_rows_get(&tt->tb.rows, row, CALD_ID));
	else
		delete_row(tt, t, row);
	return true;
}

static void
days_title(struct table_tab *tt, struct tui *t, struct kam_buf *out)
{
	(void)tt;
	buf_addf(out, "Calendar %s (%s)", t->calendar.name, t->calendar.zone);
}

static void
days_status(struct table_tab *tt, struct tui *t, struct kam_buf *out)
{
	(void)tt;
	buf_adds(out, t->calendar.write ? " | a add, e edit, D delete" :
	    " | read only");
}

static const struct table_tab_def days = {
	.what = "Days", .cols = day_cols, .ncols = (int)countof(day_cols),
	.live = calendar_tables, .id_field = CALD_KEY,	/* ids of kinds meet */
	.page = PAGE,
	.empty = "No opening windows and no holidays: never open.",
	.action = days_action, .send = send_days, .title = days_title,
	.status = days_status,
};

static void
open_calendar(struct table_tab *tt, struct tui *t)
{
	const struct acct_rows *r = &tt->tb.rows;
	size_t i = tt->tb.nav.cursor;

	calendar_open_free(&t->calendar);
	t->calendar.id = xstrdup(acct_rows_get(r, i, CAL_ID));
	t->calendar.name = xstrdup(acct_rows_get(r, i, CAL_NAME));
	t->calendar.zone = xstrdup(acct_rows_get(r, i, CAL_ZONE));
	t->calendar.write = table_cell_is(r, i, CAL_WRITE, "true");
	tui_push(t, table_tab_new(NULL, &days));
}

static bool
send_calendars(struct table_tab *tt, struct tui *t)
{
	(void)tt;
	return calendars_send(t->db);
}

/* Enter opens one; so does e, the way to its windows and holidays. */
static bool
calendars_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	if (a != ACT_FORM_ADD && a != ACT_FORM_EDIT && a != ACT_FORM_DEACTIVATE)
		return false;
	if (a == ACT_FORM_EDIT && tt->tb.nav.cursor < tt->tb.rows.nrows)
		open_calendar(tt, t);
	else
		tui_message(t, true, "Enter opens a calendar: its opening windows "
		    "and holidays are changed there.");
	return true;
}

static const struct table_tab_def calendars = {
	.what = "Calendars", .cols = calendar_cols,
	.ncols = (int)countof(calendar_cols),
	.live = calendar_tables, .id_field = CAL_ID,
	.empty = "No business calendars.",
	.enter = open_calendar, .action = calendars_action,
	.send = send_calendars,
};

void
view_calendars_show(struct tui *t)
{
	if (table_tab_is(t->top, &calendars))
		tui_reload(t, t->top);
	else
		tui_push(t, table_tab_new(NULL, &calendars));
}
