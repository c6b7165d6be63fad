/* Staging: each page is COPYed into a temporary table (COPY into a table
 * with row-level security is refused), then one statement applies it:
 * the newest version of each id wins, tombstones flag rows, upserts touch
 * only ERP-owned columns and only rows that changed, and an older version
 * never overwrites a newer one. */
#include <string.h>

#include "erp_resource.h"

#define STAGE(t)	"pg_temp.kam_stage_" t
#define SEEN(t)		"pg_temp.kam_seen_" t
#define NEWEST(t) \
	"WITH d AS (SELECT DISTINCT ON (id) * FROM " STAGE(t) \
	" WHERE NOT invalid ORDER BY id, updated_at DESC NULLS LAST, seq DESC)"
#define NOT_OLDER \
	"(t.erp_updated_at IS NULL OR excluded.erp_updated_at IS NULL OR " \
	"excluded.erp_updated_at >= t.erp_updated_at)"
#define TOMBSTONE_NOT_OLDER \
	"(d.updated_at IS NULL OR t.erp_updated_at IS NULL OR " \
	"d.updated_at >= t.erp_updated_at)"
#define LINKED \
	", l AS (SELECT d.*, a.id AS account_id FROM d " \
	"LEFT JOIN kam.account a ON a.erp_id = d.customer_id WHERE NOT d.deleted)"
#define COUNTS \
	" SELECT (SELECT count(*) FROM up WHERE inserted)," \
	" (SELECT count(*) FROM up WHERE NOT inserted), (SELECT count(*) FROM gone),"
#define UNKNOWN_COUNTS \
	COUNTS " (SELECT count(*) FROM l WHERE account_id IS NULL)," \
	" (SELECT (extract(epoch FROM min(updated_at)) * 1000000)::bigint" \
	" FROM l WHERE account_id IS NULL)"
#define UNKNOWN(t) \
	NEWEST(t) " SELECT d.id, d.customer_id FROM d WHERE NOT d.deleted AND" \
	" NOT EXISTS (SELECT 1 FROM kam.account a WHERE a.erp_id = d.customer_id)" \
	" ORDER BY d.seq LIMIT 100"
#define REMEMBER(t) \
	"INSERT INTO " SEEN(t) " SELECT DISTINCT id FROM " STAGE(t) \
	" WHERE id IS NOT NULL ON CONFLICT DO NOTHING"
#define NOT_SEEN(t) \
	"NOT EXISTS (SELECT 1 FROM " SEEN(t) " s WHERE s.erp_id = t.erp_id)"

static const struct erp_column customer_cols[] = {
	{ "id", ERP_ID, ERP_REQUIRED },
	{ "name", ERP_TEXT, ERP_REQUIRED },
	{ "legal_name", ERP_TEXT, 0 },
	{ "vat_id", ERP_TEXT, 0 },
	{ "country", ERP_COUNTRY, 0 },
	{ "city", ERP_TEXT, 0 },
	{ "address", ERP_TEXT, 0 },
	{ "payment_terms", ERP_TEXT, 0 },
	{ "credit_limit", ERP_MONEY, ERP_NONNEG },
	{ "currency", ERP_CURRENCY, 0 },
	{ "updated_at", ERP_TIME, 0 },
	{ "deleted", ERP_BOOL, 0 },
};

static const struct erp_column contact_cols[] = {
	{ "id", ERP_ID, ERP_REQUIRED },
	{ "customer_id", ERP_ID, ERP_REQUIRED },
	{ "name", ERP_TEXT, ERP_REQUIRED },
	{ "job_title", ERP_TEXT, 0 },
	{ "email", ERP_EMAIL, 0 },
	{ "phone", ERP_TEXT, 0 },
	{ "updated_at", ERP_TIME, 0 },
	{ "deleted", ERP_BOOL, 0 },
};

