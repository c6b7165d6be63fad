/* The Orders tab: the account's orders and invoices from the ERP, a
 * page at a time, overdue ones marked. Support reads their numbers, dates
 * and status ("where is my delivery?"), and their amounts only where the
 * company allows it (migration 0016): else those columns are not shown. */
#include "client.h"
#include "table_tab.h"
#include "kam/account_detail.h"

#include "kam/countof.h"

static const struct table_col orders_cols[] = {
	{ "Kind", MO_KIND, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Number", MO_NUMBER, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Date", MO_DATE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Due", MO_DUE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	/* each amount with its own currency, whole: "1,234,567,890.00 KRW" */
	{ "Amount", MO_AMOUNT, 0, ALIGN_RIGHT, TC_MONEY, COL_WHOLE },
	{ "Open", MO_OPEN, 0, ALIGN_RIGHT, TC_MONEY, COL_WHOLE },
	{ "Status", MO_STATUS, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Late", MO_OVERDUE, 0, ALIGN_LEFT, TC_YESNO, COL_WHOLE },
};

static const struct table_col status_cols[] = {
	{ "Kind", MO_KIND, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Number", MO_NUMBER, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Date", MO_DATE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Due", MO_DUE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Status", MO_STATUS, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
};

static const struct table_col *
orders_columns(const struct tui *t, int *ncols)
{
	*ncols = t->session.amounts ? (int)countof(orders_cols) :
	    (int)countof(status_cols);
	return t->session.amounts ? orders_cols : status_cols;
}

static void
orders_fill(struct tui *t, struct acct_rows_req *req)
{
	req->amounts = t->session.amounts;
}

static enum theme_elem
orders_role(const struct acct_rows *r, size_t row, int field)
{
	(void)field;
	return table_cell_is(r, row, MO_OVERDUE, "t") ? TE_OVERDUE : TE_NORMAL;
}

static bool
may_read_orders(const struct tui *t)
{
	return t->session.orders;
}

static const char *const order_tables[] = { "erp_order", "erp_invoice", NULL };

static const struct table_tab_def orders = {
	.what = "Orders & invoices", .query = AQ_MONEY, .cols = orders_cols,
	/* the key: an order's and an invoice's ids may be the same */
	.live = order_tables, .id_field = MO_KEY,
	.ncols = (int)countof(orders_cols), .role = orders_role, .page = 200,
	.empty = "No orders or invoices.", .allowed = may_read_orders,
	.refused = "Your role is not allowed to read orders and invoices.",
	.currency = MO_CURRENCY,
	.columns = orders_columns, .fill = orders_fill,
};

struct view *
tab_orders_new(struct view *account)
{
	return table_tab_new(account, &orders);
}
