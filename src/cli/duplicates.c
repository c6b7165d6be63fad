/* kam --duplicates: the candidate duplicate pairs (kam.duplicate_accounts()
 * and kam.duplicate_contacts(), likeliest first), as text for a person
 * or, in any export format, for scripts: the rows come through the
 * export machinery, filters and all, as kam --quality's do. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/copytext.h"
#include "kam/log.h"
#include "kam/utf8.h"

enum { T_KIND, T_SCORE, T_REASONS, T_ID, T_NAME, T_OTHER_ID, T_OTHER_NAME,
	T_ACCOUNT, T_OTHER_ACCOUNT, T_NCOLS };
static const char text_columns[] = "kind,score,reasons,id,name,other_id,"
    "other_name,account_name,other_account_name";

struct text_out {
	struct copy_field	 f[T_NCOLS];
	struct kam_buf		 line;
	unsigned long		 pairs;
	bool			 bad_row;
};

static void
put(struct kam_buf *out, const struct copy_field *f)
{
	if (!f->null)
		utf8_sanitize(out, f->data, f->len);
}

/* " 100  account  Müller GmbH (4) / Mueller GmbH (9): same VAT id ..."; a
 * contact's account follows its name. */
static void
put_side(struct text_out *t, int name, int id, int account)
{
	put(&t->line, &t->f[name]);
	buf_adds(&t->line, " (");
	put(&t->line, &t->f[id]);
	if (t->f[T_KIND].len == 7 && memcmp(t->f[T_KIND].data, "contact", 7) == 0) {
		buf_adds(&t->line, ", ");
		put(&t->line, &t->f[account]);
	}
	buf_adds(&t->line, ")");
}

static bool
text_row(void *ctx, char *data, size_t len)
{
	struct text_out *t = ctx;

	if (copytext_split(data, len, t->f, T_NCOLS) != T_NCOLS) {
		log_warn("the database sent a row of more than %d columns", T_NCOLS);
		t->bad_row = true;
		return false;
	}
	buf_reset(&t->line);
	buf_addf(&t->line, "%4.*s  %-7.*s  ", (int)t->f[T_SCORE].len,
	    t->f[T_SCORE].data, (int)t->f[T_KIND].len, t->f[T_KIND].data);
	put_side(t, T_NAME, T_ID, T_ACCOUNT);
	buf_adds(&t->line, " / ");
	put_side(t, T_OTHER_NAME, T_OTHER_ID, T_OTHER_ACCOUNT);
	buf_adds(&t->line, ": ");
	put(&t->line, &t->f[T_REASONS]);
	buf_adds(&t->line, "\n");
	t->pairs++;
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
	buf_init(&t.line);
	rc = cli_export_each(&q, c, text_row, &t);
	if (rc == EX_OK && t.bad_row)
		rc = EX_PROTOCOL;
	if (rc == EX_OK && t.pairs == 0)
		printf("No candidate duplicates.\n");
	else if (rc == EX_OK)
		printf("\n%lu candidate pair%s.\n", t.pairs, t.pairs == 1 ? "" : "s");
	buf_free(&t.line);
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