static const struct erp_column order_cols[] = {
	{ "id", ERP_ID, ERP_REQUIRED },
	{ "customer_id", ERP_ID, ERP_REQUIRED },
	{ "number", ERP_TEXT, ERP_REQUIRED },
	{ "order_date", ERP_DATE, ERP_REQUIRED },
	{ "amount", ERP_MONEY, ERP_REQUIRED },
	{ "currency", ERP_CURRENCY, ERP_REQUIRED },
	{ "status", ERP_TEXT, ERP_REQUIRED },
	{ "updated_at", ERP_TIME, ERP_REQUIRED },
	{ "deleted", ERP_BOOL, 0 },
};

static const struct erp_column invoice_cols[] = {
	{ "id", ERP_ID, ERP_REQUIRED },
	{ "customer_id", ERP_ID, ERP_REQUIRED },
	{ "number", ERP_TEXT, ERP_REQUIRED },
	{ "invoice_date", ERP_DATE, ERP_REQUIRED },
	{ "due_date", ERP_DATE, ERP_REQUIRED },
	{ "amount", ERP_MONEY, ERP_REQUIRED },
	{ "open_amount", ERP_MONEY, ERP_REQUIRED },
	{ "currency", ERP_CURRENCY, ERP_REQUIRED },
	{ "status", ERP_TEXT, ERP_REQUIRED },
	{ "updated_at", ERP_TIME, ERP_REQUIRED },
	{ "deleted", ERP_BOOL, 0 },
};

/* kam.erp_invoice insists on it; better one refused record than a page */
static const char *
invoice_check(char *const *v)
{
	if (v[3] != NULL && v[4] != NULL && strcmp(v[4], v[3]) < 0)
		return "due_date: is before invoice_date";
	return NULL;
}

