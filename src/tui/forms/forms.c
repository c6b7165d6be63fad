/* The forms of the account screen: log an interaction (a ticket for
 * support) or correct one, close a complaint, add and edit a contact.
 * How to define one: form.h. */
#include <string.h>

#include "form_view.h"
#include "forms.h"

#include "kam/countof.h"

static const char *const channels[] = {
	"call", "call", "email", "email", "meeting", "meeting", "visit", "visit",
	"ticket", "ticket", "chat", "chat", NULL,
};
static const char *const directions[] = {
	"outbound", "outbound", "inbound", "inbound", "internal", "internal", NULL,
};
static const char *const feedback_kinds[] = {
	"none", "none", "compliment", "compliment", "idea", "idea",
	"complaint", "complaint", NULL,
};
static const char *const contact_channels[] = {
	"phone", "phone", "email", "email", "meeting", "meeting", "visit", "visit",
	"chat", "chat", NULL,
};

static const struct form_field_def interaction_fields[] = {
	{ "contact_id", "Contact", FT_PICK, 0, .pick = EP_CONTACTS,
	  .hint = "Left and Right choose, a letter jumps" },
	{ "channel", "Channel", FT_CHOICE, FF_REQUIRED, .choices = channels,
	  .initial = "call", .hint = "Left and Right choose" },
	{ "direction", "Direction", FT_CHOICE, FF_REQUIRED, .choices = directions,
	  .initial = "outbound" },
	{ "occurred_at", "When", FT_DATETIME, FF_REQUIRED, .initial = "now",
	  .hint = "2026-03-31 14:30, now, 09:15, yesterday 16:00 (your time zone)" },
	{ "subject", "Subject", FT_TEXT, FF_REQUIRED, .maxlen = 300 },
	{ "body", "Notes", FT_LONGTEXT, 0,
	  .hint = "Enter starts a new line" },
	{ "outcome", "Outcome", FT_TEXT, 0, .maxlen = 300 },
	{ "follow_up_on", "Follow-up", FT_DATE, 0,
	  .hint = "a date: 2026-04-15, tomorrow, +7d, +2w" },
	{ "feedback", "Feedback", FT_CHOICE, FF_REQUIRED, .choices = feedback_kinds,
	  .initial = "none", .hint = "compliment, idea or complaint for the Feedback tab" },
	{ "topics", "Topics", FT_TEXT, 0, .maxlen = 300,
	  .hint = "of the feedback, as T sets them: Delivery, Price (a new name "
	  "is proposed as a topic)" },
};

/* A follow-up is after the talk, not before it; topics are feedback's
 * (the cloud counts feedback only). */
static void
interaction_check(struct form *f, const struct edit_row *row)
{
	const char *when = form_row_value(f, row, "occurred_at");
	const char *follow = form_row_value(f, row, "follow_up_on");
	const char *kind = form_row_value(f, row, "feedback");
	struct form_field *fl = form_field_of(f, "follow_up_on");

	if (when != NULL && follow != NULL && form_field_dirty(fl) &&
	    strncmp(follow, when, 10) < 0)
		form_set_error(f, "follow_up_on", "is before the interaction itself");
	if (form_row_value(f, row, "topics") != NULL &&
	    form_field_dirty(form_field_of(f, "topics")) &&
	    (kind == NULL || strcmp(kind, "none") == 0))
		form_set_error(f, "topics", "are for feedback: choose a compliment, "
		    "an idea or a complaint first");
}

const struct form_def form_interaction = {
	"interaction", "Log an interaction", "Edit an interaction", EE_INTERACTION,
	interaction_fields, countof(interaction_fields), "Interaction logged.",
	interaction_check, NULL, NULL, EW_NONE, NULL, FO_NONE,
};

/* Support logs tickets only (the database's rule, 0003_security.sql);
 * a ticket is someone asking support: inbound, unless changed. */
static void
ticket_setup(struct form *f)
{
	form_fix(f, "channel", "ticket");
	form_initial(f, "direction", "inbound");
}

const struct form_def form_ticket = {
	"ticket", "Log a ticket", "Edit a ticket", EE_INTERACTION,
	interaction_fields, countof(interaction_fields), "Ticket logged.",
	interaction_check, ticket_setup, NULL, EW_NONE, NULL, FO_NONE,
};

