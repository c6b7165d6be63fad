/* The account list's statements, built from fixed fragments only: the sort
 * column picks a key expression from a table, every value the user gave
 * is a parameter. Filters that are not set are NULL parameters, which the
 * planner folds away (unnamed statements get plans for their values). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kam/account_list.h"
#include "kam/buf.h"
#include "kam/countof.h"
#include "kam/xalloc.h"
#include "search_sql.h"
#include "team_filter_sql.h"

struct acol_def {
	const char	*name;
	const char	*key;	/* never NULL, so keyset comparisons hold */
	const char	*key_no_erp;	/* for users who may not read invoices */
	const char	*cast;	/* the key's type, for the parameter */
	const char	*key_desc;	/* descending, when not key */
};

/* A figure in the reporting currency (migration 0017). Accounts whose
 * currency has no rate sort last either way: a bound beyond any amount
 * stands in for theirs, on the side the order ends with. */
#define MONEY_KEY(col, last) "coalesce((SELECT m." col " FROM " \
	"kam.account_money m WHERE m.account_id = a.id), " last ")"
#define MONEY_LAST_ASC "1e100"
#define MONEY_LAST_DESC "-1e100"

/* A column many accounts share (a tier, an owner) sorts them by name
 * next: the key is the pair, compared element by element in the
 * database's collation, and its text ({key,name}) comes back as text[]. */
#define THEN_NAME(key) "ARRAY[(" key ")::text, a.name_key]"

/* Keys over kam.account a; the computed columns are scalar subqueries,
 * evaluated only when the list is sorted by them. */
static const struct acol_def acols[ACOL_COUNT] = {
	[ACOL_NAME] = { "name", "a.name_key", NULL, "::text", NULL },
	[ACOL_TIER] = { "tier", THEN_NAME("CASE a.tier WHEN 'strategic' THEN 1 "
	    "WHEN 'key' THEN 2 ELSE 3 END"), NULL, "::text[]", NULL },
	[ACOL_OWNER] = { "owner", THEN_NAME("coalesce((SELECT o.display_name "
	    "FROM kam.app_user o WHERE o.id = a.owner_id), '')"), NULL, "::text[]",
	    NULL },
	[ACOL_LIFECYCLE] = { "lifecycle", THEN_NAME("CASE a.lifecycle WHEN "
	    "'acquisition' THEN 1 WHEN 'development' THEN 2 ELSE 3 END"), NULL,
	    "::text[]", NULL },
	[ACOL_STATUS] = { "status", THEN_NAME("CASE a.status WHEN 'active' THEN 1 "
	    "WHEN 'at_risk' THEN 2 WHEN 'dormant' THEN 3 ELSE 4 END"), NULL,
	    "::text[]", NULL },
	/* the service level in force, by the one rule (migration 0015) */
	[ACOL_SLA] = { "sla", THEN_NAME("coalesce((SELECT x.name FROM "
	    "kam.account_service_level(a.id) f JOIN kam.service_level x "
	    "ON x.id = f.id WHERE f.state = 'valid'), '')"), NULL, "::text[]", NULL },
	[ACOL_REVENUE] = { "revenue", MONEY_KEY("revenue_reporting",
	    MONEY_LAST_ASC), "0::numeric", "::numeric",
	    MONEY_KEY("revenue_reporting", MONEY_LAST_DESC) },
	[ACOL_OPEN] = { "open", MONEY_KEY("open_reporting", MONEY_LAST_ASC),
	    "0::numeric", "::numeric", MONEY_KEY("open_reporting",
	    MONEY_LAST_DESC) },
	[ACOL_LAST_CONTACT] = { "last-contact", "coalesce((SELECT max(i.occurred_at) "
	    "FROM kam.interaction i WHERE i.account_id = a.id), '-infinity')", NULL,
	    "::timestamptz", NULL },
	[ACOL_NEXT_FOLLOW_UP] = { "next-follow-up", "coalesce((SELECT "
	    "min(i.follow_up_on) FROM kam.interaction i WHERE i.account_id = a.id "
	    "AND i.follow_up_on >= current_date AND i.follow_up_done_at IS NULL), "
	    "'infinity')", NULL, "::date", NULL },
};

