/* The four ERP resources: the columns a profile maps records to, their
 * types and rules, and the fixed SQL that stages and applies a page. */
#ifndef KAM_ERP_RESOURCE_H
#define KAM_ERP_RESOURCE_H

#include <stdbool.h>
#include <stddef.h>

enum erp_res { ERP_CUSTOMERS, ERP_CONTACTS, ERP_ORDERS, ERP_INVOICES, ERP_NRES };

enum erp_type {
	ERP_ID,		/* non-blank text; an id sent as a JSON number keeps its text */
	ERP_TEXT,
	ERP_MONEY,	/* numeric(16,2), exact */
	ERP_DATE,
	ERP_TIME,	/* the record's change time */
	ERP_BOOL,
	ERP_COUNTRY,	/* ISO 3166 alpha-2 */
	ERP_CURRENCY,	/* ISO 4217 */
	ERP_EMAIL
};

#define ERP_REQUIRED	0x1	/* except in a tombstone */
#define ERP_NONNEG	0x2	/* money that cannot be negative */

/* Columns every resource has, at these positions. */
#define ERP_COL_ID	0
#define ERP_MAXCOLS	12

struct erp_column {
	const char	*name;	/* as in profiles, the native contract and kam's table */
	enum erp_type	 type;
	unsigned	 flags;
	const char	*fallback;	/* SQL constant stored for a null, or NULL */
};

/* Described once in erp_resource.c; the counts, the role columns' indexes
 * and the SQL are derived from that description. */
struct erp_resource {
	const char		*name;		/* "orders" */
	const struct erp_column	*columns;	/* staging order, after seq and invalid */
	size_t			 ncolumns;
	const char		*table;		/* "kam.erp_order" */
	const char		*gone_column;	/* flags a row the ERP deleted */
	bool			 gone_inverted;	/* the flag is false when gone */
	bool			 revive;	/* a record seen again clears it */
	/* a rule across columns, or NULL; returns why the record is refused */
	const char		*(*check)(char *const *values);
	int			 updated;	/* index of updated_at */
	int			 deleted;	/* index of deleted */
	int			 customer;	/* index of customer_id, or -1 */
	const char		*drop_stage;	/* commits drop it anyway */
	const char		*copy;		/* the stage, COPY ... FROM STDIN */
	/* the accounts the stage's customers resolve to, locked before the
	 * apply; NULL without customer_id */
	const char		*hold;
	/* $1: a full listing (the ERP's version wins even when older); one
	 * row: inserted, updated, deleted, unknown customers, and the
	 * earliest change time (epoch microseconds) of those */
	const char		*apply;
	const char		*unknown;	/* id, customer_id of those, up to 100;
						 * NULL without customer_id */
	/* $1 the run: the stage's ids into kam.sync_seen; of the live rows,
	 * those not seen in it counted (and all of them), or flagged */
	const char		*remember;
	const char		*missing;
	const char		*mark_missing;
};

const struct erp_resource	*erp_resource(enum erp_res r);
/* ERP_NRES when name is not a resource. */
enum erp_res			 erp_resource_find(const char *name);
int				 erp_column_find(const struct erp_resource *r,
				    const char *name);

#endif
