/* kam --report portfolio|cadence|expiring|talks: the portfolio's figures
 * for scripts (issue 17). Each report is an export entity (the
 * portfolio, cadence, expiring and talks entities of export_entities.c),
 * so a report is one statement streamed through the export machinery,
 * filters, formats, -o, the formula guard and all; text is a line per row
 * of the columns a person reads first. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/countof.h"
#include "kam/text_report.h"

static const struct report {
	const char	*name;
	const char	*text_columns;
} reports[] = {
	{ "portfolio", "account_name,tier,owner,team,currency,revenue,target,"
	  "target_pct,overdue,condition_ends_on,talk,contact_days,complaints,"
	  "alarms" },
	{ "cadence", "due,kind,account_name,owner,team,what" },
	{ "expiring", "valid_to,days_left,account_name,owner,team,kind,title" },
	{ "talks", "talk,talk_on,account_name,tier,owner,team" },
};

/* The fields of a row apart by two spaces, controls made visible, none
 * as "-". */
static void
put_row(void *ctx, struct kam_buf *line, const struct copy_field *f)
{
	const size_t *ncolumns = ctx;

	for (size_t i = 0; i < *ncolumns; i++) {
		buf_adds(line, i > 0 ? "  " : "");
		text_report_field(line, &f[i], "-");
	}
	buf_adds(line, "\n");
}

static int
print_text(const struct kam_opts *o, const struct kam_conf *c,
    const struct report *r)
{
	size_t ncolumns = 1;
	struct text_report t = { r->text_columns, put_row, &ncolumns, 0 };
	int rc;

	for (const char *p = r->text_columns; *p != '\0'; p++)
		ncolumns += *p == ',';
	rc = text_report_run(o, c, &t);

	if (rc == EX_OK)
		printf("%lu row%s.\n", t.rows, t.rows == 1 ? "" : "s");
	return rc;
}

int
cmd_report(const struct kam_opts *o, const struct kam_conf *c)
{
	const struct report *r = NULL;
	struct kam_opts q = *o;
	int rc;

	for (size_t i = 0; i < countof(reports); i++)
		if (strcmp(o->report, reports[i].name) == 0)
			r = &reports[i];
	if (r == NULL)
		return cli_usage_error("--report is portfolio, cadence, expiring "
		    "or talks, not '%s'", o->report);
	if ((rc = cli_report_options(o, "--report")) != EX_OK)
		return rc;
	q.export = r->name;
	if (o->format == NULL || strcmp(o->format, "text") == 0)
		return print_text(&q, c, r);
	return cmd_export(&q, c);
}