/* The folded list's tops: accounts without a parent the user may read
 * (none, or one row-level security hides), so a child whose parent is
 * not the user's stands at the top. */
#define TOP "(a.parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM kam.account q " \
	"WHERE q.id = a.parent_id))"
/* $1 tier, $2 owner, $3 team, $4 lifecycle, $5 status, $6 mine, $8 and
 * $9 the account team's person and role, $10 folded (the tops only; a
 * search looks through every account). No join: walking the name order
 * then reads the index alone. */
#define FILTERS \
	" WHERE ($1::text IS NULL OR a.tier = $1)" \
	" AND ($2::text IS NULL OR a.owner_id = (SELECT u.id FROM kam.app_user u" \
	" WHERE u.role_name = $2))" \
	" AND ($3::text IS NULL OR a.team = $3)" \
	" AND ($4::text IS NULL OR a.lifecycle = $4)" \
	" AND ($5::text IS NULL OR a.status = $5)" \
	" AND (NOT $6::bool OR a.owner_id = kam.my_user_id())" \
	" AND " TEAM_FILTER("a.id", "a.owner_id", "$8", "$9") \
	" AND (NOT $10::bool OR $7::text IS NOT NULL OR " TOP ")"
/* $7 the search, in the tiers of search_sql.h: an account whose id, ERP
 * id, VAT id or name is the key; else words that start with it (of the
 * name or the city, or the ERP id or the VAT id); else, from three
 * characters on, or for one or two of a script that does not space its
 * words (CJK), the key anywhere; from five on, names spelt a little
 * differently too. TIER is the first tier that has an account among the
 * filtered ones: an uncorrelated subquery, computed once. */
#define TIER "(SELECT CASE WHEN EXISTS (SELECT 1 FROM kam.account a" FILTERS \
	" AND " SEARCH_EXACT("$7") ") THEN 1 WHEN EXISTS (SELECT 1 FROM " \
	"kam.account a" FILTERS " AND " SEARCH_WORD_START("$7") ") THEN 2 " \
	"ELSE 3 END)"
#define TIERS_12 "((" TIER " = 1 AND " SEARCH_EXACT("$7") ") OR (" TIER \
	" = 2 AND " SEARCH_WORD_START("$7") ")"
/* $11 the group shown unfolded: its members below its top, each with
 * its path from there (names and ids, which order a group's members
 * under their parents) and depth; none unless folded without a search.
 * The database refuses cycles (migration 0049); the depth bounds a walk
 * all the same. */
#define SEG(c) "(" c ".name_key || chr(1) || lpad(" c ".id::text, 19, '0') " \
	"|| chr(2)) COLLATE \"C\""
#define OPEN_GROUP "WITH RECURSIVE og (id, path, depth) AS (SELECT c.id, " \
	SEG("c") ", 1 FROM kam.account c WHERE c.parent_id = $11::bigint AND " \
	"$10::bool AND $7::text IS NULL UNION ALL SELECT c.id, og.path || " \
	SEG("c") ", og.depth + 1 FROM kam.account c JOIN og ON c.parent_id = " \
	"og.id WHERE og.depth < 1000) "
/* a top and, when it is the open group, its members */
#define MEMBERS " CROSS JOIN LATERAL (SELECT a.id, ''::text COLLATE \"C\" " \
	"AS path, 0 AS depth UNION ALL SELECT og.id, og.path, og.depth FROM og " \
	"WHERE a.id = $11::bigint) m"
#define NFILTERS 11
/* after the filters: the page's length and the key it goes on from: its
 * sort value and id, or in the folded list its top's id and its path */
