/* The portfolio (issue 17): one row an account out of kam.portfolio
 * (migration 0030), filtered as the account list is, sorted by one of its
 * figures, a page at a time, with the totals of each row's team over the
 * rows filtered, in the reporting currency. Asynchronous like
 * kam/agenda.h: portfolio_send() starts the statement, acct_rows_recv()
 * collects it.
 *
 * More columns (a quality score, tickets at risk) come from views of
 * their own keyed by account id: one line each in portfolio_extras
 * (src/domain/portfolio.c) adds it to the statement, after PF_NFIXED, and
 * the portfolio screen shows it; nothing else changes. */
#ifndef KAM_PORTFOLIO_H
#define KAM_PORTFOLIO_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/account_list.h"
#include "kam/db.h"

/* Money is in whole units (as the list shows it), with its currency in
 * PF_CURRENCY (the account's) or PF_REPORTING (team totals, NULL when a
 * rate is missing: PF_TEAM_MISSING names the currency); PF_SPARK is 24 levels '0'-'7' or ' ' (no orders),
 * oldest month first (kam.spark_levels); PF_TALK one of no plan, held,
 * closed, overdue, due, not set, planned. PF_TEAMS is every team's totals
 * over the rows filtered (JSON, the server's to read), when the request
 * gave none: a request that passes them back as teams has the PF_TEAM_*
 * fields from them, and PF_TEAMS NULL. */
enum portfolio_field {
	PF_KEY, PF_ID, PF_NAME, PF_ERP_ID, PF_TIER, PF_STATUS, PF_OWNER,
	PF_TEAM, PF_CURRENCY, PF_REPORTING, PF_REVENUE, PF_TARGET,
	PF_TARGET_PCT, PF_SPARK, PF_GROWTH, PF_OVERDUE_INVOICES, PF_OVERDUE,
	PF_CONDITION_ENDS, PF_CONDITION, PF_TALK, PF_TALK_ON, PF_CONTACT_DAYS,
	PF_COMPLAINTS, PF_BREACHES, PF_BREACH_KINDS, PF_TEAM_ACCOUNTS,
	PF_TEAM_REVENUE, PF_TEAM_TARGET, PF_TEAM_OVERDUE, PF_TEAM_MISSING,
	PF_TEAMS, PF_NFIXED
};

/* What the statement can sort by, as :sort names them. */
enum portfolio_sort {
	PS_NAME, PS_TIER, PS_TARGET, PS_REVENUE, PS_GROWTH, PS_OVERDUE,
	PS_CONDITION, PS_TALK, PS_CONTACT, PS_COMPLAINTS, PS_BREACHES, PS_NSORT
};

/* A column another figure adds: its name in the rows, its title, and
 * whether it is a number (right aligned). Field PF_NFIXED + i. */
struct portfolio_extra {
	const char	*name;
	const char	*title;
	bool		 number;
	const char	*sql;	/* an expression over the row p (p.id) */
};
extern const struct portfolio_extra portfolio_extras[];
extern const size_t portfolio_nextras;

struct portfolio_req {
	const struct acct_filter *filter;	/* search ignored */
	enum portfolio_sort	 sort;
	bool			 desc;
	const char		*after_key;	/* the last row's PF_KEY */
	int			 limit;
	/* the page before after_key (with none, the last page), still in
	 * the order asked for: G reads the last page alone */
	bool			 backwards;
	/* PF_TEAMS of an earlier page of the same filter over the same
	 * data: the totals are not worked out again (every account
	 * filtered read), only looked up; NULL: worked out */
	const char		*teams;
};

bool		 portfolio_send(struct kam_db *db, const struct portfolio_req *req);
const char	*portfolio_sort_name(enum portfolio_sort s);
/* -1 for an unknown name */
int		 portfolio_sort_parse(const char *name);

#endif
