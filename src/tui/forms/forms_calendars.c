/* A calendar's holiday and opening window forms (the :calendars
 * screen). How to define a form: form.h. */
#include <string.h>

#include "form_view.h"

#include "kam/countof.h"

static const struct form_field_def holiday_fields[] = {
	{ "day", "Day", FT_DATE, FF_REQUIRED,
	  .hint = "a date: 2026-12-24, +2w" },
	{ "name", "Name", FT_TEXT, FF_REQUIRED, .maxlen = 200,
	  .hint = "what the day is: Christmas Eve, company outing" },
	{ "closed_from", "Closed from", FT_TIME, 0,
	  .hint = "a part day closes from H:MM; empty: from the day's start" },
	{ "closed_to", "Closed until", FT_TIME, 0,
	  .hint = "... until H:MM (24:00 the day's end); both empty: all day" },
};

/* As part_day_order says (0025), before the database has to. */
static void
holiday_check(struct form *f, const struct edit_row *row)
{
	form_check_order(f, row, "closed_from", "closed_to", true);
}

static const char *
holiday_note(const struct form *f)
{
	return f->row.id == NULL ? NULL : "A change moves the due times the "
	    "calendar's clock gives from now on; an imported holiday stays the "
	    "file's, and its next import sets its name again.";
}

const struct form_def form_holiday = {
	"holiday", "New holiday", "Edit holiday", EE_HOLIDAY,
	holiday_fields, countof(holiday_fields), "Holiday saved.",
	holiday_check, NULL, holiday_note, EW_NONE, NULL, FO_NONE,
};

static const char *const weekdays[] = {
	"1", "Mon", "2", "Tue", "3", "Wed", "4", "Thu", "5", "Fri", "6", "Sat",
	"7", "Sun", NULL,
};

static const struct form_field_def window_fields[] = {
	{ "isodow", "Day", FT_CHOICE, FF_REQUIRED, .choices = weekdays,
	  .initial = "1", .hint = "Left and Right choose, a letter jumps" },
	{ "opens", "Opens", FT_TIME, FF_REQUIRED, .hint = "H:MM, like 8:00" },
	{ "closes", "Closes", FT_TIME, FF_REQUIRED,
	  .hint = "H:MM; not after Opens: the next day (22:00 to 6:00); "
	  "24:00 the day's end" },
};

/* As the window's constraints say (0025), before the database has to. */
static void
window_check(struct form *f, const struct edit_row *row)
{
	const char *opens = form_row_value(f, row, "opens");
	const char *closes = form_row_value(f, row, "closes");

	if (opens != NULL && strcmp(opens, "24:00") == 0)
		form_set_error(f, "opens", "must be before 24:00");
	else if (opens != NULL && closes != NULL && strcmp(opens, closes) == 0)
		form_set_error(f, "closes", "is the opening time: a window is "
		    "open for some time");
}

const struct form_def form_window = {
	"window", "New opening window", "Edit opening window", EE_WINDOW,
	window_fields, countof(window_fields), "Opening window saved.",
	window_check, NULL, NULL, EW_NONE, NULL, FO_NONE,
};
