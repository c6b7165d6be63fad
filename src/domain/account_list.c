/* The account list's statements, built from fixed fragments only: the sort
 * column picks a key expression from a table, every value the user gave
 * is a parameter. Filters that are not set are NULL parameters, which the
 * planner folds away (unnamed statements get plans for their values). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kam/account_list.h"
#include "kam/buf.h"
#include "kam/xalloc.h"
#include "search_sql.h"

#define N(a) (sizeof (a) / sizeof (a)[0])

struct acol_def {
	const char	*name;
	const char	*key;	/* never NULL, so keyset comparisons hold */
	const char	*key_no_erp;	/* for users who may not read invoices */
	const char	*cast;	/* the key's type, for the parameter */
};

#define ERP_FIGURE(col) "coalesce((SELECT f." col " FROM kam.account_erp_figures f " \
	"WHERE f.account_id = a.id), 0)"

/* Keys over kam.account a and its owner o; the computed columns are
 * scalar subqueries, evaluated only when the list is sorted by them. */
static const struct acol_def acols[ACOL_COUNT] = {
	[ACOL_NAME] = { "name", "kam.fold(a.name)", NULL, "::text" },
	[ACOL_TIER] = { "tier", "CASE a.tier WHEN 'strategic' THEN 1 "
	    "WHEN 'key' THEN 2 ELSE 3 END", NULL, "::int" },
	[ACOL_OWNER] = { "owner", "coalesce(o.display_name, '')", NULL, "::text" },
	[ACOL_LIFECYCLE] = { "lifecycle", "CASE a.lifecycle WHEN 'acquisition' "
	    "THEN 1 WHEN 'development' THEN 2 ELSE 3 END", NULL, "::int" },
	[ACOL_STATUS] = { "status", "CASE a.status WHEN 'active' THEN 1 "
	    "WHEN 'at_risk' THEN 2 WHEN 'dormant' THEN 3 ELSE 4 END", NULL, "::int" },
	[ACOL_SLA] = { "sla", "coalesce((SELECT x.name FROM kam.service_level x "
	    "WHERE x.account_id = a.id AND x.valid_from <= current_date AND "
	    "(x.valid_to IS NULL OR x.valid_to >= current_date) "
	    "ORDER BY x.valid_from DESC, x.id DESC LIMIT 1), '')", NULL, "::text" },
	[ACOL_REVENUE] = { "revenue", ERP_FIGURE("revenue_year"), "0::numeric",
	    "::numeric" },
	[ACOL_OPEN] = { "open", ERP_FIGURE("open_amount"), "0::numeric",
	    "::numeric" },
	[ACOL_LAST_CONTACT] = { "last-contact", "coalesce((SELECT max(i.occurred_at) "
	    "FROM kam.interaction i WHERE i.account_id = a.id), '-infinity')", NULL,
	    "::timestamptz" },
	[ACOL_NEXT_FOLLOW_UP] = { "next-follow-up", "coalesce((SELECT "
	    "min(i.follow_up_on) FROM kam.interaction i WHERE i.account_id = a.id "
	    "AND i.follow_up_on >= current_date), 'infinity')", NULL, "::date" },
};

/* $1 tier, $2 owner, $3 team, $4 lifecycle, $5 status, $6 mine */
#define FILTERS \
	" WHERE ($1::text IS NULL OR a.tier = $1)" \
	" AND ($2::text IS NULL OR o.role_name = $2)" \
	" AND ($3::text IS NULL OR a.team = $3)" \
	" AND ($4::text IS NULL OR a.lifecycle = $4)" \
	" AND ($5::text IS NULL OR a.status = $5)" \
	" AND (NOT $6::bool OR a.owner_id = kam.my_user_id())"
/* $7 the search, in three strengths by its length: one or two
 * characters match the start of the name (through the name index, so
 * that the first keystrokes answer at once); from three on anywhere in
 * name, ERP id, city or VAT id (through the trigram index); from five on
 * also names spelt a little differently. */
