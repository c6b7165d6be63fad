/* kam --quality: the data-quality findings of the accounts asked for
 * (kam.quality_finding, worst score first), as text for a person or, in
 * any export format, for scripts. The rows come through the export
 * machinery, filters and all; text is one more way to write them. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/text_report.h"

/* The findings entity's columns that the text shows, in this order. */
enum { T_ACCOUNT, T_ERP_ID, T_NAME, T_OWNER, T_TEAM, T_TIER, T_SCORE,
	T_SEVERITY, T_RULE, T_FIELD, T_DETAIL };
static const char text_columns[] = "account_id,account_erp_id,account_name,"
    "owner,team,tier,score,severity,rule,field,detail";

struct findings {
	struct kam_buf		 account;	/* id of the account shown last */
	unsigned long		 accounts;
};

/* "Müller GmbH (C4), key, anna (north): score 80" */
static void
put_header(struct kam_buf *line, const struct copy_field *f, bool first)
{
	buf_adds(line, first ? "" : "\n");
	text_report_field(line, &f[T_NAME], "");
	if (!f[T_ERP_ID].null) {
		buf_adds(line, " (");
		text_report_field(line, &f[T_ERP_ID], "");
		buf_adds(line, ")");
	}
	buf_adds(line, ", ");
	text_report_field(line, &f[T_TIER], "");
	buf_adds(line, ", ");
	text_report_field(line, &f[T_OWNER], "no owner");
	buf_adds(line, " (");
	text_report_field(line, &f[T_TEAM], "no team");
	buf_adds(line, "): score ");
	text_report_field(line, &f[T_SCORE], "-");
	buf_adds(line, "\n");
}

/* A finding's line, "  high    owner_missing           owner_id        no
 * owner", under its account's header when the account changes. */
static void
put_finding(void *ctx, struct kam_buf *line, const struct copy_field *f)
{
	struct findings *t = ctx;
	const struct copy_field *id = &f[T_ACCOUNT];

	if (t->account.len != id->len ||
	    memcmp(t->account.data, id->data, id->len) != 0) {
		put_header(line, f, t->accounts == 0);
		buf_reset(&t->account);
		buf_add(&t->account, id->data, id->len);
		t->accounts++;
	}
	buf_addf(line, "  %-6.*s  %-22.*s  %-14.*s  ",
	    (int)f[T_SEVERITY].len, f[T_SEVERITY].data,
	    (int)f[T_RULE].len, f[T_RULE].data,
	    (int)f[T_FIELD].len, f[T_FIELD].data);
	text_report_field(line, &f[T_DETAIL], "");
	buf_adds(line, "\n");
}

static int
print_text(const struct kam_opts *o, const struct kam_conf *c)
{
	struct findings t = { 0 };
	struct text_report r = { text_columns, put_finding, &t, 0 };
	int rc;

	buf_init(&t.account);
	rc = text_report_run(o, c, &r);
	if (rc == EX_OK && r.rows == 0)
		printf("No findings.\n");
	else if (rc == EX_OK)
		printf("\n%lu finding%s on %lu account%s.\n", r.rows,
		    r.rows == 1 ? "" : "s", t.accounts, t.accounts == 1 ? "" : "s");
	buf_free(&t.account);
	return rc;
}

int
cli_report_options(const struct kam_opts *o, const char *action)
{
	bool text = o->format == NULL || strcmp(o->format, "text") == 0;

	if (o->since || o->until || o->active || o->expiring)
		return cli_usage_error("%s takes --account, --owner, --team and "
		    "--tier", action);
	if (!text && strcmp(o->format, "csv") && strcmp(o->format, "tsv") &&
	    strcmp(o->format, "json") && strcmp(o->format, "jsonl"))
		return cli_usage_error("--format for %s is text, csv, tsv, json or "
		    "jsonl", action);
	if (text && o->output != NULL)
		return cli_usage_error("%s prints text to standard output; -o goes "
		    "with -f csv, tsv, json or jsonl", action);
	if (text && (o->columns != NULL || o->no_header || o->raw))
		return cli_usage_error("--columns, --no-header and --raw go with "
		    "-f csv, tsv, json or jsonl");
	return EX_OK;
}

int
cmd_quality(const struct kam_opts *o, const struct kam_conf *c)
{
	struct kam_opts q = *o;
	int rc = cli_report_options(o, "--quality");

	if (rc != EX_OK)
		return rc;
	q.export = "findings";
	if (o->format == NULL || strcmp(o->format, "text") == 0)
		return print_text(&q, c);
	return cmd_export(&q, c);
}
