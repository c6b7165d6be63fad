/* The portfolio's statement: fixed text (the sort's expression chosen by
 * the sort), values as parameters ($1-$6 the list's filters, $7
 * descending, $8 the last key, $9 the limit, $10 and $11 the account
 * team's person and role, $12 backwards, $13 the team totals kept from
 * an earlier page). What each figure means is kam.portfolio (migrations
 * 0030, 0053, 0062, 0082); here the rows are filtered, keyed for paging,
 * sorted, and given their team's totals over the rows filtered. */
#include <stdio.h>
#include <string.h>

#include "kam/buf.h"
#include "kam/countof.h"
#include "kam/portfolio.h"
#include "team_filter_sql.h"

/* The extension point: a figure another part of kam adds, from a view of
 * its own keyed by account id, e.g.
 *   { "quality", "Quality", true,
 *     "(SELECT q.score FROM kam.account_quality q WHERE q.account_id = p.id)" },
 * Nothing yet. */
const struct portfolio_extra portfolio_extras[] = {
	{ NULL, NULL, false, NULL },
};
const size_t portfolio_nextras = countof(portfolio_extras) - 1;
#define EXTRAS_MAX 8
_Static_assert(countof(portfolio_extras) - 1 <= EXTRAS_MAX,
    "more portfolio extras than EXTRAS_MAX");

static const char *const sort_names[PS_NSORT] = {
	[PS_NAME] = "name", [PS_TIER] = "tier", [PS_TARGET] = "target",
	[PS_REVENUE] = "revenue", [PS_GROWTH] = "growth",
	[PS_OVERDUE] = "overdue", [PS_CONDITION] = "condition",
	[PS_TALK] = "talk", [PS_CONTACT] = "contact",
	[PS_COMPLAINTS] = "complaints", [PS_BREACHES] = "alarms",
};

/* A number as text that sorts as the number does (amounts are below
 * 1e14, numeric(16,2)). */
#define NUM(x) "to_char((" x ") + 1e15, 'FM0000000000000000.0000')"

/* What each sort compares, as program text chosen by the sort (never a
 * value), and where from. Name and tier are the account's own columns:
 * they are read from kam.account alone in the order of an index of
 * their own (migration 0083; name_key is kam.fold(name)), so that a page
 * is the first $9 rows of an index scan. The others read the view, which
 * works out every figure of every account filtered (leaving out what the
 * sort does not read, its alarms above all, migration 0062), and sort
 * them all. Money is compared in the reporting currency only. */
static const struct {
	const char	*expr;
	bool		 account;
} sorts[PS_NSORT] = {
	[PS_NAME] = { "p.name_key", true },
	[PS_TIER] = { "CASE p.tier WHEN 'strategic' THEN '0' "
	    "WHEN 'key' THEN '1' ELSE '2' END || p.name_key", true },
	[PS_TARGET] = { NUM("p.target_pct"), false },
	[PS_REVENUE] = { NUM("p.revenue_reporting"), false },
	[PS_GROWTH] = { NUM("p.growth_pct"), false },
	[PS_OVERDUE] = { NUM("p.overdue_reporting"), false },
	[PS_CONDITION] = { "to_char(p.condition_ends_on, 'YYYY-MM-DD')", false },
	[PS_TALK] = { "array_position(ARRAY['overdue', 'due', 'not set', "
	    "'no plan', 'planned', 'held', 'closed'], p.talk)::text || "
	    "coalesce(to_char(p.talk_on, 'YYYY-MM-DD'), '')", false },
	[PS_CONTACT] = { NUM("coalesce(p.contact_days, 99999)"), false },
	[PS_COMPLAINTS] = { NUM("p.open_complaints"), false },
	[PS_BREACHES] = { NUM("p.breaches"), false },
};

/* The list's filters over a row p of the view or of kam.account, role
 * the owner's login there. */
#define FILTERS(role) \
	" ($1::text IS NULL OR p.tier = $1)" \
	" AND ($2::text IS NULL OR " role " = $2)" \
	" AND ($3::text IS NULL OR p.team = $3)" \
	" AND ($4::text IS NULL OR p.lifecycle = $4)" \
	" AND ($5::text IS NULL OR p.status = $5)" \
	" AND (NOT $6::bool OR p.owner_id = kam.my_user_id())" \
	/* $10, $11: the account team's person and role */ \
	" AND " TEAM_FILTER("p.id", "p.owner_id", "$10", "$11")
#define VIEW_FILTERS FILTERS("p.owner_role")
#define ACCOUNT_FILTERS FILTERS("(SELECT o.role_name FROM kam.app_user o " \
	"WHERE o.id = p.owner_id)")

/* Every team's totals over the rows filtered, as kam.portfolio_team sums
 * them (NULL when an account of the team has no rate), or those $13 kept:
 * worked out only when there are none (the first page of a filter), as
 * they read every account filtered from the view; the rows carry them
 * (PF_TEAMS). Amounts in whole units, as the list shows them, so that a
 * line and the title hold at 80 columns. With totals kept the statement
 * is the short one, which spares planning the view a second time. */