#define SEARCH_TYPO "(" SEARCH_CONTAINS("$7") " OR " SEARCH_SIMILAR("$7") ")"
#define NFILTERS 7
#define FROM_ACCOUNTS " FROM kam.account a LEFT JOIN kam.app_user o ON o.id = a.owner_id"

enum search_kind { SEARCH_NONE, SEARCH_START, SEARCH_ANYWHERE, SEARCH_FUZZY };

static const char *const search_match[] = {
	[SEARCH_START] = SEARCH_NAME_START("$7"),
	[SEARCH_ANYWHERE] = SEARCH_CONTAINS("$7"),
	[SEARCH_FUZZY] = SEARCH_TYPO,
};

static enum search_kind
search_kind(const struct acct_filter *f)
{
	size_t chars = 0;

	if (f->search == NULL || *f->search == '\0')
		return SEARCH_NONE;
	for (const char *p = f->search; *p; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	if (chars < 3 && !f->search_anywhere)
		return SEARCH_START;
	return chars < 5 ? SEARCH_ANYWHERE : SEARCH_FUZZY;
}

/* Appends the search condition; NULL $7 (no search) still names $7. */
static void
add_search(struct kam_buf *q, enum search_kind k)
{
	if (k == SEARCH_NONE) {
		buf_adds(q, " AND $7::text IS NULL");
		return;
	}
	buf_adds(q, " AND ");
	buf_adds(q, search_match[k]);
}

/* A search anywhere finds its accounts through the trigram index first:
 * walking the sort order instead would test every account on the way. */
static const char search_first[] =
	"WITH m AS MATERIALIZED (SELECT a.id FROM kam.account a WHERE true";
static const char search_found[] = " AND a.id IN (SELECT m.id FROM m)";

static const char page_head[] =
	"SELECT p.k::text, p.id, l.name, l.tier, l.owner_name, l.lifecycle, "
	"l.status, l.sla_name, f.revenue_year, f.open_amount, "
	"to_char(l.last_contact_at, 'YYYY-MM-DD'), l.next_follow_up_on, "
	"f.overdue_amount, l.currency, l.erp_id FROM (SELECT ";
/* the page's rows, then what the list shows of them */
static const char page_rows[] =
	") p JOIN kam.account_list l ON l.id = p.id ";
static const char erp_join[] =
	"LEFT JOIN LATERAL (SELECT * FROM kam.account_erp_figures x "
	"WHERE x.account_id = l.id) f ON true";
static const char no_erp_join[] =
	"CROSS JOIN (SELECT NULL::numeric AS revenue_year, NULL::numeric AS "
	"open_amount, NULL::numeric AS overdue_amount) f";

const char *
acol_name(enum acol c)
{
	return acols[c].name;
}

int
acol_from_name(const char *name)
{
	for (size_t i = 0; i < N(acols); i++)
		if (strcmp(acols[i].name, name) == 0)
			return (int)i;
	return -1;
}

static bool
reversed(enum acct_from from)
{
	return from == ACCT_BEFORE || from == ACCT_LAST;
}

static void
add_key(struct kam_buf *q, const struct acct_page_req *req)
{
	const struct acol_def *c = &acols[req->sort];

	buf_adds(q, !req->erp_figures && c->key_no_erp ? c->key_no_erp : c->key);
}

static void
build_page(struct kam_buf *q, const struct acct_page_req *req)
{
	bool desc = req->desc != reversed(req->from);
	const char *dir = desc ? " DESC" : "";
	enum search_kind sk = search_kind(req->filter);
	bool cte = sk >= SEARCH_ANYWHERE;

	if (cte) {
		buf_adds(q, search_first);
		add_search(q, sk);
		buf_adds(q, ") ");
	}
	buf_adds(q, page_head);
	add_key(q, req);
	buf_adds(q, " AS k, a.id" FROM_ACCOUNTS FILTERS);
	if (cte)
		buf_adds(q, search_found);
	else
		add_search(q, sk);
	/* names starting with the key begin where the key would sort: the
	 * name order need not be walked from "a" to get there */
	if (sk == SEARCH_START && req->sort == ACOL_NAME)
		buf_adds(q, " AND kam.fold(a.name) >= kam.fold($7)");
	if (req->from == ACCT_AFTER || req->from == ACCT_BEFORE) {
		buf_adds(q, " AND (");
		add_key(q, req);
		buf_adds(q, desc ? ", a.id) < ($9" : ", a.id) > ($9");
		buf_adds(q, acols[req->sort].cast);
		buf_adds(q, ", $10::bigint)");
	}
	buf_addf(q, " ORDER BY 1%s, 2%s LIMIT $8::int", dir, dir);
	buf_adds(q, page_rows);
	buf_adds(q, req->erp_figures ? erp_join : no_erp_join);
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
}

bool
acct_page_send(struct kam_db *db, const struct acct_page_req *req)
{
	const char *p[NFILTERS + 3];
	char limit[16];
	struct kam_buf q;
	int n = NFILTERS + 1;
	bool ok;

	filter_params(req->filter, p);
	snprintf(limit, sizeof limit, "%d", req->limit);
	p[NFILTERS] = limit;
	if (req->from == ACCT_AFTER || req->from == ACCT_BEFORE) {
		p[n++] = req->key->sort;
		p[n++] = req->key->id;
	}
	buf_init(&q);
	build_page(&q, req);
	ok = db_send(db, q.data, n, p);
	buf_free(&q);
	return ok;
}

static void
take_row(const struct kam_res *r, int i, struct acct_row *row)
{
	row->key.sort = xstrdup(res_get(r, i, 0));
	row->key.id = xstrdup(res_get(r, i, 1));
	for (int f = 0; f < AROW_NFIELDS; f++)
		row->field[f] = xstrdup(res_get(r, i, f + 2));
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
	key->sort = key->id = NULL;
}

void
acct_key_copy(struct acct_key *dst, const struct acct_key *src)
{
	dst->sort = xstrdup(src->sort);
	dst->id = xstrdup(src->id);
}

void
acct_row_free(struct acct_row *row)
{
	acct_key_free(&row->key);
	for (int f = 0; f < AROW_NFIELDS; f++)
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

bool
acct_count_send(struct kam_db *db, const struct acct_filter *f)
{
	enum search_kind sk = search_kind(f);
	const char *p[NFILTERS];
	struct kam_buf q;
	bool ok;

	filter_params(f, p);
	buf_init(&q);
	/* a search counts up to the cap: past it, "more than" says enough */
	buf_adds(&q, "SELECT count(*) FROM (SELECT 1" FROM_ACCOUNTS FILTERS);
	add_search(&q, sk);
	buf_adds(&q, sk == SEARCH_NONE ? ") x" : " LIMIT 10001) x");
	ok = db_send(db, q.data, NFILTERS, p);
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

bool
acct_session_send(struct kam_db *db)
{
	return db_send(db, "SELECT has_table_privilege('kam.erp_invoice', "
	    "'SELECT'), (SELECT to_char(max(finished_at), 'YYYY-MM-DD HH24:MI') "
	    "FROM kam.sync_run WHERE status = 'ok'), "
	    "has_table_privilege('kam.plan_action', 'SELECT'), "
	    "has_table_privilege('kam.audit_log', 'SELECT')", 0, NULL);
}

bool
acct_session_recv(struct kam_db *db, struct acct_session *s)
{
	struct kam_res *r = db_take(db);

	memset(s, 0, sizeof *s);
	if (r == NULL)
		return false;
	s->erp_figures = strcmp(res_get(r, 0, 0), "t") == 0;
	s->last_sync = xstrdup(res_get(r, 0, 1));
	s->plans = strcmp(res_get(r, 0, 2), "t") == 0;
	s->audit_log = strcmp(res_get(r, 0, 3), "t") == 0;
	res_free(r);
	return true;
}

void
acct_session_free(struct acct_session *s)
{
	free(s->last_sync);
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
	memset(f, 0, sizeof *f);
}
