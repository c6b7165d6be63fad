/* The four ERP resources, each described once: its columns (named as in
 * profiles and as kam's table calls them), its table and how a row is
 * flagged gone. The statements that stage and apply a page are written
 * from that description once a process; column names are constants of
 * the program, never data, and every value stays a parameter or COPY data.
 *
 * Staging: each page is COPYed into a temporary table (COPY into a table
 * with row-level security is refused) made by the page's own transaction
 * and dropped by its commit, so nothing outlives the transaction and any
 * connection pooler may run the next one on another server connection
 * (PgBouncer's transaction pooling: pgbouncer/pgbouncer doc/usage.md);
 * the ids a full listing saw are rows of kam.sync_seen (migration 0021).
 * Then one statement applies the page:
 * the newest version of each id wins, tombstones flag rows, upserts touch
 * only ERP-owned columns and only rows that changed, and an older version
 * never overwrites a newer one -- except in a full listing, which states
 * what the ERP holds now, even when a record's change time went back (a
 * restore, a clock set right). */
#include <pthread.h>
#include <string.h>

#include "erp_resource.h"
#include "kam/buf.h"

/* Columns with a role of their own; every other column is stored in the
 * kam column of the same name. */
#define COL_CUSTOMER	"customer_id"	/* becomes account_id, by erp_id */
#define COL_UPDATED	"updated_at"	/* becomes erp_updated_at */
#define COL_DELETED	"deleted"	/* a tombstone: flags the row gone */

static const struct erp_column customer_cols[] = {
	{ "id", ERP_ID, ERP_REQUIRED, NULL },
	{ "name", ERP_TEXT, ERP_REQUIRED, NULL },
	{ "legal_name", ERP_TEXT, 0, NULL },
	{ "vat_id", ERP_TEXT, 0, NULL },
	{ "country", ERP_COUNTRY, 0, NULL },
	{ "city", ERP_TEXT, 0, NULL },
	{ "address", ERP_TEXT, 0, NULL },
	{ "payment_terms", ERP_TEXT, 0, NULL },
	{ "credit_limit", ERP_MONEY, ERP_NONNEG, NULL },
	{ "currency", ERP_CURRENCY, 0, "'EUR'" },	/* kam.account insists */
	{ COL_UPDATED, ERP_TIME, 0, NULL },
	{ COL_DELETED, ERP_BOOL, 0, NULL },
};

static const struct erp_column contact_cols[] = {
	{ "id", ERP_ID, ERP_REQUIRED, NULL },
	{ COL_CUSTOMER, ERP_ID, ERP_REQUIRED, NULL },
	{ "name", ERP_TEXT, ERP_REQUIRED, NULL },
	{ "job_title", ERP_TEXT, 0, NULL },
	{ "email", ERP_EMAIL, 0, NULL },
	{ "phone", ERP_TEXT, 0, NULL },
	{ COL_UPDATED, ERP_TIME, 0, NULL },
	{ COL_DELETED, ERP_BOOL, 0, NULL },
};

static const struct erp_column order_cols[] = {
	{ "id", ERP_ID, ERP_REQUIRED, NULL },
	{ COL_CUSTOMER, ERP_ID, ERP_REQUIRED, NULL },
	{ "number", ERP_TEXT, ERP_REQUIRED, NULL },
	{ "order_date", ERP_DATE, ERP_REQUIRED, NULL },
	{ "amount", ERP_MONEY, ERP_REQUIRED, NULL },
	{ "currency", ERP_CURRENCY, ERP_REQUIRED, NULL },
	{ "status", ERP_TEXT, ERP_REQUIRED, NULL },
	{ COL_UPDATED, ERP_TIME, ERP_REQUIRED, NULL },
	{ COL_DELETED, ERP_BOOL, 0, NULL },
};

static const struct erp_column invoice_cols[] = {
	{ "id", ERP_ID, ERP_REQUIRED, NULL },
	{ COL_CUSTOMER, ERP_ID, ERP_REQUIRED, NULL },
	{ "number", ERP_TEXT, ERP_REQUIRED, NULL },
	{ "invoice_date", ERP_DATE, ERP_REQUIRED, NULL },
	{ "due_date", ERP_DATE, ERP_REQUIRED, NULL },
	{ "amount", ERP_MONEY, ERP_REQUIRED, NULL },
	{ "open_amount", ERP_MONEY, ERP_REQUIRED, NULL },
	{ "currency", ERP_CURRENCY, ERP_REQUIRED, NULL },
	{ "status", ERP_TEXT, ERP_REQUIRED, NULL },
	{ COL_UPDATED, ERP_TIME, ERP_REQUIRED, NULL },
	{ COL_DELETED, ERP_BOOL, 0, NULL },
};

