/* The text reports of the command line (kam/text_report.h): one place
 * that asks the export machinery for the columns, splits its rows and
 * writes the lines, so the commands differ only in how a row reads. */
#include <stdio.h>
#include <sysexits.h>

#include "kam/log.h"
#include "kam/text_report.h"
#include "kam/utf8.h"

struct run {
	struct text_report	*r;
	struct copy_field	 f[TEXT_REPORT_MAX];
	size_t			 ncolumns;
	struct kam_buf		 line;
	bool			 bad_row;
};

static bool
each_row(void *ctx, char *data, size_t len)
{
	struct run *run = ctx;

	if (copytext_split(data, len, run->f, run->ncolumns) != run->ncolumns) {
		log_warn("the database sent a row of more than %zu columns",
		    run->ncolumns);
		run->bad_row = true;
		return false;
	}
	buf_reset(&run->line);
	run->r->put(run->r->ctx, &run->line, run->f);
	run->r->rows++;
	/* a reader that went away ends the list; main says why if it matters */
	return fwrite(run->line.data, 1, run->line.len, stdout) == run->line.len;
}

int
text_report_run(const struct kam_opts *o, const struct kam_conf *c,
    struct text_report *r)
{
	struct kam_opts q = *o;
	struct run run = { .r = r, .ncolumns = 1 };
	int rc;

	for (const char *p = r->columns; *p != '\0'; p++)
		run.ncolumns += *p == ',';
	if (run.ncolumns > TEXT_REPORT_MAX) {
		log_warn("a text report of %zu columns (at most %d)",
		    run.ncolumns, TEXT_REPORT_MAX);
		return EX_SOFTWARE;
	}
	q.columns = r->columns;
	q.format = NULL;
	r->rows = 0;
	buf_init(&run.line);
	rc = cli_export_each(&q, c, each_row, &run);
	if (rc == EX_OK && run.bad_row)
		rc = EX_PROTOCOL;
	buf_free(&run.line);
	return rc;
}

void
text_report_field(struct kam_buf *line, const struct copy_field *f,
    const char *none)
{
	if (f->null)
		buf_adds(line, none);
	else
		utf8_sanitize(line, f->data, f->len);
}
