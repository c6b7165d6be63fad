/* :quality (kam/quality_queue.h): a table of its own, live, a page at a
 * time. Fixing a finding anywhere (a form, psql, the sync) changes a
 * table the list listens to, and it is read again: the finding goes. */
#include <string.h>

#include "account_screen.h"
#include "client.h"
#include "duplicates_screen.h"
#include "message.h"
#include "quality_scope.h"
#include "quality_screen.h"
#include "services.h"
#include "table_tab.h"
#include "kam/countof.h"
#include "kam/quality_queue.h"

#define PAGE 200

static const struct table_col quality_cols[] = {
	{ "Severity", QQ_SEVERITY, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Tier", QQ_TIER, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Account", QQ_ACCOUNT, 12, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Rule", QQ_RULE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Field", QQ_FIELD, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "What", QQ_DETAIL, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
};

static enum theme_elem
quality_role(const struct acct_rows *r, size_t row, int field)
{
	(void)field;
	return table_cell_is(r, row, QQ_SEVERITY, "high") ? TE_AGENDA_OVERDUE :
	    TE_NORMAL;
}

static bool
send_page(struct table_tab *tt, struct tui *t)
{
	struct quality_queue_req req = { .limit = PAGE,
	    .scope = t->quality_scope };

	table_tab_last_key(tt, &req.after_key, NULL);
	return quality_queue_send(t->db, &req);
}

/* The tab where the row at fault is changed: a contact's, a condition's,
 * a service level's, a plan's own; of the account's fields, those of the
 * Overview's form, but a decision maker (Contacts), a service level, a
 * plan and the history, which have tabs of their own. */
static int
fix_tab(const char *entity, const char *field)
{
	static const struct { const char *entity, *field; int tab; } map[] = {
		{ "contact", NULL, TAB_CONTACTS },
		{ "condition", NULL, TAB_CONDITIONS },
		{ "service_level", NULL, TAB_SLA },
		{ "plan", NULL, TAB_PLAN },
		{ "account", "decision_maker", TAB_CONTACTS },
		{ "account", "service_level", TAB_SLA },
		{ "account", "plan", TAB_PLAN },
		{ "account", "history", TAB_HISTORY },
	};

	for (size_t i = 0; entity && i < countof(map); i++)
		if (strcmp(map[i].entity, entity) == 0 && (map[i].field == NULL ||
		    (field && strcmp(map[i].field, field) == 0)))
			return map[i].tab;
	return TAB_OVERVIEW;
}

static void
open_finding(struct table_tab *tt, struct tui *t)
{
	const struct acct_rows *r = &tt->tb.rows;
	size_t i = tt->tb.nav.cursor;
	const char *field = acct_rows_get(r, i, QQ_FIELD);

	if (i >= r->nrows)
		return;
	view_account_open(t, acct_rows_get(r, i, QQ_ACCOUNT_ID),
	    acct_rows_get(r, i, QQ_ACCOUNT),
	    fix_tab(acct_rows_get(r, i, QQ_ENTITY), field));
	tui_message(t, false, "To fix: %s (%s): %s", field ? field : "",
	    acct_rows_get(r, i, QQ_RULE), acct_rows_get(r, i, QQ_DETAIL));
}

/* The finding under the cursor in full, on the message line until the
 * next key: at 80 columns the What column keeps a few characters of it.
 * Only while the list is on top: read again under another screen (a
 * merge opened from the duplicates), it would talk over that screen's
 * own message. */
static void
quality_moved(struct table_tab *tt, struct tui *t)
{
	const struct acct_rows *r = &tt->tb.rows;
	size_t i = tt->tb.nav.cursor;
	const char *rule, *detail;

	if (i >= r->nrows || t->top != &tt->v)
		return;
	rule = acct_rows_get(r, i, QQ_RULE);
	detail = acct_rows_get(r, i, QQ_DETAIL);
	tui_message(t, false, "%s: %s", rule ? rule : "", detail ? detail : "");
}

/* my accounts, my team's, all, and round again */
/* m: the scope; Tab: the candidate duplicates */
static bool
quality_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	if (a == ACT_TAB_NEXT) {
		view_duplicates_show(t);
		return true;
	}
	if (a != ACT_FILTER_MINE)
		return false;
	quality_scope_next(t);
	table_tab_refetch(tt, t);
	return true;
}

static void
quality_title(struct table_tab *tt, struct tui *t, struct kam_buf *out)
{
	(void)tt;
	buf_addf(out, "Data quality - %s", quality_scope_words(t));
}

static void
quality_status(struct table_tab *tt, struct tui *t, struct kam_buf *out)
{
	(void)tt;
	buf_addf(out, " | %s (m: mine, team, all) Tab: duplicates",
	    quality_scope_name(t->quality_scope));
}

static bool
quality_allowed(const struct tui *t)
{
	return t->session.plans;
}

/* what the rules read (migrations 0024, 0051) */
static const char *const quality_tables[] = { "account", "contact",
    "service_level", "account_plan", "special_condition", "interaction",
    "quality_rule", "quality_rule_tier", "quality_severity", "vat_format",
    "phone_country", "zone_country", NULL };

static const struct table_tab_def quality = {
	.what = "Findings", .cols = quality_cols,
	.ncols = (int)countof(quality_cols),
	.live = quality_tables, .id_field = QQ_KEY,
	.role = quality_role, .page = PAGE,
	.empty = "No findings: the data of these accounts keeps every rule.",
	.enter = open_finding, .action = quality_action, .send = send_page,
	.title = quality_title, .status = quality_status,
	.moved = quality_moved, .allowed = quality_allowed,
	.refused = "Your role may not read the data-quality rules (they read "
	    "account plans).",
};

void
view_quality_show(struct tui *t)
{
	if (table_tab_is(t->top, &quality))
		tui_reload(t, t->top);
	else
		tui_push(t, table_tab_new(NULL, &quality));
}