/* kam.erp_invoice insists on it; better one refused record than a page */
static const char *
invoice_check(char *const *v)
{
	if (v[3] != NULL && v[4] != NULL && strcmp(v[4], v[3]) < 0)
		return "due_date: is before invoice_date";
	return NULL;
}

#define COUNT(cols)	(sizeof(cols) / sizeof((cols)[0]))
_Static_assert(COUNT(customer_cols) <= ERP_MAXCOLS && COUNT(contact_cols) <=
    ERP_MAXCOLS && COUNT(order_cols) <= ERP_MAXCOLS && COUNT(invoice_cols) <=
    ERP_MAXCOLS, "a profile maps at most ERP_MAXCOLS columns");

#define RESOURCE(n, cols, tbl, flag, inv, rev, chk) { .name = (n), \
	.columns = (cols), .ncolumns = COUNT(cols), .table = (tbl), \
	.gone_column = (flag), .gone_inverted = (inv), .revive = (rev), \
	.check = (chk) }

/* A contact the ERP deleted is made inactive; managers may do the same
 * (kam.contact's grants), so a later change in the ERP does not make it
 * active again. */
static struct erp_resource resources[ERP_NRES] = {
	[ERP_CUSTOMERS] = RESOURCE("customers", customer_cols, "kam.account",
	    "erp_deleted", false, true, NULL),
	[ERP_CONTACTS] = RESOURCE("contacts", contact_cols, "kam.contact",
	    "active", true, false, NULL),
	[ERP_ORDERS] = RESOURCE("orders", order_cols, "kam.erp_order",
	    "deleted", false, true, NULL),
	[ERP_INVOICES] = RESOURCE("invoices", invoice_cols, "kam.erp_invoice",
	    "deleted", false, true, invoice_check),
};

static pthread_once_t built = PTHREAD_ONCE_INIT;

static const char *
sql_type(enum erp_type t)
{
	switch (t) {
	case ERP_MONEY:	return "numeric";
	case ERP_DATE:	return "date";
	case ERP_TIME:	return "timestamptz";
	case ERP_BOOL:	return "boolean";
	default:	return "text";
	}
}

/* A column stored under its own name (not id, link, time or tombstone). */
static bool
plain(const struct erp_resource *r, size_t i)
{
	return (int)i != ERP_COL_ID && (int)i != r->customer &&
	    (int)i != r->updated && (int)i != r->deleted;
}

/* "t.c1, t.c2": the kam columns the sync owns, each after prefix. */
static void
owned_list(struct kam_buf *b, const struct erp_resource *r, const char *prefix)
{
	if (r->customer >= 0)
		buf_addf(b, "%saccount_id, ", prefix);
	for (size_t i = 0; i < r->ncolumns; i++)
		if (plain(r, i))
			buf_addf(b, "%s%s, ", prefix, r->columns[i].name);
	buf_addf(b, "%serp_updated_at", prefix);
	if (r->revive)
		buf_addf(b, ", %s%s", prefix, r->gone_column);
}

/* The values of owned_list from the linked rows l (or d). */
static void
owned_values(struct kam_buf *b, const struct erp_resource *r)
{
	if (r->customer >= 0)
		buf_adds(b, "account_id, ");
	for (size_t i = 0; i < r->ncolumns; i++) {
		const struct erp_column *c = &r->columns[i];

		if (!plain(r, i))
			continue;
		if (c->fallback != NULL)
			buf_addf(b, "coalesce(%s, %s), ", c->name, c->fallback);
		else
			buf_addf(b, "%s, ", c->name);
	}
	buf_adds(b, COL_UPDATED);
	if (r->revive)
		buf_adds(b, ", false");
}

static void
owned_update(struct kam_buf *b, const struct erp_resource *r)
{
	if (r->customer >= 0)
		buf_adds(b, "account_id = excluded.account_id, ");
	for (size_t i = 0; i < r->ncolumns; i++)
		if (plain(r, i))
			buf_addf(b, "%s = excluded.%s, ", r->columns[i].name,
			    r->columns[i].name);
	buf_adds(b, "erp_updated_at = excluded.erp_updated_at");
	if (r->revive)
		buf_addf(b, ", %s = false", r->gone_column);
}