static const char teams_kept_sql[] =
	"WITH teams AS MATERIALIZED (SELECT $13::jsonb AS j) ";

static const char teams_sql[] =
	"WITH teams AS MATERIALIZED (SELECT (SELECT "
	"coalesce(jsonb_agg(t), '[]') FROM (SELECT p.team, count(*) AS accounts, "
	"CASE WHEN bool_and(p.revenue_reporting IS NOT NULL) "
	"THEN round(sum(p.revenue_reporting)) END AS revenue, "
	"CASE WHEN bool_and(p.revenue_target IS NULL OR p.target_reporting "
	"IS NOT NULL) THEN round(coalesce(sum(p.target_reporting), 0)) "
	"END AS target, "
	"CASE WHEN bool_and(p.overdue_reporting IS NOT NULL) "
	"THEN round(sum(p.overdue_reporting)) END AS overdue, "
	"min(p.missing_rate) AS missing "
	"FROM kam.portfolio p WHERE" VIEW_FILTERS
	" GROUP BY p.team) t) AS j) ";

/* Two steps after the totals. The keys: the page of accounts filtered
 * after (or, reading backwards, before) $8 in the order asked for ($7
 * descending, $12 backwards), with their sort keys. Then the page's lines
 * alone, each read from the view by its id (OFFSET 0 keeps that read
 * apart, so that the id reaches the view as a value and the view reads
 * that one account), with its team's totals.
 *
 * A key is '1' and the sort's value (NULL: '2', descending '0', last
 * either way), a space and the id in 19 digits, compared in "C". From the
 * view, every account filtered is keyed and the page taken from them. From
 * kam.account the value is never NULL: the page is the rows after $8's
 * value and id (taken apart again) in the index's order, the space a
 * chr(1), so that the keys sort as value and id do (a name that goes on
 * where another ends, "acme" and "acme 0 ...", with a space sorted the
 * id's digits against the name's), the direction
 * program text (portfolio_sql; $12, not read there, is named as a
 * column, so that the parameter has a type). */
static const char view_keys_sql[] =
	"SELECT l.* FROM (SELECT * FROM (SELECT (CASE WHEN v.v IS NULL THEN "
	"CASE WHEN $7::bool THEN '0' ELSE '2' END ELSE '1' || v.v END || ' ' || "
	"lpad(p.id::text, 19, '0')) COLLATE \"C\" AS sort_key, p.id "
	"FROM kam.portfolio p CROSS JOIN LATERAL (SELECT %s AS v) v WHERE"
	VIEW_FILTERS ") r"
	" WHERE ($8::text IS NULL OR CASE WHEN $7::bool <> $12::bool"
	" THEN r.sort_key < $8 ELSE r.sort_key > $8 END)"
	" ORDER BY CASE WHEN $7::bool <> $12::bool THEN r.sort_key END DESC,"
	" r.sort_key"
	" LIMIT $9::int) s";

static const char account_keys_sql[] =
	"SELECT l.* FROM (SELECT ('1' || r.v || chr(1) || lpad(r.id::text, 19, "
	"'0')) COLLATE \"C\" AS sort_key, r.id, $12::bool AS backwards "
	"FROM (SELECT (%1$s) COLLATE "
	"\"C\" AS v, p.id FROM kam.account p WHERE" ACCOUNT_FILTERS
	" AND ($8::text IS NULL OR ((%1$s) COLLATE \"C\", p.id) %2$s "
	"(substr($8, 2, length($8) - 21), right($8, 19)::bigint))"
	" ORDER BY 1 %3$s, 2 %3$s LIMIT $9::int) r) s";

static const char page_sql[] =
	" CROSS JOIN teams"
	" CROSS JOIN LATERAL (SELECT s.sort_key, p.id, p.name, "
	"p.erp_id, p.tier, p.status, p.owner_name AS owner, p.team, p.currency, "
	"p.reporting_currency AS reporting, round(p.revenue_year) AS revenue, "
	"p.revenue_target AS target, p.target_pct, "
	"kam.spark_levels(p.months) AS spark, p.growth_pct AS growth, "
	"p.overdue_invoices, round(p.overdue_amount) AS overdue, "
	"p.condition_ends_on AS condition_ends, p.condition_title AS condition, "
	"p.talk, p.talk_on, p.contact_days, p.open_complaints AS complaints, "
	"p.breaches, p.breach_kinds, t.x ->> 'accounts' AS team_accounts, "
	"t.x ->> 'revenue' AS team_revenue, t.x ->> 'target' AS team_target, "
	"t.x ->> 'overdue' AS team_overdue, t.x ->> 'missing' AS team_missing, "
	"CASE WHEN $13::jsonb IS NULL THEN teams.j::text END AS teams";