/* An entry corrected by its author (the database lets no one else,
 * 0018_entry_lifecycle.sql): the same fields, its own words, and drafts
 * of their own name. */
const struct form_def form_correct_interaction = {
	"correction", "Correct an entry", "Correct an entry", EE_INTERACTION,
	interaction_fields, countof(interaction_fields), "Entry corrected.",
	interaction_check, NULL, NULL, EW_NONE, NULL, FO_NONE,
};

const struct form_def form_correct_ticket = {
	"ticket-correction", "Correct a ticket", "Correct a ticket", EE_INTERACTION,
	interaction_fields, countof(interaction_fields), "Ticket corrected.",
	interaction_check, ticket_setup, NULL, EW_NONE, NULL, FO_NONE,
};

/* Closing a complaint asks what it came to; the database stamps who
 * closed it and when (0018_entry_lifecycle.sql). */
static const struct form_field_def complaint_fields[] = {
	{ "outcome", "Outcome", FT_TEXT, FF_REQUIRED, .maxlen = 300,
	  .hint = "what the complaint came to: a refund, a repair, no fault found" },
	{ "outcome_before", "Noted before", FT_TEXT, FF_READONLY, .maxlen = 300 },
};

static const char *
complaint_note(const struct form *f)
{
	(void)f;
	return "Closes the complaint with what it came to (Esc leaves it open).";
}

const struct form_def form_complaint = {
	"complaint", "Close the complaint", "Close the complaint", EE_COMPLAINT,
	complaint_fields, countof(complaint_fields), "Complaint closed.",
	NULL, NULL, complaint_note, EW_NONE, NULL, FO_NONE,
};

static const struct form_field_def contact_fields[] = {
	{ "name", "Name", FT_TEXT, FF_REQUIRED, .maxlen = 200 },
	{ "job_title", "Job title", FT_TEXT, 0, .maxlen = 200 },
	{ "email", "Email", FT_TEXT, 0, .maxlen = 254, .hint = "name@example.com" },
	{ "phone", "Phone", FT_PHONE, 0, .maxlen = 50,
	  .hint = "+49 30 1234-567, (030) 123 45 67, an extension: x 89" },
	{ "decision_maker", "Decides", FT_BOOL, 0, .initial = "f",
	  .hint = "Space: yes or no" },
	{ "preferred_channel", "Prefers", FT_CHOICE, 0, .choices = contact_channels },
	{ "active", "Active", FT_BOOL, 0, .initial = "t", .hint = "Space: yes or no" },
	{ "erp_id", "ERP id", FT_TEXT, FF_READONLY, .maxlen = 100 },
};

/* As the database checks it: something, an @, something, no spaces. */
static bool
looks_like_email(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at > s && at[1] != '\0' && strchr(at + 1, '@') == NULL &&
	    strpbrk(s, " \t\n") == NULL;
}

static void
contact_check(struct form *f, const struct edit_row *row)
{
	const char *email = row->value[edit_column_find(EE_CONTACT, "email")];

	if (email != NULL && !looks_like_email(email))
		form_set_error(f, "email", "is not an email address (name@example.com)");
}

/* The sync writes what the ERP sends into these columns, as 0003 grants
 * it; a manager may change them too, and should know the next change in
 * the ERP wins. */
static const char *
contact_note(const struct form *f)
{
	const char *erp = f->row.value[edit_column_find(EE_CONTACT, "erp_id")];

	return erp != NULL ? "From the ERP: a change there overwrites name, job "
	    "title, email and phone at the next sync." : NULL;
}

const struct form_def form_contact = {
	"contact", "New contact", "Edit contact", EE_CONTACT,
	contact_fields, countof(contact_fields), "Contact saved.",
	contact_check, NULL, contact_note, EW_CONTACT_DUPLICATE,
	"This contact looks like", FO_FORM,
};

static const struct form_def *const form_defs[] = {
	&form_interaction, &form_ticket, &form_correct_interaction,
	&form_correct_ticket, &form_complaint, &form_contact, &form_condition,
	&form_service_level, &form_plan, &form_action, &form_account,
	&form_holiday, &form_window, &form_team,
};

const struct form_def *
form_def_find(const char *name)
{
	for (size_t i = 0; name != NULL && i < countof(form_defs); i++)
		if (strcmp(form_defs[i]->name, name) == 0)
			return form_defs[i];
	return NULL;
}
