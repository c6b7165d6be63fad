/* The Conditions tab: the account's special conditions, active,
 * upcoming and expired, those ending within 30 days marked; a adds, e
 * edits, D ends one today (asked first). */
#include <string.h>

#include "client.h"
#include "forms.h"
#include "message.h"
#include "row_forms.h"
#include "table_tab.h"
#include "kam/account_detail.h"
#include "kam/date.h"

#include "kam/countof.h"

static const struct table_col condition_cols[] = {
	{ "State", CD_STATE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Kind", CD_KIND, 0, ALIGN_LEFT, TC_WORDS, COL_WHOLE },
	{ "Title", CD_TITLE, 12, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Value", CD_VALUE, 0, ALIGN_RIGHT, TC_TEXT, COL_WHOLE },
	{ "Scope", CD_SCOPE, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "From", CD_FROM, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "To", CD_TO, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
};

static enum theme_elem
condition_role(const struct acct_rows *r, size_t row, int field)
{
	if (table_cell_is(r, row, CD_SOON, "t"))
		return field == CD_TO || field == CD_STATE ? TE_COND_EXPIRING : TE_NORMAL;
	if (table_cell_is(r, row, CD_STATE, "expired"))
		return TE_COND_EXPIRED;
	if (table_cell_is(r, row, CD_STATE, "upcoming"))
		return TE_COND_UPCOMING;
	return TE_NORMAL;
}

/* D: valid to today, the user's, asked first. A condition that has not
 * begun cannot end before it begins (valid_range); one that has ended is
 * left as it is. */
static void
end_condition(struct table_tab *tt, struct tui *t, size_t row)
{
	const struct acct_rows *r = &tt->tb.rows;
	const char *to = acct_rows_get(r, row, CD_TO);
	char today[DATE_STRLEN];
	struct kam_buf q;

	date_format(date_today(), today);
	if (strcmp(acct_rows_get(r, row, CD_FROM), today) > 0) {
		tui_message(t, true, "This condition begins on %s: e changes its "
		    "dates.", acct_rows_get(r, row, CD_FROM));
		return;
	}
	if (to != NULL && strcmp(to, today) <= 0) {
		tui_message(t, true, "This condition ends on %s already (e changes "
		    "its dates).", to);
		return;
	}
	buf_init(&q);
	buf_addf(&q, "End “%s” today (%s)? It applies until then; e sets another "
	    "date.", acct_rows_get(r, row, CD_TITLE), today);
	table_tab_op_value(tt, t, EOP_CONDITION_END, acct_rows_get(r, row, CD_ID),
	    acct_rows_get(r, row, CD_VERSION), today, "Condition ended today.",
	    q.data);
	buf_free(&q);
}

static const struct row_forms condition_forms = {
	&form_condition, CD_ID, "conditions", "No condition under the cursor.",
	end_condition,
};

static bool
conditions_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	return row_forms_action(tt, t, a, &condition_forms);
}

static const char *const condition_tables[] = { "special_condition", NULL };

static const struct table_tab_def conditions = {
	.what = "Conditions", .query = AQ_CONDITIONS, .cols = condition_cols,
	.live = condition_tables, .id_field = CD_ID,
	.ncols = (int)countof(condition_cols), .role = condition_role,
	.empty = "No special conditions.", .action = conditions_action,
};

struct view *
tab_conditions_new(struct view *account)
{
	return table_tab_new(account, &conditions);
}
