/* The portfolio (kam/portfolio.h): one line an account with revenue
 * against target as a bar, 24 months of orders as a sparkline, growth,
 * money overdue, the next condition to end, the annual talk, days since
 * the last contact, open complaints and cadence alarms; the title gives
 * the totals of the team under the cursor in the reporting currency.
 * Sorted and filtered as the list is; Enter opens the account. A table of
 * its own, as the agenda. */
#include <stdlib.h>
#include <string.h>

#include "account_screen.h"
#include "client.h"
#include "message.h"
#include "portfolio_screen.h"
#include "services.h"
#include "table_tab.h"
#include "kam/countof.h"
#include "kam/money.h"
#include "kam/portfolio.h"
#include "kam/xalloc.h"

/* Rows a statement asks for: the account list's page (accounts_paging.h),
 * two and a half screens of the tallest common terminal. A portfolio row
 * costs the server about 0.1 ms (the kept figures, the plan, the alarms,
 * the sparkline), and every sort, filter and G waits for a whole page. */
#define PAGE 100

/* Identifiers, amounts and dates whole; the name gives way first. */
static const struct table_col fixed_cols[] = {
	{ "Account", PF_NAME, 12, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Tier", PF_TIER, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Target", PF_TARGET_PCT, 0, ALIGN_LEFT, TC_BAR, COL_WHOLE },
	{ "Revenue", PF_REVENUE, 0, ALIGN_RIGHT, TC_MONEY, COL_WHOLE },
	{ "24 months", PF_SPARK, 0, ALIGN_LEFT, TC_SPARK, COL_WHOLE },
	{ "Growth %", PF_GROWTH, 0, ALIGN_RIGHT, TC_TEXT, COL_WHOLE },
	{ "Overdue", PF_OVERDUE, 0, ALIGN_RIGHT, TC_MONEY, COL_WHOLE },
	{ "Inv.", PF_OVERDUE_INVOICES, 0, ALIGN_RIGHT, TC_TEXT, COL_WHOLE },
	{ "Cond. ends", PF_CONDITION_ENDS, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Talk", PF_TALK, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Talk on", PF_TALK_ON, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Contact", PF_CONTACT_DAYS, 0, ALIGN_RIGHT, TC_TEXT, COL_WHOLE },
	{ "Compl.", PF_COMPLAINTS, 0, ALIGN_RIGHT, TC_TEXT, COL_WHOLE },
	{ "Alarms", PF_BREACH_KINDS, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Team", PF_TEAM, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Owner", PF_OWNER, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
};

#define NCOLS_MAX (countof(fixed_cols) + 8)

/* The fixed columns and one for each of portfolio_extras, after them. */
static const struct table_col *
portfolio_columns(const struct tui *t, int *ncols)
{
	static struct table_col cols[NCOLS_MAX];
	size_t n = countof(fixed_cols);

	(void)t;
	memcpy(cols, fixed_cols, sizeof fixed_cols);
	for (size_t i = 0; i < portfolio_nextras && n < NCOLS_MAX; i++, n++)
		cols[n] = (struct table_col){ portfolio_extras[i].title,
		    PF_NFIXED + (int)i, 0, portfolio_extras[i].number ?
		    ALIGN_RIGHT : ALIGN_LEFT, TC_TEXT, COL_WHOLE };
	*ncols = (int)n;
	return cols;
}

/* An account with a cadence alarm, or a talk overdue, stands out. */
static enum theme_elem
portfolio_role(const struct acct_rows *r, size_t row, int field)
{
	const char *breaches = acct_rows_get(r, row, PF_BREACHES);

	(void)field;
	return breaches && strcmp(breaches, "0") != 0 ? TE_AGENDA_OVERDUE :
	    TE_NORMAL;
}

/* The team totals kept go: the next page works them out again (the
 * filter changed, or the rows are read again for a change of the data). */
static void
forget_teams(struct table_tab *tt, struct tui *t)
{
	(void)tt;
	free(t->portfolio.teams);
	t->portfolio.teams = NULL;
}

/* The rows that brought totals (a filter's first page) leave them for the
 * pages after. */
static void
keep_teams(struct table_tab *tt, struct tui *t)
{
	const char *teams = tt->tb.rows.nrows > 0 ?
	    acct_rows_get(&tt->tb.rows, 0, PF_TEAMS) : NULL;

	if (teams == NULL || (t->portfolio.teams != NULL &&
	    strcmp(teams, t->portfolio.teams) == 0))
		return;
	free(t->portfolio.teams);
	t->portfolio.teams = xstrdup(teams);
}

static bool
send_page(struct table_tab *tt, struct tui *t)
{
	struct portfolio_req req = { .filter = &t->portfolio.filter,
	    .sort = t->portfolio.sort, .desc = t->portfolio.desc, .limit = PAGE,
	    .backwards = tt->tb.backwards, .teams = t->portfolio.teams };

	table_tab_last_key(tt, &req.after_key, NULL);
	return portfolio_send(t->db, &req);
}

static void
open_account(struct table_tab *tt, struct tui *t)
{
	const struct acct_rows *r = &tt->tb.rows;
	size_t i = tt->tb.nav.cursor;

	view_account_open(t, acct_rows_get(r, i, PF_ID),
	    acct_rows_get(r, i, PF_NAME), 0);
}

static void
sort_by(struct table_tab *tt, struct tui *t, int sort, bool desc)
{
	t->portfolio.sort = (enum portfolio_sort)sort;
	t->portfolio.desc = desc;
	table_tab_refetch(tt, t);
}

static bool
portfolio_action(struct table_tab *tt, struct tui *t, enum kam_action a)
{
	struct portfolio_state *s = &t->portfolio;

	switch (a) {
	case ACT_SORT_NEXT:
		sort_by(tt, t, ((int)s->sort + 1) % PS_NSORT, false);
		return true;
	case ACT_SORT_PREV:
		sort_by(tt, t, ((int)s->sort + PS_NSORT - 1) % PS_NSORT, false);
		return true;
	case ACT_SORT_REVERSE:
		sort_by(tt, t, (int)s->sort, !s->desc);
		return true;
	case ACT_FILTER_MINE:
		s->filter.mine = !s->filter.mine;
		forget_teams(tt, t);
		table_tab_refetch(tt, t);
		return true;
	default:
		return false;
	}
}

/* ":filter" takes the list's words; the history's are no use here. */
static void
command_filter(struct table_tab *tt, struct tui *t, const char *arg)
{
	struct acct_filter f = { 0 };
	struct hist_filter h = { 0 };
	struct kam_buf err;

	buf_init(&err);
	if (!filter_parse(arg, &f, &h, &err))
		tui_message(t, true, "%s", err.data);
	else if (h.channel != NULL || h.feedback != NULL)
		tui_message(t, true, "channel= and feedback= filter the History; "
		    "the portfolio takes tier=, owner=, team=, lifecycle=, "
		    "status=, mine, person= and role=");
	else {
		acct_filter_free(&t->portfolio.filter);
		t->portfolio.filter = f;
		memset(&f, 0, sizeof f);
		forget_teams(tt, t);
		table_tab_refetch(tt, t);
	}
	acct_filter_free(&f);
	hist_filter_free(&h);
	buf_free(&err);
}

static void
command_sort(struct table_tab *tt, struct tui *t, const char *arg)
{
	char *copy = xstrdup(arg), *sp = strchr(copy, ' ');
	int sort;

	if (sp != NULL)
		*sp++ = '\0';
	if ((sort = portfolio_sort_parse(copy)) < 0)
		tui_message(t, true, "the portfolio sorts by name, tier, target, "
		    "revenue, growth, overdue, condition, talk, contact, "
		    "complaints or alarms");
	else
		sort_by(tt, t, sort, sp != NULL && strcmp(sp, "desc") == 0);
	free(copy);
}

static bool
portfolio_command(struct table_tab *tt, struct tui *t, const struct cmd *c)
{
	if (c->kind == CMD_FILTER)
		command_filter(tt, t, c->arg);
	else if (c->kind == CMD_SORT)
		command_sort(tt, t, c->arg);
	else
		return false;
	return true;
}

/* "north (2): 50,000 EUR of 200,000 EUR, overdue 5,000 EUR";
 * a total that needs a missing rate is not given, and says so. */
static void
team_totals(const struct acct_rows *r, size_t i, struct kam_buf *out)
{
	const char *team = acct_rows_get(r, i, PF_TEAM);
	const char *cur = acct_rows_get(r, i, PF_REPORTING);
	const char *missing = acct_rows_get(r, i, PF_TEAM_MISSING);

	buf_addf(out, " - %s (%s): ", team ? team : "no team",
	    acct_rows_get(r, i, PF_TEAM_ACCOUNTS));
	if (acct_rows_get(r, i, PF_TEAM_REVENUE) == NULL ||
	    acct_rows_get(r, i, PF_TEAM_TARGET) == NULL) {
		buf_addf(out, "no total: no rate for %s", missing ? missing : "?");
		return;
	}
	money_format(out, acct_rows_get(r, i, PF_TEAM_REVENUE), cur);
	buf_adds(out, " of ");
	money_format(out, acct_rows_get(r, i, PF_TEAM_TARGET), cur);
	if (acct_rows_get(r, i, PF_TEAM_OVERDUE) != NULL) {
		buf_adds(out, ", overdue ");
		money_format(out, acct_rows_get(r, i, PF_TEAM_OVERDUE), cur);
	}
}

static void
portfolio_title(struct table_tab *tt, struct tui *t, struct kam_buf *out)
{
	(void)t;
	buf_adds(out, "Portfolio");
	if (tt->tb.nav.cursor < tt->tb.rows.nrows)
		team_totals(&tt->tb.rows, tt->tb.nav.cursor, out);
}

static void
portfolio_status(struct table_tab *tt, struct tui *t, struct kam_buf *out)
{
	struct kam_buf f;

	(void)tt;
	buf_addf(out, " | sort %s%s", portfolio_sort_name(t->portfolio.sort),
	    t->portfolio.desc ? " desc" : "");
	buf_init(&f);
	filter_words(&f, &t->portfolio.filter);
	if (f.len > 0)
		buf_addf(out, " | filter: %s", f.data);
	buf_free(&f);
}

static bool
portfolio_allowed(const struct tui *t)
{
	return t->session.plans && t->session.erp_figures;
}

/* each account's row, its plan, its entries and its invoices */
static const char *const portfolio_tables[] = { "account", "account_plan",
    "interaction", "erp_invoice", NULL };

static const struct table_tab_def portfolio = {
	.what = "Portfolio", .cols = fixed_cols,
	.live = portfolio_tables, .id_field = PF_ID,
	.ncols = (int)countof(fixed_cols), .currency = PF_CURRENCY,
	.role = portfolio_role, .page = PAGE, .back = true,
	.empty = "No accounts match.",
	.allowed = portfolio_allowed,
	.refused = "The portfolio shows plans and invoices, which your role "
	    "may not read.",
	.columns = portfolio_columns,
	.enter = open_account, .action = portfolio_action, .send = send_page,
	.title = portfolio_title, .command = portfolio_command,
	.status = portfolio_status, .reloading = forget_teams,
	.arrived = keep_teams,
};

void
view_portfolio_show(struct tui *t)
{
	forget_teams(NULL, t);
	if (table_tab_is(t->top, &portfolio))
		tui_reload(t, t->top);
	else
		tui_push(t, table_tab_new(NULL, &portfolio));
}