static const struct erp_resource resources[ERP_NRES] = {
	[ERP_CUSTOMERS] = {
		"customers", customer_cols, 12, 10, 11, -1, NULL,
		"CREATE TEMP TABLE IF NOT EXISTS kam_stage_customers (seq integer,"
		" invalid boolean, id text, name text, legal_name text, vat_id text,"
		" country text, city text, address text, payment_terms text,"
		" credit_limit numeric, currency text, updated_at timestamptz,"
		" deleted boolean) ON COMMIT DELETE ROWS",
		"CREATE TEMP TABLE IF NOT EXISTS kam_seen_customers (erp_id text PRIMARY KEY)",
		"TRUNCATE " STAGE("customers"),
		"COPY " STAGE("customers") " FROM STDIN",
		NEWEST("customers")
		", gone AS (UPDATE kam.account t SET erp_deleted = true,"
		" erp_updated_at = coalesce(d.updated_at, t.erp_updated_at) FROM d"
		" WHERE d.deleted AND t.erp_id = d.id AND NOT t.erp_deleted AND "
		TOMBSTONE_NOT_OLDER " RETURNING 1)"
		", up AS (INSERT INTO kam.account AS t (erp_id, name, legal_name,"
		" vat_id, country, city, address, payment_terms, credit_limit,"
		" currency, erp_updated_at, erp_deleted)"
		" SELECT id, name, legal_name, vat_id, country, city, address,"
		" payment_terms, credit_limit, coalesce(currency, 'EUR'), updated_at,"
		" false FROM d WHERE NOT deleted"
		" ON CONFLICT (erp_id) DO UPDATE SET name = excluded.name,"
		" legal_name = excluded.legal_name, vat_id = excluded.vat_id,"
		" country = excluded.country, city = excluded.city,"
		" address = excluded.address, payment_terms = excluded.payment_terms,"
		" credit_limit = excluded.credit_limit, currency = excluded.currency,"
		" erp_updated_at = excluded.erp_updated_at, erp_deleted = false"
		" WHERE (t.name, t.legal_name, t.vat_id, t.country, t.city, t.address,"
		" t.payment_terms, t.credit_limit, t.currency, t.erp_updated_at,"
		" t.erp_deleted) IS DISTINCT FROM (excluded.name, excluded.legal_name,"
		" excluded.vat_id, excluded.country, excluded.city, excluded.address,"
		" excluded.payment_terms, excluded.credit_limit, excluded.currency,"
		" excluded.erp_updated_at, false) AND " NOT_OLDER
		" RETURNING xmax = 0 AS inserted)"
		COUNTS " 0, NULL::bigint",
		NULL,
		REMEMBER("customers"),
		"SELECT count(*) FILTER (WHERE " NOT_SEEN("customers") "), count(*)"
		" FROM kam.account t WHERE t.erp_id IS NOT NULL AND NOT t.erp_deleted",
		"UPDATE kam.account t SET erp_deleted = true WHERE t.erp_id IS NOT NULL"
		" AND NOT t.erp_deleted AND " NOT_SEEN("customers"),
	},
	[ERP_CONTACTS] = {
		"contacts", contact_cols, 8, 6, 7, 1, NULL,
		"CREATE TEMP TABLE IF NOT EXISTS kam_stage_contacts (seq integer,"
		" invalid boolean, id text, customer_id text, name text,"
		" job_title text, email text, phone text, updated_at timestamptz,"
		" deleted boolean) ON COMMIT DELETE ROWS",
		"CREATE TEMP TABLE IF NOT EXISTS kam_seen_contacts (erp_id text PRIMARY KEY)",
		"TRUNCATE " STAGE("contacts"),
		"COPY " STAGE("contacts") " FROM STDIN",
		NEWEST("contacts")
		", gone AS (UPDATE kam.contact t SET active = false,"
		" erp_updated_at = coalesce(d.updated_at, t.erp_updated_at) FROM d"
		" WHERE d.deleted AND t.erp_id = d.id AND t.active AND "
		TOMBSTONE_NOT_OLDER " RETURNING 1)"
		LINKED
		", up AS (INSERT INTO kam.contact AS t (account_id, erp_id, name,"
		" job_title, email, phone, erp_updated_at)"
		" SELECT account_id, id, name, job_title, email, phone, updated_at"
		" FROM l WHERE account_id IS NOT NULL"
		" ON CONFLICT (erp_id) DO UPDATE SET account_id = excluded.account_id,"
		" name = excluded.name, job_title = excluded.job_title,"
		" email = excluded.email, phone = excluded.phone,"
		" erp_updated_at = excluded.erp_updated_at"
		" WHERE (t.account_id, t.name, t.job_title, t.email, t.phone,"
		" t.erp_updated_at) IS DISTINCT FROM (excluded.account_id,"
		" excluded.name, excluded.job_title, excluded.email, excluded.phone,"
		" excluded.erp_updated_at) AND " NOT_OLDER
		" RETURNING xmax = 0 AS inserted)"
		UNKNOWN_COUNTS,
		UNKNOWN("contacts"),
		REMEMBER("contacts"),
		"SELECT count(*) FILTER (WHERE " NOT_SEEN("contacts") "), count(*)"
		" FROM kam.contact t WHERE t.erp_id IS NOT NULL AND t.active",
		"UPDATE kam.contact t SET active = false WHERE t.erp_id IS NOT NULL"
		" AND t.active AND " NOT_SEEN("contacts"),
	},
	[ERP_ORDERS] = {
		"orders", order_cols, 9, 7, 8, 1, NULL,
		"CREATE TEMP TABLE IF NOT EXISTS kam_stage_orders (seq integer,"
		" invalid boolean, id text, customer_id text, number text,"
		" order_date date, amount numeric, currency text, status text,"
		" updated_at timestamptz, deleted boolean) ON COMMIT DELETE ROWS",
		"CREATE TEMP TABLE IF NOT EXISTS kam_seen_orders (erp_id text PRIMARY KEY)",
		"TRUNCATE " STAGE("orders"),
		"COPY " STAGE("orders") " FROM STDIN",
		NEWEST("orders")
		", gone AS (UPDATE kam.erp_order t SET deleted = true,"
		" erp_updated_at = coalesce(d.updated_at, t.erp_updated_at) FROM d"
		" WHERE d.deleted AND t.erp_id = d.id AND NOT t.deleted AND "
		TOMBSTONE_NOT_OLDER " RETURNING 1)"
		LINKED
		", up AS (INSERT INTO kam.erp_order AS t (erp_id, account_id, number,"
		" order_date, amount, currency, status, deleted, erp_updated_at)"
		" SELECT id, account_id, number, order_date, amount, currency, status,"
		" false, updated_at FROM l WHERE account_id IS NOT NULL"
		" ON CONFLICT (erp_id) DO UPDATE SET account_id = excluded.account_id,"
		" number = excluded.number, order_date = excluded.order_date,"
		" amount = excluded.amount, currency = excluded.currency,"
		" status = excluded.status, deleted = false,"
		" erp_updated_at = excluded.erp_updated_at"
		" WHERE (t.account_id, t.number, t.order_date, t.amount, t.currency,"
		" t.status, t.deleted, t.erp_updated_at) IS DISTINCT FROM"
		" (excluded.account_id, excluded.number, excluded.order_date,"
		" excluded.amount, excluded.currency, excluded.status, false,"
		" excluded.erp_updated_at) AND " NOT_OLDER
		" RETURNING xmax = 0 AS inserted)"
		UNKNOWN_COUNTS,
		UNKNOWN("orders"),
		REMEMBER("orders"),
		"SELECT count(*) FILTER (WHERE " NOT_SEEN("orders") "), count(*)"
		" FROM kam.erp_order t WHERE NOT t.deleted",
		"UPDATE kam.erp_order t SET deleted = true WHERE NOT t.deleted AND "
		NOT_SEEN("orders"),
	},
	[ERP_INVOICES] = {
		"invoices", invoice_cols, 11, 9, 10, 1, invoice_check,
		"CREATE TEMP TABLE IF NOT EXISTS kam_stage_invoices (seq integer,"
		" invalid boolean, id text, customer_id text, number text,"
		" invoice_date date, due_date date, amount numeric,"
		" open_amount numeric, currency text, status text,"
		" updated_at timestamptz, deleted boolean) ON COMMIT DELETE ROWS",
		"CREATE TEMP TABLE IF NOT EXISTS kam_seen_invoices (erp_id text PRIMARY KEY)",
		"TRUNCATE " STAGE("invoices"),
		"COPY " STAGE("invoices") " FROM STDIN",
		NEWEST("invoices")
		", gone AS (UPDATE kam.erp_invoice t SET deleted = true,"
		" erp_updated_at = coalesce(d.updated_at, t.erp_updated_at) FROM d"
		" WHERE d.deleted AND t.erp_id = d.id AND NOT t.deleted AND "
		TOMBSTONE_NOT_OLDER " RETURNING 1)"
		LINKED
		", up AS (INSERT INTO kam.erp_invoice AS t (erp_id, account_id,"
		" number, invoice_date, due_date, amount, open_amount, currency,"
		" status, deleted, erp_updated_at)"
		" SELECT id, account_id, number, invoice_date, due_date, amount,"
		" open_amount, currency, status, false, updated_at FROM l"
		" WHERE account_id IS NOT NULL"
		" ON CONFLICT (erp_id) DO UPDATE SET account_id = excluded.account_id,"
		" number = excluded.number, invoice_date = excluded.invoice_date,"
		" due_date = excluded.due_date, amount = excluded.amount,"
		" open_amount = excluded.open_amount, currency = excluded.currency,"
		" status = excluded.status, deleted = false,"
		" erp_updated_at = excluded.erp_updated_at"
		" WHERE (t.account_id, t.number, t.invoice_date, t.due_date, t.amount,"
		" t.open_amount, t.currency, t.status, t.deleted, t.erp_updated_at)"
		" IS DISTINCT FROM (excluded.account_id, excluded.number,"
		" excluded.invoice_date, excluded.due_date, excluded.amount,"
		" excluded.open_amount, excluded.currency, excluded.status, false,"
		" excluded.erp_updated_at) AND " NOT_OLDER
		" RETURNING xmax = 0 AS inserted)"
		UNKNOWN_COUNTS,
		UNKNOWN("invoices"),
		REMEMBER("invoices"),
		"SELECT count(*) FILTER (WHERE " NOT_SEEN("invoices") "), count(*)"
		" FROM kam.erp_invoice t WHERE NOT t.deleted",
		"UPDATE kam.erp_invoice t SET deleted = true WHERE NOT t.deleted AND "
		NOT_SEEN("invoices"),
	},
};

const struct erp_resource *
erp_resource(enum erp_res r)
{
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
