/* kam --due: what is due for me, for cron and mail (text), scripts (JSON)
 * and a tmux status line (one short line, empty when nothing is due). */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "kam/cli.h"
#include "kam/countof.h"
#include "kam/due.h"

enum due_format { DUE_TEXT, DUE_FORMAT_JSON, DUE_TMUX };

/* The kinds in the order the tmux line counts them. */
static const char *const kinds[] = {
	"follow-up", "action", "contact", "talk", "renewal", "condition",
};

struct due_out {
	enum due_format	 format;
	int		 items;
	int		 count[countof(kinds)];
};

static void
count_kind(struct due_out *o, const char *kind)
{
	for (size_t k = 0; k < countof(kinds); k++)
		if (strcmp(kinds[k], kind) == 0)
			o->count[k]++;
}

static void
emit(void *ctx, const char *const f[DUE_NFIELDS])
{
	struct due_out *o = ctx;

	switch (o->format) {
	case DUE_TEXT:
		printf("%s  %-9s  ", f[DUE_DAY], f[DUE_KIND]);
		cli_put_safe(f[DUE_ACCOUNT]);
		fputs(": ", stdout);
		cli_put_safe(f[DUE_WHAT]);
		putchar('\n');
		break;
	case DUE_FORMAT_JSON:
		fputs(o->items == 0 ? "[\n" : ",\n", stdout);
		cli_put_json(f[DUE_JSON]);
		break;
	case DUE_TMUX:
		count_kind(o, f[DUE_KIND]);
		break;
	}
	o->items++;
}

/* "kam 5 due: 2 follow-up, 1 talk, 2 contact": short enough for a status
 * line, nothing at all when nothing is due. */
static void
print_tmux(const struct due_out *o)
{
	const char *sep = ": ";

	if (o->items == 0)
		return;
	printf("kam %d due", o->items);
	for (size_t k = 0; k < countof(kinds); k++)
		if (o->count[k] > 0) {
			printf("%s%d %s", sep, o->count[k], kinds[k]);
			sep = ", ";
		}
	putchar('\n');
}

static int
due_format(const char *name, enum due_format *f)
{
	if (name == NULL || strcmp(name, "text") == 0)
		*f = DUE_TEXT;
	else if (strcmp(name, "json") == 0)
		*f = DUE_FORMAT_JSON;
	else if (strcmp(name, "tmux") == 0)
		*f = DUE_TMUX;
	else
		return cli_usage_error("--format for --due is text, json or tmux");
	return EX_OK;
}

int
cmd_due(const struct kam_opts *o, const struct kam_conf *c)
{
	struct due_out out = { 0 };
	struct kam_db *db;
	int rc;

	if ((rc = due_format(o->format, &out.format)) != EX_OK)
		return rc;
	if (o->output != NULL)
		return cli_usage_error("--due prints to standard output; "
		    "redirect it to keep the list");
	if ((db = cli_connect(c, &rc)) == NULL)
		return rc;
	rc = due_list(db, emit, &out);
	db_close(db);
	if (rc != EX_OK)
		return rc;
	if (out.format == DUE_FORMAT_JSON)
		fputs(out.items == 0 ? "[]\n" : "\n]\n", stdout);
	else if (out.format == DUE_TMUX)
		print_tmux(&out);
	return EX_OK;
}
