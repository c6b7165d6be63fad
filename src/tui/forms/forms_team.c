/* The account team's form: the person and the deputy of one role of the
 * account (migration 0050). The role is given by whoever opens it
 * (:team ROLE on the account screen) and stays the row's. How to define
 * a form: form.h. */
#include <string.h>

#include "form_view.h"

#include "kam/countof.h"

static const struct form_field_def fields[] = {
	{ "person_id", "Person", FT_PICK, FF_REQUIRED, .pick = EP_PEOPLE,
	  .hint = "Left and Right choose, a letter jumps" },
	{ "deputy_id", "Deputy", FT_PICK, 0, .pick = EP_PEOPLE,
	  .hint = "who stands in; empty for nobody" },
};

/* As the table's deputy_not_person says, before the database has to. */
static void
team_check(struct form *f, const struct edit_row *row)
{
	const char *person = form_row_value(f, row, "person_id");
	const char *deputy = form_row_value(f, row, "deputy_id");

	if (person != NULL && deputy != NULL && strcmp(person, deputy) == 0)
		form_set_error(f, "deputy_id", "is the person: choose another");
}

const struct form_def form_team = {
	"team", "New role in the account team", "Edit a role of the account team",
	EE_TEAM, fields, countof(fields), "Account team saved.",
	team_check, NULL, NULL, 0, NULL, FO_NONE,
};
