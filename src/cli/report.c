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
#include "kam/copytext.h"
#include "kam/countof.h"
#include "kam/log.h"
#include "kam/utf8.h"

#define TEXT_MAX 16

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

struct text_out {
	struct copy_field	 f[TEXT_MAX];
	size_t			 ncolumns;
	struct kam_buf		 line;
	unsigned long		 rows;
	bool			 bad_row;
};

/* The fields of a row apart by two spaces, controls made visible, none
 * as "-". */
static bool
text_row(void *ctx, char *data, size_t len)
{
	struct text_out *t = ctx;

	if (copytext_split(data, len, t->f, t->ncolumns) != t->ncolumns) {
		log_warn("the database sent a row of more than %zu columns",
		    t->ncolumns);
		t->bad_row = true;
		return false;
	}
	buf_reset(&t->line);
	for (size_t i = 0; i < t->ncolumns; i++) {
		buf_adds(&t->line, i > 0 ? "  " : "");
		if (t->f[i].null)
			buf_adds(&t->line, "-");
		else
			utf8_sanitize(&t->line, t->f[i].data, t->f[i].len);
	}
	buf_adds(&t->line, "\n");
	t->rows++;
	/* a reader that went away ends the list; main says why if it matters */
	return fwrite(t->line.data, 1, t->line.len, stdout) == t->line.len;
}

static int
print_text(const struct kam_opts *o, const struct kam_conf *c,
    const struct report *r)
{
	struct kam_opts q = *o;
	struct text_out t = { .ncolumns = 1 };
	int rc;

	for (const char *p = r->text_columns; *p != '\0'; p++)
		t.ncolumns += *p == ',';
	q.columns = r->text_columns;
	q.format = NULL;
	buf_init(&t.line);
	rc = cli_export_each(&q, c, text_row, &t);
	if (rc == EX_OK && t.bad_row)
		rc = EX_PROTOCOL;
	if (rc == EX_OK)
		printf("%lu row%s.\n", t.rows, t.rows == 1 ? "" : "s");
	buf_free(&t.line);
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
