/* kam --duplicates: the candidate duplicate pairs (kam.duplicate_accounts()
 * and kam.duplicate_contacts(), likeliest first), as text for a person
 * or, in any export format, for scripts: the rows come through the
 * export machinery, filters and all, as kam --quality's do. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/text_report.h"

enum { T_KIND, T_SCORE, T_REASONS, T_ID, T_NAME, T_OTHER_ID, T_OTHER_NAME,
	T_ACCOUNT, T_OTHER_ACCOUNT };
static const char text_columns[] = "kind,score,reasons,id,name,other_id,"
    "other_name,account_name,other_account_name";

/* "Müller GmbH (4)"; a contact's account follows its name. */
static void
put_side(struct kam_buf *line, const struct copy_field *f, int name, int id,
    int account)
{
	text_report_field(line, &f[name], "");
	buf_adds(line, " (");
	text_report_field(line, &f[id], "");
	if (f[T_KIND].len == 7 && memcmp(f[T_KIND].data, "contact", 7) == 0) {
		buf_adds(line, ", ");
		text_report_field(line, &f[account], "");
	}
	buf_adds(line, ")");
}

/* " 100  account  Müller GmbH (4) / Mueller GmbH (9): same VAT id ..." */
static void
put_pair(void *ctx, struct kam_buf *line, const struct copy_field *f)
{
	(void)ctx;
	buf_addf(line, "%4.*s  %-7.*s  ", (int)f[T_SCORE].len, f[T_SCORE].data,
	    (int)f[T_KIND].len, f[T_KIND].data);
	put_side(line, f, T_NAME, T_ID, T_ACCOUNT);
	buf_adds(line, " / ");
	put_side(line, f, T_OTHER_NAME, T_OTHER_ID, T_OTHER_ACCOUNT);
	buf_adds(line, ": ");
	text_report_field(line, &f[T_REASONS], "");
	buf_adds(line, "\n");
}

static int
print_text(const struct kam_opts *o, const struct kam_conf *c)
{
	struct text_report r = { text_columns, put_pair, NULL, 0 };
	int rc = text_report_run(o, c, &r);

	if (rc == EX_OK && r.rows == 0)
		printf("No candidate duplicates.\n");
	else if (rc == EX_OK)
		printf("\n%lu candidate pair%s.\n", r.rows, r.rows == 1 ? "" : "s");
	return rc;
}

int
cmd_duplicates(const struct kam_opts *o, const struct kam_conf *c)
{
	struct kam_opts q = *o;
	int rc = cli_report_options(o, "--duplicates");

	if (rc != EX_OK)
		return rc;
	q.export = "duplicates";
	if (o->format == NULL || strcmp(o->format, "text") == 0)
		return print_text(&q, c);
	return cmd_export(&q, c);
}
