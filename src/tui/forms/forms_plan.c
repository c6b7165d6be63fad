/* The account plan form (a year's plan: target, annual talk, innovation
 * access, objectives, status) and the plan action form. How to define a
 * form: form.h. */
#include <stdlib.h>
#include <string.h>

#include "form_view.h"

#include "kam/countof.h"
#include "kam/date.h"

static const char *const plan_statuses[] = {
	"draft", "draft", "active", "active", "closed", "closed", NULL,
};

static const struct form_field_def plan_fields[] = {
	{ "year", "Year", FT_NUMBER, FF_REQUIRED, .digits = 4, .initial = "year",
	  .hint = "one plan per account and year" },
	{ "status", "Status", FT_CHOICE, FF_REQUIRED, .choices = plan_statuses,
	  .initial = "draft", .hint = "draft, active or closed" },
	{ "revenue_target", "Revenue target", FT_MONEY, FF_NONNEG, .digits = 16,
	  .hint = "in the account's currency: 250000 or 250000.00" },
	{ "annual_talk_on", "Annual talk", FT_DATE, 0,
	  .hint = "the day of the annual talk: 2026-03-15, +2w" },
	{ "talk_held_on", "Talk held on", FT_DATE, 0,
	  .hint = "the day it took place: today, 2026-03-15; empty until then" },
	{ "innovation_access", "Innovation", FT_BOOL, 0, .initial = "f",
	  .hint = "priority access to new products: Space changes it" },
	{ "objectives", "Objectives", FT_LONGTEXT, 0,
	  .hint = "Enter starts a new line, Ctrl-E opens your editor" },
};

/* A talk held tomorrow has not been held: the database refuses it too
 * (migration 0020); the form says so before it asks. */
static void
plan_check(struct form *f, const struct edit_row *row)
{
	const char *year = form_row_value(f, row, "year");
	const char *held = form_row_value(f, row, "talk_held_on");
	char today[DATE_STRLEN];

	date_format(date_of(f->now), today);
	if (year != NULL && (strlen(year) != 4 || strcmp(year, "2000") < 0 ||
	    strcmp(year, "2100") > 0))
		form_set_error(f, "year", "is a year from 2000 to 2100");
	else if (held != NULL && strcmp(held, today) > 0)
		form_set_error(f, "talk_held_on", "cannot be later than today (%s)",
		    today);
}

const struct form_def form_plan = {
	"plan", "New account plan", "Edit account plan", EE_PLAN,
	plan_fields, countof(plan_fields), "Plan saved.",
	plan_check, NULL, NULL, EW_NONE, NULL, FO_NONE,
};

static const char *const action_kinds[] = {
	"cross_sell", "cross-sell", "up_sell", "up-sell", "retention", "retention",
	"acquisition", "acquisition", "other", "other", NULL,
};
static const char *const action_statuses[] = {
	"open", "open", "done", "done", "dropped", "dropped", NULL,
};

static const struct form_field_def action_fields[] = {
	{ "title", "Action", FT_TEXT, FF_REQUIRED, .maxlen = 300 },
	{ "kind", "Kind", FT_CHOICE, FF_REQUIRED, .choices = action_kinds,
	  .initial = "other", .hint = "Left and Right choose, a letter jumps" },
	{ "owner_id", "Owner", FT_PICK, 0, .pick = EP_USERS,
	  .hint = "who does it; Left and Right choose" },
	{ "due_on", "Due", FT_DATE, 0, .hint = "a date: 2026-06-30, +4w" },
	{ "status", "Status", FT_CHOICE, FF_REQUIRED, .choices = action_statuses,
	  .initial = "open", .hint = "open, done or dropped" },
	{ "done_on", "Done on", FT_DATE, 0,
	  .hint = "when it was done: only for done actions (x does both)" },
};

/* done_on_when_done, and a done action says when. */
static void
action_check(struct form *f, const struct edit_row *row)
{
	const char *status = form_row_value(f, row, "status");
	bool done = status != NULL && strcmp(status, "done") == 0;

	if (done && form_row_value(f, row, "done_on") == NULL)
		form_set_error(f, "done_on", "is needed when the action is done "
		    "(today, or its date)");
	else if (!done && form_row_value(f, row, "done_on") != NULL)
		form_set_error(f, "done_on", "is only for actions that are done");
}

const struct form_def form_action = {
	"plan-action", "New plan action", "Edit plan action", EE_ACTION,
	action_fields, countof(action_fields), "Plan action saved.",
	action_check, NULL, NULL, EW_NONE, NULL, FO_NONE,
};