static const char tail_sql[] =
	" FROM kam.portfolio p LEFT JOIN LATERAL (SELECT x FROM "
	"jsonb_array_elements(teams.j) x WHERE x ->> 'team' IS NOT DISTINCT FROM "
	"p.team) t ON true WHERE p.id = s.id OFFSET 0) l"
	" ORDER BY CASE WHEN $7::bool THEN l.sort_key END DESC, l.sort_key";

static const char *const fixed_names[PF_NFIXED] = {
	[PF_KEY] = "sort_key", [PF_ID] = "id", [PF_NAME] = "name",
	[PF_ERP_ID] = "erp_id", [PF_TIER] = "tier", [PF_STATUS] = "status",
	[PF_OWNER] = "owner", [PF_TEAM] = "team", [PF_CURRENCY] = "currency",
	[PF_REPORTING] = "reporting", [PF_REVENUE] = "revenue",
	[PF_TARGET] = "target", [PF_TARGET_PCT] = "target_pct",
	[PF_SPARK] = "spark", [PF_GROWTH] = "growth",
	[PF_OVERDUE_INVOICES] = "overdue_invoices", [PF_OVERDUE] = "overdue",
	[PF_CONDITION_ENDS] = "condition_ends", [PF_CONDITION] = "condition",
	[PF_TALK] = "talk", [PF_TALK_ON] = "talk_on",
	[PF_CONTACT_DAYS] = "contact_days", [PF_COMPLAINTS] = "complaints",
	[PF_BREACHES] = "breaches", [PF_BREACH_KINDS] = "breach_kinds",
	[PF_TEAM_ACCOUNTS] = "team_accounts", [PF_TEAM_REVENUE] = "team_revenue",
	[PF_TEAM_TARGET] = "team_target", [PF_TEAM_OVERDUE] = "team_overdue",
	[PF_TEAM_MISSING] = "team_missing", [PF_TEAMS] = "teams",
};

/* The names the rows must have, the extras' after the fixed ones; kept
 * for db_take, which checks them after the send. */
static const struct db_columns *
portfolio_columns(void)
{
	static const char *names[PF_NFIXED + EXTRAS_MAX];
	static struct db_columns cols;

	memcpy(names, fixed_names, sizeof fixed_names);
	for (size_t i = 0; i < portfolio_nextras; i++)
		names[PF_NFIXED + i] = portfolio_extras[i].name;
	cols = (struct db_columns){ "portfolio", names,
	    (int)(PF_NFIXED + portfolio_nextras) };
	return &cols;
}

/* The statement from its fixed parts and the extras' fixed expressions:
 * program text only, never a value. Reading kam.account, the rows come
 * in the index's order, so the direction is text: descending when the
 * sort is and the page read forwards, or the sort is not and the page
 * read backwards. */
static void
portfolio_sql(struct kam_buf *sql, enum portfolio_sort sort, bool down,
    bool teams_kept)
{
	buf_adds(sql, teams_kept ? teams_kept_sql : teams_sql);
	if (sorts[sort].account)
		buf_addf(sql, account_keys_sql, sorts[sort].expr,
		    down ? "<" : ">", down ? "DESC" : "");
	else
		buf_addf(sql, view_keys_sql, sorts[sort].expr);
	buf_adds(sql, page_sql);
	for (size_t i = 0; i < portfolio_nextras; i++)
		buf_addf(sql, ", %s AS %s", portfolio_extras[i].sql,
		    portfolio_extras[i].name);
	buf_adds(sql, tail_sql);
}

bool
portfolio_send(struct kam_db *db, const struct portfolio_req *req)
{
	const struct acct_filter *f = req->filter;
	struct kam_buf sql;
	char limit[16];
	const char *p[13] = {
		f ? f->tier : NULL, f ? f->owner : NULL, f ? f->team : NULL,
		f ? f->lifecycle : NULL, f ? f->status : NULL,
		f && f->mine ? "t" : "f",
		req->desc ? "t" : "f", req->after_key, limit,
		f ? f->team_person : NULL, f ? f->team_role : NULL,
		req->backwards ? "t" : "f", req->teams,
	};
	bool ok;

	snprintf(limit, sizeof limit, "%d", req->limit > 0 ? req->limit : 200);
	buf_init(&sql);
	portfolio_sql(&sql, req->sort < PS_NSORT ? req->sort : PS_NAME,
	    req->desc != req->backwards, req->teams != NULL);
	ok = db_send_columns(db, sql.data, 13, p, portfolio_columns());
	buf_free(&sql);
	return ok;
}

const char *
portfolio_sort_name(enum portfolio_sort s)
{
	return s < PS_NSORT ? sort_names[s] : NULL;
}

int
portfolio_sort_parse(const char *name)
{
	for (int i = 0; i < PS_NSORT; i++)
		if (strcmp(sort_names[i], name) == 0)
			return i;
	return -1;
}
