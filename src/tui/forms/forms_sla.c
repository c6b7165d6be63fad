/* The service level form: name, response and resolution times, support
 * days and hours in a time zone, channels, escalation, goodwill and
 * validity. How to define a form: form.h. */
#include <string.h>

#include "form_view.h"

#include "kam/countof.h"

/* ISO weekdays, as support_days holds them */
static const char *const days[] = {
	"1", "Mon", "2", "Tue", "3", "Wed", "4", "Thu", "5", "Fri", "6", "Sat",
	"7", "Sun", NULL,
};
static const char *const channels[] = {
	"phone", "phone", "email", "email", "portal", "portal", "chat", "chat",
	"onsite", "onsite", NULL,
};

static const struct form_field_def fields[] = {
	{ "name", "Name", FT_TEXT, FF_REQUIRED, .maxlen = 100,
	  .hint = "Platinum, Gold, Standard, ..." },
	{ "first_response", "First response", FT_INTERVAL, FF_REQUIRED,
	  .hint = "a duration: 30m, 4h, 1d 4h" },
	{ "resolution", "Resolution", FT_INTERVAL, FF_REQUIRED,
	  .hint = "a duration, at least the first response: 8h, 2d" },
	{ "support_days", "Support days", FT_SET, FF_REQUIRED, .choices = days,
	  .initial = "Mon-Fri", .hint = "Mon-Fri, Mon-Sun, Mon, Wed, Fri" },
	{ "support_from", "Support from", FT_TIME, 0,
	  .hint = "H:MM, like 8:00; empty with Support until: all day" },
	{ "support_to", "Support until", FT_TIME, 0,
	  .hint = "H:MM, like 18:00 or 24:00; before Support from: across "
	  "midnight (22:00 to 6:00)" },
	{ "time_zone", "Time zone", FT_ZONE, FF_REQUIRED, .maxlen = 64,
	  .pick = EP_COUNTRY,
	  .hint = "of the support hours: Europe/Berlin, UTC; a new one's from "
	  "the account's country" },
	{ "channels", "Channels", FT_SET, FF_REQUIRED, .choices = channels,
	  .initial = "phone, email",
	  .hint = "some of phone, email, portal, chat, onsite" },
	{ "escalation_contact_id", "Escalate to", FT_PICK, 0, .pick = EP_CONTACTS,
	  .hint = "one of the account's contacts; Left and Right choose" },
	{ "escalation", "Escalation", FT_TEXT, 0, .maxlen = 500,
	  .hint = "what else to do: Call the duty manager" },
	{ "goodwill_policy", "Goodwill", FT_LONGTEXT, 0,
	  .hint = "Enter starts a new line" },
	{ "valid_from", "Valid from", FT_DATE, FF_REQUIRED, .initial = "today",
	  .hint = "a date: 2026-01-01, today" },
	{ "valid_to", "Valid to", FT_DATE, 0,
	  .hint = "the last day it applies; empty: no end" },
};

static void
times_check(struct form *f)
{
	long response, resolution;
	const char *a = form_field_of(f, "first_response")->ed.text.data;
	const char *b = form_field_of(f, "resolution")->ed.text.data;

	if (!form_interval_minutes(a, &response) ||
	    !form_interval_minutes(b, &resolution))
		return;
	if (response == 0)
		form_set_error(f, "first_response", "must be longer than 0");
	else if (resolution < response)
		form_set_error(f, "resolution", "is shorter than the first response");
}

/* A window runs from its start to its end, across midnight when the
 * end comes first (22:00 to 06:00 opens on the support days' evenings),
 * as kam.support_open reads it (migration 0019). */
static void
window_check(struct form *f, const struct edit_row *row)
{
	const char *from = form_row_value(f, row, "support_from");
	const char *to = form_row_value(f, row, "support_to");

	form_check_both(f, row, "support_from", "support_to");
	if (from != NULL && strcmp(from, "24:00") == 0)
		form_set_error(f, "support_from", "is the end of the day: support "
		    "starts at 23:59 at the latest");
	else if (from != NULL && to != NULL && strcmp(from, to) == 0)
		form_set_error(f, "support_to", "is the same as Support from (all "
		    "day: leave both empty)");
}

static void
sla_check(struct form *f, const struct edit_row *row)
{
	times_check(f);
	window_check(f, row);
	form_check_order(f, row, "valid_from", "valid_to", false);
}

const struct form_def form_service_level = {
	"service-level", "New service level", "Edit service level",
	EE_SERVICE_LEVEL, fields, countof(fields), "Service level saved.",
	sla_check, NULL, NULL, EW_SLA_OVERLAP,
	"Overlaps another service level:", FO_NONE,
};
