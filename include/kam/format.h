/* The one output layer of exports: rows read from a text COPY stream
 * written as CSV (RFC 4180), TSV, or JSON objects, typed by the columns. */
#ifndef KAM_FORMAT_H
#define KAM_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/buf.h"
#include "kam/copytext.h"
#include "kam/export.h"

struct format {
	enum export_format		 kind;
	bool				 raw;	/* no formula neutralising */
	const struct export_column	**columns;
	size_t				 ncolumns;
};

/* Appends the CSV or TSV header line to out. */
void	format_header(const struct format *f, struct kam_buf *out);
/* Appends one row (f->ncolumns fields) as a line of CSV or TSV, or as one
 * JSON object without a newline. */
void	format_row(const struct format *f, const struct copy_field *fields,
	    struct kam_buf *out);

/* Appends JSON text made elsewhere (the server's) with every raw control
 * and bidi override inside its strings written as a \u escape: the same
 * JSON, safe on a terminal. */
void	format_json_safe(struct kam_buf *out, const char *json, size_t len);

#endif
