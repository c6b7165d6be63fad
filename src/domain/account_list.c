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
	const char	*cast;	/* the key's type, for the parameter */
};

/* Keys over the view kam.account_list a and the ERP figures f. */
static const struct acol_def acols[ACOL_COUNT] = {
	[ACOL_NAME] = { "name", "kam.fold(a.name)", "::text" },
	[ACOL_TIER] = { "tier", "CASE a.tier WHEN 'strategic' THEN 1 "
	    "WHEN 'key' THEN 2 ELSE 3 END", "::int" },
	[ACOL_OWNER] = { "owner", "coalesce(a.owner_name, '')", "::text" },
	[ACOL_LIFECYCLE] = { "lifecycle", "CASE a.lifecycle WHEN 'acquisition' "
	    "THEN 1 WHEN 'development' THEN 2 ELSE 3 END", "::int" },
	[ACOL_STATUS] = { "status", "CASE a.status WHEN 'active' THEN 1 "
	    "WHEN 'at_risk' THEN 2 WHEN 'dormant' THEN 3 ELSE 4 END", "::int" },
	[ACOL_SLA] = { "sla", "coalesce(a.sla_name, '')", "::text" },
	[ACOL_REVENUE] = { "revenue", "coalesce(f.revenue_year, 0)", "::numeric" },
	[ACOL_OPEN] = { "open", "coalesce(f.open_amount, 0)", "::numeric" },
	[ACOL_LAST_CONTACT] = { "last-contact",
	    "coalesce(a.last_contact_at, '-infinity')", "::timestamptz" },
	[ACOL_NEXT_FOLLOW_UP] = { "next-follow-up",
	    "coalesce(a.next_follow_up_on, 'infinity')", "::date" },
};

/* $1 tier, $2 owner, $3 team, $4 lifecycle, $5 status, $6 mine, $7 search */
#define FILTERS(owner_role) \
	" WHERE ($1::text IS NULL OR a.tier = $1)" \
	" AND ($2::text IS NULL OR " owner_role " = $2)" \
	" AND ($3::text IS NULL OR a.team = $3)" \
	" AND ($4::text IS NULL OR a.lifecycle = $4)" \
	" AND ($5::text IS NULL OR a.status = $5)" \
	" AND (NOT $6::bool OR a.owner_id = kam.my_user_id())" \
	" AND ($7::text IS NULL OR " SEARCH_CONTAINS("$7") \
	" OR " SEARCH_SIMILAR("$7") ")"
#define NFILTERS 7

static const char page_head[] =
	"SELECT t.k::text, t.id, t.name, t.tier, t.owner_name, t.lifecycle, "
	"t.status, t.sla_name, t.revenue_year, t.open_amount, "
	"to_char(t.last_contact_at, 'YYYY-MM-DD'), t.next_follow_up_on, "
	"t.overdue_amount, t.currency, t.erp_id FROM (SELECT ";
static const char page_cols[] =
	" AS k, a.id, a.name, a.tier, a.owner_name, a.lifecycle, a.status, "
	"a.sla_name, f.revenue_year, f.open_amount, a.last_contact_at, "
	"a.next_follow_up_on, f.overdue_amount, a.currency, a.erp_id "
	"FROM kam.account_list a ";
static const char erp_join[] =
	"LEFT JOIN LATERAL (SELECT * FROM kam.account_erp_figures x "
	"WHERE x.account_id = a.id) f ON true";
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
build_page(struct kam_buf *q, const struct acct_page_req *req)
{
	const struct acol_def *c = &acols[req->sort];
	bool desc = req->desc != reversed(req->from);
	const char *dir = desc ? " DESC" : "";

	buf_adds(q, page_head);
	buf_adds(q, c->key);
	buf_adds(q, page_cols);
	buf_adds(q, req->erp_figures ? erp_join : no_erp_join);
	buf_adds(q, FILTERS("a.owner_role"));
	buf_adds(q, ") t");
	if (req->from == ACCT_AFTER || req->from == ACCT_BEFORE) {
		buf_adds(q, desc ? " WHERE (t.k, t.id) < ($9" :
		    " WHERE (t.k, t.id) > ($9");
		buf_adds(q, c->cast);
		buf_adds(q, ", $10::bigint)");
	}
	buf_addf(q, " ORDER BY t.k%s, t.id%s LIMIT $8::int", dir, dir);
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
	const char *p[NFILTERS];

	filter_params(f, p);
	return db_send(db, "SELECT count(*) FROM kam.account a "
	    "LEFT JOIN kam.app_user o ON o.id = a.owner_id"
	    FILTERS("o.role_name"), NFILTERS, p);
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
	    "FROM kam.sync_run WHERE status = 'ok')", 0, NULL);
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
