/* The Orders tab: the account's orders and invoices from the ERP, a
 * page at a time, overdue ones marked; only for roles that may read the
 * ERP's figures. */
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

static enum theme_elem
orders_role(const struct acct_rows *r, size_t row, int field)
{
	(void)field;
	return table_cell_is(r, row, MO_OVERDUE, "t") ? TE_OVERDUE : TE_NORMAL;
}

static bool
may_read_orders(const struct tui *t)
{
	return t->session.erp_figures;
}

static const struct table_tab_def orders = {
	.what = "Orders & invoices", .query = AQ_MONEY, .cols = orders_cols,
	.ncols = (int)countof(orders_cols), .role = orders_role, .page = 200,
	.empty = "No orders or invoices.", .allowed = may_read_orders,
	.refused = "Your role is not allowed to read orders and invoices.",
	.currency = MO_CURRENCY,
};

struct view *
tab_orders_new(struct view *account)
{
	return table_tab_new(account, &orders);
}
