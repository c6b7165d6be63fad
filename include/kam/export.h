/* Exports: the entities kam exports, their stable columns, and streaming
 * them out of the database in CSV, TSV, JSON or JSON Lines. */
#ifndef KAM_EXPORT_H
#define KAM_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/db.h"

enum export_format { EXPORT_CSV, EXPORT_TSV, EXPORT_JSON, EXPORT_JSONL };

/* COL_CODE: text the schema restricts to known values (enumerations,
 * login names), which can never look like a spreadsheet formula */
enum col_type {
	COL_TEXT, COL_CODE, COL_INT, COL_NUMERIC, COL_BOOL, COL_DATE, COL_TIMESTAMP,
	COL_INTERVAL, COL_TEXT_ARRAY, COL_INT_ARRAY, COL_TIME
};

struct export_column {
	const char	*name;		/* stable, documented in kam(1) */
	enum col_type	 type;
	const char	*sql;		/* expression over the entity's FROM */
};

/* Which filters an entity takes beyond --account, --owner, --team, --tier */
#define EXPORT_VALIDITY	0x1	/* --active, --expiring-within */

struct export_entity {
	const char			*name;
	const char			*from;	/* FROM and fixed conditions */
	const char			*date_column;	/* --since / --until */
	const char			*order;
	unsigned			 flags;
	const struct export_column	*columns;
	size_t				 ncolumns;
};

const struct export_entity	*export_entities(size_t *n);
const struct export_entity	*export_entity_find(const char *name);
const char			*col_type_name(enum col_type t);

/* What the user asked for; every value reaches SQL as a parameter. */
struct export_filter {
	const char	*account_id;	/* resolved id, or NULL */
	const char	*owner;		/* role name */
	const char	*team;
	const char	*tier;
	const char	*since;		/* YYYY-MM-DD */
	const char	*until;
	bool		 active;
	const char	*expiring_within;	/* days, or NULL */
};

struct export_request {
	const struct export_entity	*entity;
	enum export_format		 format;
	const struct export_column	**columns;	/* chosen, in order */
	size_t				 ncolumns;
	bool				 raw;		/* no formula neutralising */
	struct export_filter		 filter;
};

/* Streams the rows, one sink call per row in PostgreSQL's text COPY
 * format (kam/copytext.h reads it), array columns as JSON text when the
 * request is for JSON. Returns an exit code; a sink that returns false
 * ends the export early with EX_OK. */
int	export_run(struct kam_db *db, const struct export_request *req,
	    db_copy_sink sink, void *ctx);

#endif
