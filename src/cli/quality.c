/* kam --quality: the data-quality findings of the accounts asked for
 * (kam.quality_finding, worst score first), as text for a person or, in
 * any export format, for scripts. The rows come through the export
 * machinery, filters and all; text is one more way to write them. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/copytext.h"
#include "kam/log.h"
#include "kam/utf8.h"

/* The findings entity's columns that the text shows, in this order. */
enum { T_ACCOUNT, T_ERP_ID, T_NAME, T_OWNER, T_TEAM, T_TIER, T_SCORE,
	T_SEVERITY, T_RULE, T_FIELD, T_DETAIL, T_NCOLS };
static const char text_columns[] = "account_id,account_erp_id,account_name,"
    "owner,team,tier,score,severity,rule,field,detail";

struct text_out {
	struct copy_field	 f[T_NCOLS];
	struct kam_buf		 account;	/* id of the account shown last */
	struct kam_buf		 line;
	unsigned long		 findings, accounts;
	bool			 bad_row;
};

/* A value as a terminal may show it (controls made visible), or the
 * words for none. */
static void
put_field(struct kam_buf *out, const struct copy_field *f, const char *none)
{
	if (f->null)
		buf_adds(out, none);
	else
		utf8_sanitize(out, f->data, f->len);
}

/* "Müller GmbH (C4), key, anna (north): score 80" */
static void
put_header(struct text_out *t)
{
	const struct copy_field *f = t->f;

	buf_adds(&t->line, t->accounts > 0 ? "\n" : "");
	put_field(&t->line, &f[T_NAME], "");
	if (!f[T_ERP_ID].null) {
		buf_adds(&t->line, " (");
		put_field(&t->line, &f[T_ERP_ID], "");
		buf_adds(&t->line, ")");
	}
	buf_adds(&t->line, ", ");
	put_field(&t->line, &f[T_TIER], "");
	buf_adds(&t->line, ", ");
	put_field(&t->line, &f[T_OWNER], "no owner");
	buf_adds(&t->line, " (");
	put_field(&t->line, &f[T_TEAM], "no team");
	buf_adds(&t->line, "): score ");
	put_field(&t->line, &f[T_SCORE], "-");
	buf_adds(&t->line, "\n");
}

/* "  high    owner_missing           owner_id        no owner" */
static void
put_finding(struct text_out *t)
{
	const struct copy_field *f = t->f;

	buf_addf(&t->line, "  %-6.*s  %-22.*s  %-14.*s  ",
	    (int)f[T_SEVERITY].len, f[T_SEVERITY].data,
	    (int)f[T_RULE].len, f[T_RULE].data,
	    (int)f[T_FIELD].len, f[T_FIELD].data);
	put_field(&t->line, &f[T_DETAIL], "");
	buf_adds(&t->line, "\n");
}

static bool
text_row(void *ctx, char *data, size_t len)
{
	struct text_out *t = ctx;
	const struct copy_field *id = &t->f[T_ACCOUNT];

	if (copytext_split(data, len, t->f, T_NCOLS) != T_NCOLS) {
		log_warn("the database sent a row of more than %d columns", T_NCOLS);
		t->bad_row = true;
		return false;
	}
	buf_reset(&t->line);
	if (t->account.len != id->len ||
	    memcmp(t->account.data, id->data, id->len) != 0) {
		put_header(t);
		buf_reset(&t->account);
		buf_add(&t->account, id->data, id->len);
		t->accounts++;
	}
	put_finding(t);
	t->findings++;
	/* a reader that went away ends the list; main says why if it matters */
	return fwrite(t->line.data, 1, t->line.len, stdout) == t->line.len;
}

static int
print_text(const struct kam_opts *o, const struct kam_conf *c)
{
	struct kam_opts q = *o;
	struct text_out t = { 0 };
	int rc;

	q.columns = text_columns;
	q.format = NULL;
	buf_init(&t.account);
	buf_init(&t.line);
	rc = cli_export_each(&q, c, text_row, &t);
	if (rc == EX_OK && t.bad_row)
		rc = EX_PROTOCOL;
	if (rc == EX_OK && t.findings == 0)
		printf("No findings.\n");
	else if (rc == EX_OK)
		printf("\n%lu finding%s on %lu account%s.\n", t.findings,
		    t.findings == 1 ? "" : "s", t.accounts, t.accounts == 1 ? "" : "s");
	buf_free(&t.account);
	buf_free(&t.line);
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
