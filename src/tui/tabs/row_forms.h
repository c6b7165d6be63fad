/* The forms of a table tab's rows: a adds one, e edits the one under
 * the cursor, D ends it (asks first). The contacts and the conditions
 * tabs share it. */
#ifndef KAM_TUI_ROW_FORMS_H
#define KAM_TUI_ROW_FORMS_H

#include "form.h"
#include "table_tab.h"

struct row_forms {
	const struct form_def	*form;
	int			 id;		/* the rows' id field */
	const char		*what;		/* "contacts" */
	const char		*none;		/* "No contact under the cursor." */
	void			(*end)(struct table_tab *tt, struct tui *t, size_t row);
};

/* Does a, e or D on tt's row; false for other actions. */
bool	row_forms_action(struct table_tab *tt, struct tui *t, enum kam_action a,
	    const struct row_forms *rf);

#endif