#define P_LIMIT "$12::int"
#define P_KEY "$13"
#define P_ID "$14::bigint"
#define P_TOP "$14::bigint"
#define P_PATH "($15::text COLLATE \"C\")"

enum search_kind { SEARCH_NONE, SEARCH_WORD, SEARCH_ANYWHERE, SEARCH_FUZZY };

static const char *const search_match[] = {
	[SEARCH_NONE] = "$7::text IS NULL",
	[SEARCH_WORD] = TIERS_12 ")",
	[SEARCH_ANYWHERE] = TIERS_12 " OR (" TIER " = 3 AND " SEARCH_CONTAINS("$7") "))",
	[SEARCH_FUZZY] = TIERS_12 " OR (" TIER " = 3 AND (" SEARCH_CONTAINS("$7")
	    " OR " SEARCH_SIMILAR_WHEN("$7", TIER " = 3") ")))",
};

/* One or two characters of a script written without spaces between
 * words (three or four bytes in UTF-8: CJK, Thai, Hangul and the like)
 * have no word starts to match. */
static bool
unspaced_script(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0xe0)
			return true;
	return false;
}

static enum search_kind
search_kind(const struct acct_filter *f)
{
	size_t chars = 0;

	if (f->search == NULL || *f->search == '\0')
		return SEARCH_NONE;
	for (const char *p = f->search; *p; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	if (chars < 3 && !f->search_anywhere && !unspaced_script(f->search))
		return SEARCH_WORD;
	return chars < 5 ? SEARCH_ANYWHERE : SEARCH_FUZZY;
}

/* A search in name order looks at the next WINDOW accounts first (the
 * index alone, about a millisecond): when they hold a page of matches,
 * that is the page. Else, with WALK_HITS matches or more among them, the
 * walk goes on in name order. With fewer, the trigram index collects the
 * matches: when they are fewer than FEW, they are sorted; when not, they
 * are many, only not among the first accounts, and the walk goes on after
 * all. A walk costs the rows it passes until a page is full, the index
 * the matches it finds: each is used where it is cheap, whatever the
 * planner guesses (under row-level security it cannot read the search
 * text's statistics). */
#define WINDOW "2000"
#define WALK_HITS "10"
#define FEW "2000"

static const char page_head[] =
	"SELECT p.k::text AS sort_key, p.id, l.name, l.tier, "
	"l.owner_name AS owner, l.lifecycle, l.status, l.sla_name AS sla, "
	/* whole units: a list compares, the account's Overview has the cents */
	"round(coalesce(f.revenue_reporting, f.revenue_year)) AS revenue, "
	"round(coalesce(f.open_reporting, f.open_amount)) AS open_amount, "
	"to_char(l.last_contact_at, 'YYYY-MM-DD') AS last_contact, "
	"l.next_follow_up_on AS next_follow_up, "
	"round(coalesce(f.overdue_reporting, f.overdue_amount)) AS overdue_amount, "
	"l.currency, l.erp_id, CASE WHEN f.missing_rate IS NULL THEN "
	"f.reporting_currency ELSE l.currency END AS money_currency, "
	"f.missing_rate";
/* the folded list's: where a row stands in its group, how many below */
static const char fold_cols[] =
	", p.top::text AS top_id, p.path, p.depth, (SELECT count(*) - 1 FROM "
	"kam.group_members(p.id)) AS members FROM (";
static const char flat_cols[] =
	", NULL::text AS top_id, NULL::text AS path, NULL::int AS depth, "
	"NULL::bigint AS members FROM (";
/* The columns a page's rows return: the key, then struct acct_row's
 * fields, named; db_take checks them. */
enum { PAGE_KEY, PAGE_ID, PAGE_TOP, PAGE_PATH, PAGE_FIELD,
	PAGE_NCOLS = PAGE_FIELD + AROW_NFIELDS };
static const char *const page_names[PAGE_NCOLS] = {
	[PAGE_KEY] = "sort_key", [PAGE_ID] = "id", [PAGE_TOP] = "top_id",
	[PAGE_PATH] = "path",
	[PAGE_FIELD + ACOL_NAME] = "name", [PAGE_FIELD + ACOL_TIER] = "tier",
	[PAGE_FIELD + ACOL_OWNER] = "owner",
	[PAGE_FIELD + ACOL_LIFECYCLE] = "lifecycle",
	[PAGE_FIELD + ACOL_STATUS] = "status", [PAGE_FIELD + ACOL_SLA] = "sla",
	[PAGE_FIELD + ACOL_REVENUE] = "revenue",
	[PAGE_FIELD + ACOL_OPEN] = "open_amount",
	[PAGE_FIELD + ACOL_LAST_CONTACT] = "last_contact",
	[PAGE_FIELD + ACOL_NEXT_FOLLOW_UP] = "next_follow_up",
	[PAGE_FIELD + AROW_OVERDUE] = "overdue_amount",
	[PAGE_FIELD + AROW_CURRENCY] = "currency",
	[PAGE_FIELD + AROW_ERP_ID] = "erp_id",
	[PAGE_FIELD + AROW_MONEY_CURRENCY] = "money_currency",
	[PAGE_FIELD + AROW_NO_RATE] = "missing_rate",
	[PAGE_FIELD + AROW_DEPTH] = "depth",
	[PAGE_FIELD + AROW_MEMBERS] = "members",
};
static const struct db_columns page_cols = DB_COLUMNS("account list", page_names);
/* the page's rows, then what the list shows of them */
static const char page_rows[] =
	") p JOIN kam.account_list l ON l.id = p.id ";
/* OFFSET 0 keeps the subquery apart, so that l.id reaches the view as a
 * value for each row: pulled up into the page's join it was a join
 * condition, which cannot enter a view with a CTE (its rates), and every
 * account's money was worked out for a page of 40 (tests/screen/
 * search.bats; minutes a keystroke on 100 000 accounts). */
static const char erp_join[] =
	"LEFT JOIN LATERAL (SELECT * FROM kam.account_money x "
	"WHERE x.account_id = l.id OFFSET 0) f ON true";
static const char no_erp_join[] =
	"CROSS JOIN (SELECT NULL::numeric AS revenue_year, NULL::numeric AS "
	"open_amount, NULL::numeric AS overdue_amount, NULL::numeric AS "
	"revenue_reporting, NULL::numeric AS open_reporting, NULL::numeric AS "
	"overdue_reporting, NULL::text AS reporting_currency, NULL::text AS "
	"missing_rate) f";

const char *
acol_name(enum acol c)
{
	return acols[c].name;
}

int
acol_from_name(const char *name)
{
	for (size_t i = 0; i < countof(acols); i++)
		if (strcmp(acols[i].name, name) == 0)
			return (int)i;
	return -1;
}

static bool
reversed(enum acct_from from)
{
	return from == ACCT_BEFORE || from == ACCT_LAST;
}

/* Groups folded: no search, which shows every account that matches. */
static bool
folded(const struct acct_filter *f)
{
	return f->folded && (f->search == NULL || *f->search == '\0');
}

static void
add_key(struct kam_buf *q, const struct acct_page_req *req)
{
	const struct acol_def *c = &acols[req->sort];

	if (!req->erp_figures && c->key_no_erp)
		buf_adds(q, c->key_no_erp);
	else
		buf_adds(q, req->desc && c->key_desc ? c->key_desc : c->key);
}

static bool
descending(const struct acct_page_req *req)
{
	return req->desc != reversed(req->from);
}

/* "(key, a.id) OP ($13, ID)", the key's pair against the page's. */
static void
add_pair(struct kam_buf *q, const struct acct_page_req *req, const char *op,
    const char *id)
{
	buf_adds(q, "(");
	add_key(q, req);
	buf_addf(q, ", a.id) %s (" P_KEY "%s, %s)", op, acols[req->sort].cast, id);
}

/* The rows past the page's key. Folded, a row's place is its top's key
 * and id, then its path in the group, which reads down whichever way
 * the tops are sorted. */
static void
add_past_key(struct kam_buf *q, const struct acct_page_req *req)
{
	const char *op = descending(req) ? "<" : ">";

	buf_adds(q, " AND ");
	if (!folded(req->filter)) {
		add_pair(q, req, op, P_ID);
		return;
	}
	buf_adds(q, "(");
	add_pair(q, req, op, P_TOP);
	buf_adds(q, " OR (");
	add_pair(q, req, "=", P_TOP);
	buf_addf(q, " AND m.path %s " P_PATH "))", reversed(req->from) ? "<" : ">");
}

/* "SELECT key AS k, a.id, more FROM kam.account a WHERE the filters, the
 * match (if any) and the rows past the page's key", not yet in order;
 * folded, each top with its members (m) when it is the open group. */
static void
add_selection(struct kam_buf *q, const struct acct_page_req *req,
    const char *more, const char *match)
{
	bool fold = folded(req->filter);

	buf_adds(q, "SELECT ");
	add_key(q, req);
	buf_adds(q, fold ? " AS k, m.id, a.id AS top, m.path, m.depth" :
	    " AS k, a.id");
	buf_adds(q, more);
	buf_adds(q, " FROM kam.account a");
	buf_adds(q, fold ? MEMBERS FILTERS : FILTERS);
	if (match != NULL) {
		buf_adds(q, " AND ");
		buf_adds(q, match);
	}
	if (req->from == ACCT_AFTER || req->from == ACCT_BEFORE)
		add_past_key(q, req);
}

static void
add_order(struct kam_buf *q, const struct acct_page_req *req, const char *limit)
{
	const char *dir = descending(req) ? " DESC" : "";

	if (folded(req->filter))
		buf_addf(q, " ORDER BY 1%s, 3%s, 4%s LIMIT %s", dir, dir,
		    reversed(req->from) ? " DESC" : "", limit);
	else
		buf_addf(q, " ORDER BY 1%s, 2%s LIMIT %s", dir, dir, limit);
}

/* The page in the key's order, the planner choosing how. */
static void
add_walk(struct kam_buf *q, const struct acct_page_req *req, const char *match)
{
	add_selection(q, req, "", match);
	add_order(q, req, P_LIMIT);
}

/* Every match first, then the page: for a computed key, for a search by
 * similarity (too dear to test on each row of a walk), and for matches
 * too few to walk to. */
static void
add_matches(struct kam_buf *q, const struct acct_page_req *req,
    const char *match)
{
	buf_adds(q, "SELECT * FROM (");
	add_selection(q, req, "", match);
	buf_adds(q, " OFFSET 0) m");
	add_order(q, req, P_LIMIT);
}

/* The window s (see WINDOW), its matches w, the index's matches m (a
 * CTE: planned for all of them, read only as far as needed), and in g
 * what they tell: the window's hits, the accounts it saw, and how many
 * matches the index found up to FEW, when it was asked. */
static void
add_window(struct kam_buf *q, const struct acct_page_req *req,
    const char *match)
{
	buf_adds(q, ", s AS MATERIALIZED (");
	add_selection(q, req, ", a.search_text, a.erp_id, a.vat_id, a.name_key",
	    NULL);
	add_order(q, req, WINDOW);
	buf_adds(q, "), w AS MATERIALIZED (SELECT a.k, a.id FROM s a WHERE ");
	buf_adds(q, match);
	add_order(q, req, P_LIMIT);
	buf_adds(q, "), m AS MATERIALIZED (");
	add_selection(q, req, "", match);
	buf_adds(q, "), c AS MATERIALIZED (SELECT (SELECT count(*) FROM w) AS "
	    "hits, (SELECT count(*) FROM s) AS seen), g AS MATERIALIZED "
	    "(SELECT hits, seen, CASE WHEN hits < " WALK_HITS " AND seen = "
	    WINDOW " THEN (SELECT count(*) FROM (SELECT 1 FROM m LIMIT " FEW
	    ") f) END AS found FROM c) ");
}

/* Of the three ways, the one that g says. The walk's match is hidden in a
 * CASE, whose selectivity the planner takes as one half: it walks the
 * name order then, rather than sort what the trigram index would find. */
static void
add_window_choice(struct kam_buf *q, const struct acct_page_req *req,
    const char *match)
{
	struct kam_buf walk;

	buf_init(&walk);
	buf_adds(&walk, "CASE WHEN ");
	buf_adds(&walk, match);
	buf_adds(&walk, " THEN true END");
	buf_adds(q, "(SELECT * FROM w WHERE (SELECT hits = " P_LIMIT " OR seen < "
	    WINDOW " FROM g)) UNION ALL (SELECT * FROM (");
	add_walk(q, req, walk.data);
	buf_free(&walk);
	buf_adds(q, ") x WHERE (SELECT hits < " P_LIMIT " AND seen = " WINDOW
	    " AND (hits >= " WALK_HITS " OR found = " FEW ") FROM g)) "
	    "UNION ALL (SELECT * FROM (SELECT * FROM m");
	add_order(q, req, P_LIMIT);
	buf_adds(q, ") y WHERE (SELECT found < " FEW " FROM g))");
}

static void
build_page(struct kam_buf *q, const struct acct_page_req *req)
{
	enum search_kind sk = search_kind(req->filter);
	const char *dir = descending(req) ? " DESC" : "";
	const char *match = search_match[sk];
	const char *cols = folded(req->filter) ? fold_cols : flat_cols;

	buf_adds(q, OPEN_GROUP);
	if (sk == SEARCH_NONE) {
		buf_adds(q, page_head);
		buf_adds(q, cols);
		add_walk(q, req, match);
	} else if (sk == SEARCH_FUZZY || req->sort != ACOL_NAME) {
		buf_adds(q, page_head);
		buf_adds(q, cols);
		add_matches(q, req, match);
	} else {
		add_window(q, req, match);
		buf_adds(q, page_head);
		buf_adds(q, cols);
		add_window_choice(q, req, match);
	}
	buf_adds(q, page_rows);
	buf_adds(q, req->erp_figures ? erp_join : no_erp_join);
	if (folded(req->filter))
		buf_addf(q, " ORDER BY p.k%s, p.top%s, p.path%s", dir, dir,
		    reversed(req->from) ? " DESC" : "");
	else
		buf_addf(q, " ORDER BY p.k%s, p.id%s", dir, dir);
}

static void
filter_params(const struct acct_filter *f, const char **p)
{
	p[0] = f->tier;
	p[1] = f->owner;
	p[2] = f->team;
	p[3] = f->lifecycle;
	p[4] = f->status;
	p[5] = f->mine ? "t" : "f";
	p[6] = f->search != NULL && *f->search != '\0' ? f->search : NULL;
	p[7] = f->team_person;
	p[8] = f->team_role;
	p[9] = f->folded ? "t" : "f";
	p[10] = f->folded ? f->open_group : NULL;
}

bool
acct_page_send(struct kam_db *db, const struct acct_page_req *req)
{
	const char *p[NFILTERS + 4];
	char limit[16];
	struct kam_buf q;
	int n = NFILTERS + 1;
	bool ok;

	filter_params(req->filter, p);
	snprintf(limit, sizeof limit, "%d", req->limit);
	p[NFILTERS] = limit;
	if (req->from == ACCT_AFTER || req->from == ACCT_BEFORE) {
		p[n++] = req->key->sort;
		if (!folded(req->filter))
			p[n++] = req->key->id;
		else {	/* a key of the flat list: a top */
			p[n++] = req->key->top ? req->key->top : req->key->id;
			p[n++] = req->key->path ? req->key->path : "";
		}
	}
	buf_init(&q);
	build_page(&q, req);
	ok = db_send_columns(db, q.data, n, p, &page_cols);
	buf_free(&q);
	return ok;
}

static void
take_row(const struct kam_res *r, int i, struct acct_row *row)
{
	row->key.sort = xstrdup(res_get(r, i, PAGE_KEY));
	row->key.id = xstrdup(res_get(r, i, PAGE_ID));
	row->key.top = xstrdup(res_get(r, i, PAGE_TOP));
	row->key.path = xstrdup(res_get(r, i, PAGE_PATH));
	for (int f = 0; f < AROW_NFIELDS; f++)
		row->field[f] = xstrdup(res_get(r, i, PAGE_FIELD + f));
}

bool
acct_page_recv(struct kam_db *db, enum acct_from from, struct acct_page *page)
{
	struct kam_res *r = db_take(db);
	size_t n;

	memset(page, 0, sizeof *page);
	if (r == NULL)
		return false;
	n = (size_t)res_rows(r);
	page->rows = xcalloc(n ? n : 1, sizeof *page->rows);
	page->n = n;
	for (size_t i = 0; i < n; i++)
		take_row(r, (int)i, &page->rows[reversed(from) ? n - 1 - i : i]);
	res_free(r);
	return true;
}

void
acct_key_free(struct acct_key *key)
{
	free(key->sort);
	free(key->id);
	free(key->top);
	free(key->path);
	key->sort = key->id = key->top = key->path = NULL;
}

void
acct_key_copy(struct acct_key *dst, const struct acct_key *src)
{
	dst->sort = xstrdup(src->sort);
	dst->id = xstrdup(src->id);
	dst->top = xstrdup(src->top);
	dst->path = xstrdup(src->path);
}

void
acct_row_free(struct acct_row *row)
{
	acct_key_free(&row->key);
	for (int f = 0; f < AROW_ALL; f++)
		free(row->field[f]);
	memset(row, 0, sizeof *row);
}

void
acct_page_free(struct acct_page *page)
{
	for (size_t i = 0; i < page->n; i++)
		acct_row_free(&page->rows[i]);
	free(page->rows);
	memset(page, 0, sizeof *page);
}

static const char *const count_names[] = { "n" };
static const struct db_columns count_cols = DB_COLUMNS("account count",
    count_names);

bool
acct_count_send(struct kam_db *db, const struct acct_filter *f)
{
	enum search_kind sk = search_kind(f);
	const char *p[NFILTERS];
	struct kam_buf q;
	bool ok;

	filter_params(f, p);
	buf_init(&q);
	/* a search counts up to the cap: past it, "more than" says enough;
	 * folded, the open group's members count too */
	buf_adds(&q, OPEN_GROUP "SELECT (SELECT count(*) FROM (SELECT 1 FROM "
	    "kam.account a" FILTERS " AND ");
	buf_adds(&q, search_match[sk]);
	buf_adds(&q, sk == SEARCH_NONE ? ") x" : " LIMIT 10001) x");
	buf_adds(&q, ") + (SELECT count(*) FROM og WHERE EXISTS (SELECT 1 FROM "
	    "kam.account a" FILTERS " AND a.id = $11::bigint)) AS n");
	ok = db_send_columns(db, q.data, NFILTERS, p, &count_cols);
	buf_free(&q);
	return ok;
}

static bool
take_scalar(struct kam_db *db, char **out)
{
	struct kam_res *r = db_take(db);

	if (r == NULL)
		return false;
	*out = xstrdup(res_rows(r) > 0 ? res_get(r, 0, 0) : NULL);
	res_free(r);
	return true;
}

bool
acct_count_recv(struct kam_db *db, long *n)
{
	char *text;

	if (!take_scalar(db, &text))
		return false;
	*n = text ? strtol(text, NULL, 10) : 0;
	free(text);
	return true;
}

enum { SESSION_ERP, SESSION_SYNC, SESSION_PLANS, SESSION_AUDIT,
	SESSION_REPORTING, SESSION_RATES_FROM, SESSION_RATES_TO,
	SESSION_NO_RATE, SESSION_ORDERS, SESSION_AMOUNTS, SESSION_NCOLS };
static const char *const session_names[SESSION_NCOLS] = {
	[SESSION_ERP] = "erp_figures", [SESSION_SYNC] = "last_sync",
	[SESSION_PLANS] = "plans", [SESSION_AUDIT] = "audit_log",
	[SESSION_REPORTING] = "reporting", [SESSION_RATES_FROM] = "rates_from",
	[SESSION_RATES_TO] = "rates_to", [SESSION_NO_RATE] = "no_rate",
	[SESSION_ORDERS] = "orders", [SESSION_AMOUNTS] = "amounts",
};
static const struct db_columns session_cols = DB_COLUMNS("session",
    session_names);

bool
acct_session_send(struct kam_db *db)
{
	return db_send_columns(db, "SELECT has_table_privilege("
	    "'kam.erp_invoice', 'SELECT') AS erp_figures, (SELECT "
	    "to_char(max(finished_at), 'YYYY-MM-DD HH24:MI') FROM kam.sync_run "
	    "WHERE status = 'ok') AS last_sync, has_table_privilege("
	    "'kam.plan_action', 'SELECT') AS plans, has_table_privilege("
	    "'kam.audit_log', 'SELECT') AS audit_log, "
	    /* support's columns of them (migration 0016) */
	    "has_column_privilege('kam.erp_order', 'status', 'SELECT') AS orders, "
	    "has_column_privilege('kam.erp_invoice', 'open_amount', 'SELECT') "
	    "AND has_column_privilege('kam.erp_order', 'amount', 'SELECT') "
	    "AS amounts, kam.reporting_currency() "
	    "AS reporting, r.rates_from, r.rates_to, r.no_rate FROM (SELECT "
	    "min(valid_on) AS rates_from, max(valid_on) AS rates_to, "
	    "string_agg(currency, ', ' ORDER BY currency) FILTER (WHERE rate IS "
	    "NULL) AS no_rate FROM kam.reporting_rate) r", 0, NULL, &session_cols);
}

bool
acct_session_recv(struct kam_db *db, struct acct_session *s)
{
	struct kam_res *r = db_take(db);

	memset(s, 0, sizeof *s);
	if (r == NULL)
		return false;
	s->erp_figures = strcmp(res_get(r, 0, SESSION_ERP), "t") == 0;
	s->last_sync = xstrdup(res_get(r, 0, SESSION_SYNC));
	s->plans = strcmp(res_get(r, 0, SESSION_PLANS), "t") == 0;
	s->audit_log = strcmp(res_get(r, 0, SESSION_AUDIT), "t") == 0;
	s->reporting = xstrdup(res_get(r, 0, SESSION_REPORTING));
	s->rates_from = xstrdup(res_get(r, 0, SESSION_RATES_FROM));
	s->rates_to = xstrdup(res_get(r, 0, SESSION_RATES_TO));
	s->no_rate = xstrdup(res_get(r, 0, SESSION_NO_RATE));
	s->orders = strcmp(res_get(r, 0, SESSION_ORDERS), "t") == 0;
	s->amounts = strcmp(res_get(r, 0, SESSION_AMOUNTS), "t") == 0;
	res_free(r);
	return true;
}

void
acct_session_free(struct acct_session *s)
{
	free(s->last_sync);
	free(s->reporting);
	free(s->rates_from);
	free(s->rates_to);
	free(s->no_rate);
	memset(s, 0, sizeof *s);
}

void
acct_filter_free(struct acct_filter *f)
{
	free(f->tier);
	free(f->owner);
	free(f->team);
	free(f->lifecycle);
	free(f->status);
	free(f->search);
	free(f->team_person);
	free(f->team_role);
	free(f->open_group);
	memset(f, 0, sizeof *f);
}
