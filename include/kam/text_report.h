/* A report for a person on the command line: the rows of an export
 * entity, streamed through the export machinery (filters and all), each
 * made into text by its command. kam --quality, --duplicates and
 * --report share it. */
#ifndef KAM_TEXT_REPORT_H
#define KAM_TEXT_REPORT_H

#include <stdbool.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/copytext.h"

#define TEXT_REPORT_MAX 16	/* columns a text report may ask for */

struct text_report {
	const char	*columns;	/* the entity's columns, comma-separated */
	/* one row's text into line (empty: nothing shown); f holds the
	 * columns in the order asked for */
	void		(*put)(void *ctx, struct kam_buf *line,
			    const struct copy_field *f);
	void		*ctx;
	unsigned long	 rows;		/* out: rows written */
};

/* Streams o->export's rows through r->put to standard output; EX_OK, or
 * a sysexits code (EX_PROTOCOL when the database sent a row of another
 * shape). */
int	text_report_run(const struct kam_opts *o, const struct kam_conf *c,
	    struct text_report *r);

/* A field as a terminal may show it (controls made visible), or none
 * when it is NULL. */
void	text_report_field(struct kam_buf *line, const struct copy_field *f,
	    const char *none);

#endif