/* The page's stage, made (inside a dry run's one transaction it is there
 * from the page before), then filled. JIT compiling a page's statements
 * costs more than running them; SET LOCAL lasts the page's transaction. */
static char *
build_copy(const struct erp_resource *r)
{
	struct kam_buf b;

	buf_init(&b);
	buf_addf(&b, "CREATE TEMP TABLE IF NOT EXISTS kam_stage_%s (seq integer,"
	    " invalid boolean", r->name);
	for (size_t i = 0; i < r->ncolumns; i++)
		buf_addf(&b, ", %s %s", r->columns[i].name,
		    sql_type(r->columns[i].type));
	buf_addf(&b, ") ON COMMIT DROP; SET LOCAL jit = off;"
	    " COPY pg_temp.kam_stage_%s FROM STDIN", r->name);
	return buf_detach(&b);
}

/* The row is live: neither tombstoned nor found missing. */
static void
live(struct kam_buf *b, const struct erp_resource *r)
{
	buf_addf(b, "%st.%s", r->gone_inverted ? "" : "NOT ", r->gone_column);
}

static void
set_gone(struct kam_buf *b, const struct erp_resource *r)
{
	buf_addf(b, "%s = %s", r->gone_column, r->gone_inverted ? "false" : "true");
}

/* d: the newest valid version of each id the page staged. */
static void
newest(struct kam_buf *b, const struct erp_resource *r)
{
	buf_addf(b, "WITH d AS (SELECT DISTINCT ON (id) * FROM pg_temp.kam_stage_%s"
	    " WHERE NOT invalid ORDER BY id, updated_at DESC NULLS LAST, seq DESC)",
	    r->name);
}

/* Ids and customers of the page's records whose customer kam does not
 * know (yet), up to 100. */
static char *
build_unknown(const struct erp_resource *r)
{
	struct kam_buf b;

	buf_init(&b);
	newest(&b, r);
	buf_adds(&b, " SELECT d.id, d.customer_id FROM d WHERE NOT d.deleted AND"
	    " NOT EXISTS (SELECT 1 FROM kam.account a WHERE a.erp_id = d.customer_id)"
	    " ORDER BY d.seq LIMIT 100");
	return buf_detach(&b);
}

/* Each live record's customer's account and the account it was merged
 * into, locked in the order of their ids, in a statement before the
 * apply (migration 0074): a merge or undo of one of them under way is
 * waited for, so that the apply's snapshot sees its tombstone; one that
 * starts later waits for this page's commit and then moves what it filed.
 * FOR KEY SHARE, as each foreign key check locks: other writers and the
 * other lanes never wait for it. */
static char *
build_hold(const struct erp_resource *r)
{
	struct kam_buf b;

	buf_init(&b);
	buf_addf(&b, "SELECT FROM kam.account t WHERE t.id IN (SELECT v.id"
	    " FROM pg_temp.kam_stage_%s d JOIN kam.account a"
	    " ON a.erp_id = d.customer_id"
	    " CROSS JOIN LATERAL (VALUES (a.id), (a.merged_into)) v (id)"
	    " WHERE NOT d.invalid AND NOT d.deleted)"
	    " ORDER BY t.id FOR KEY SHARE", r->name);
	return buf_detach(&b);
}

/* $1 is true in a full listing: then the ERP's version wins even when its
 * change time is older than kam's. */
