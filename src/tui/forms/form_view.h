/* The form on the screen: draws a form (form.h), takes its keys, keeps
 * its draft on disk on every change, and saves it through kam/edit.h
 * (the version check, the conflict dialog, retries after a lost
 * connection). The view that opens a form lies below it; after a save
 * the form closes and that view reads its rows again. */
#ifndef KAM_TUI_FORM_VIEW_H
#define KAM_TUI_FORM_VIEW_H

#include "form.h"
#include "client.h"

/* Opens def over the top view: a new row of account when id is NULL,
 * else row id (read first). */
void	form_view_open(struct tui *t, const struct form_def *def,
	    const char *account, const char *account_name, const char *id);
/* Opens a new row of account whose columns named in preset ("column",
 * "value" pairs, NULL-ended) are given, not edited: a plan action's
 * plan. They are kept in the form's draft. A column the form has a field
 * for gets the value as the field's first text instead, still editable:
 * the year of a new plan. */
void	form_view_open_with(struct tui *t, const struct form_def *def,
	    const char *account, const char *account_name,
	    const char *const *preset);
/* Opens a draft (from the drafts screen); false with err when it does
 * not fit def. The draft file stays until the form is saved or its
 * changes discarded. */
bool	form_view_resume(struct tui *t, const struct form_def *def,
	    const struct kam_draft *d, const char *path, struct kam_buf *err);

/* For the conflict dialog above a form. */
struct form		*form_view_form(struct view *v);
const struct edit_row	*form_view_theirs(struct view *v);
/* The user's answer to a conflict: ACT_CONFLICT_RELOAD, _THEIRS, _MERGE,
 * or ACT_ANSWER_NO (back to the form). Closes the dialog. */
void	form_view_resolve(struct view *v, struct tui *t, enum kam_action a);

#endif
