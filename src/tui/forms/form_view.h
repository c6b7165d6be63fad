/* The form on the screen: draws a form (form.h), takes its keys, keeps
 * its draft on disk on every change, and saves it through kam/edit.h
 * (the version check, the conflict dialog, retries after a lost
 * connection). The view that opens a form lies below it; after a save
 * the form closes and that view reads its rows again. */
#ifndef KAM_TUI_FORM_VIEW_H
#define KAM_TUI_FORM_VIEW_H

#include "form.h"
#include "view.h"

/* Opens def over the top view: a new row of account when id is NULL,
 * else row id (read first). */
void	form_view_open(struct tui *t, const struct form_def *def,
	    const char *account, const char *account_name, const char *id);
/* Opens a new row of account whose columns named in preset ("column",
 * "value" pairs, NULL-ended) are given, not edited: a plan action's
 * plan. They are kept in the form's draft. */
void	form_view_open_with(struct tui *t, const struct form_def *def,
	    const char *account, const char *account_name,
	    const char *const *preset);
/* Opens a draft (from the drafts screen); false with err when it does
 * not fit def. The draft file stays until the form is saved or its
 * changes discarded. */
bool	form_view_resume(struct tui *t, const struct form_def *def,
	    const struct kam_draft *d, const char *path, struct kam_buf *err);

/* form_draw.c: the form's heading, note and fields in lines y0 ..
 * y0 + height - 1; *scroll keeps the focused field in view. */
void	form_draw(struct tui *t, struct form *f, const char *heading,
	    const char *note, int y0, int height, int *scroll);
/* The width of a value box, for long text's Up and Down. */
size_t	form_box_cols(const struct tui *t);

/* For the conflict dialog above a form. */
struct form		*form_view_form(struct view *v);
const struct edit_row	*form_view_theirs(struct view *v);
/* The user's answer to a conflict: ACT_CONFLICT_RELOAD, _THEIRS, _MERGE,
 * or ACT_ANSWER_NO (back to the form). Closes the dialog. */
void	form_view_resolve(struct view *v, struct tui *t, enum kam_action a);
struct view	*view_conflict_new(struct view *form);

/* forms.c: the forms, by the name their drafts give. */
const struct form_def	*form_def_find(const char *name);
extern const struct form_def form_interaction, form_ticket, form_contact;
/* forms_account.c, forms_conditions.c, forms_sla.c, forms_plan.c: the
 * account's own fields, its conditions, the service level, the plan and
 * its actions. */
extern const struct form_def form_account, form_condition, form_service_level,
	form_plan, form_action;

#endif