static char *
build_apply(const struct erp_resource *r)
{
	const char *from = r->customer >= 0 ? "l" : "d";
	struct kam_buf b;

	buf_init(&b);
	newest(&b, r);
	buf_addf(&b, ", gone AS (UPDATE %s t SET ", r->table);
	set_gone(&b, r);
	buf_adds(&b, ", erp_updated_at = coalesce(d.updated_at, t.erp_updated_at)"
	    " FROM d WHERE d.deleted AND t.erp_id = d.id AND ");
	live(&b, r);
	buf_adds(&b, " AND ($1::boolean OR d.updated_at IS NULL OR"
	    " t.erp_updated_at IS NULL OR d.updated_at >= t.erp_updated_at)"
	    " RETURNING 1)");
	if (r->customer >= 0)
		/* a merged account's tombstone files its customer's
		 * records under the account it went into (migration 0055) */
		buf_adds(&b, ", l AS (SELECT d.*,"
		    " coalesce(a.merged_into, a.id) AS account_id FROM d"
		    " LEFT JOIN kam.account a ON a.erp_id = d.customer_id"
		    " WHERE NOT d.deleted)");
	buf_addf(&b, ", up AS (INSERT INTO %s AS t (erp_id, ", r->table);
	owned_list(&b, r, "");
	buf_adds(&b, ") SELECT id, ");
	owned_values(&b, r);
	buf_addf(&b, " FROM %s WHERE %s ON CONFLICT (erp_id) DO UPDATE SET ", from,
	    r->customer >= 0 ? "account_id IS NOT NULL" : "NOT deleted");
	owned_update(&b, r);
	buf_adds(&b, " WHERE (");
	owned_list(&b, r, "t.");
	buf_adds(&b, ") IS DISTINCT FROM (");
	owned_list(&b, r, "excluded.");
	buf_adds(&b, ") AND ($1::boolean OR t.erp_updated_at IS NULL OR"
	    " excluded.erp_updated_at IS NULL OR"
	    " excluded.erp_updated_at >= t.erp_updated_at)"
	    " RETURNING xmax = 0 AS inserted)"
	    " SELECT (SELECT count(*) FROM up WHERE inserted),"
	    " (SELECT count(*) FROM up WHERE NOT inserted),"
	    " (SELECT count(*) FROM gone),");
	if (r->customer >= 0)
		buf_adds(&b, " (SELECT count(*) FROM l WHERE account_id IS NULL),"
		    " (SELECT (extract(epoch FROM min(updated_at)) * 1000000)::bigint"
		    " FROM l WHERE account_id IS NULL)");
	else
		buf_adds(&b, " 0, NULL::bigint");
	return buf_detach(&b);
}

/* The live rows the full listing did not name: counted, then flagged. */
static char *
build_missing(const struct erp_resource *r, bool mark)
{
	struct kam_buf b;

	buf_init(&b);
	if (mark) {
		buf_addf(&b, "UPDATE %s t SET ", r->table);
		set_gone(&b, r);
	} else
		buf_addf(&b, "SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1"
		    " FROM kam.sync_seen s WHERE s.run_id = $1::bigint"
		    " AND s.resource = '%s' AND s.erp_id = t.erp_id)),"
		    " count(*) FROM %s t", r->name, r->table);
	buf_adds(&b, " WHERE t.erp_id IS NOT NULL AND ");
	live(&b, r);
	if (mark)
		buf_addf(&b, " AND NOT EXISTS (SELECT 1 FROM kam.sync_seen s"
		    " WHERE s.run_id = $1::bigint AND s.resource = '%s'"
		    " AND s.erp_id = t.erp_id)", r->name);
	return buf_detach(&b);
}

/* fmt with each %s the resource's name. */
static char *
sqlf(const char *fmt, const char *name)
{
	struct kam_buf b;

	buf_init(&b);
	buf_addf(&b, fmt, name, name);
	return buf_detach(&b);
}

static void
build(struct erp_resource *r)
{
	r->updated = erp_column_find(r, COL_UPDATED);
	r->deleted = erp_column_find(r, COL_DELETED);
	r->customer = erp_column_find(r, COL_CUSTOMER);
	r->drop_stage = sqlf("DROP TABLE IF EXISTS pg_temp.kam_stage_%s", r->name);
	r->copy = build_copy(r);
	r->apply = build_apply(r);
	r->unknown = r->customer >= 0 ? build_unknown(r) : NULL;
	r->hold = r->customer >= 0 ? build_hold(r) : NULL;
	r->remember = sqlf("INSERT INTO kam.sync_seen (run_id, resource, erp_id)"
	    " SELECT DISTINCT $1::bigint, '%s', id FROM pg_temp.kam_stage_%s"
	    " WHERE id IS NOT NULL ON CONFLICT DO NOTHING", r->name);
	r->missing = build_missing(r, false);
	r->mark_missing = build_missing(r, true);
}

static void
build_all(void)
{
	for (int r = 0; r < ERP_NRES; r++)
		build(&resources[r]);
}

const struct erp_resource *
erp_resource(enum erp_res r)
{
	pthread_once(&built, build_all);
	return &resources[r];
}

enum erp_res
erp_resource_find(const char *name)
{
	int r;

	for (r = 0; r < ERP_NRES; r++)
		if (strcmp(resources[r].name, name) == 0)
			break;
	return (enum erp_res)r;
}

int
erp_column_find(const struct erp_resource *r, const char *name)
{
	for (size_t i = 0; i < r->ncolumns; i++)
		if (strcmp(r->columns[i].name, name) == 0)
			return (int)i;
	return -1;
}
