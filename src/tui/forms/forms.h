/* The forms themselves: tables of fields over the entities of
 * kam/edit.h (form.h says how to add one). */
#ifndef KAM_TUI_FORMS_H
#define KAM_TUI_FORMS_H

#include "form.h"

/* The forms, by the name their drafts give. */
const struct form_def	*form_def_find(const char *name);
extern const struct form_def form_interaction, form_ticket,
	form_correct_interaction, form_correct_ticket, form_complaint,
	form_contact;
/* forms_account.c, forms_conditions.c, forms_sla.c, forms_plan.c: the
 * account's own fields, its conditions, the service level, the plan and
 * its actions. */
extern const struct form_def form_account, form_condition, form_service_level,
	form_plan, form_action;
/* forms_calendars.c: a calendar's holiday and opening window. */
extern const struct form_def form_holiday, form_window;
/* forms_team.c: a role of the account team, its person and deputy. */
extern const struct form_def form_team;

#endif
