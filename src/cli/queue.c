/* kam --queue: support's open tickets by their next due milestone, for
 * cron and mail (text), scripts (JSON) and a tmux status line ("3 at
 * risk, 1 breached", nothing when neither). The queue is read a page at
 * a time, so memory stays flat on a long one. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/queue.h"

enum queue_format { QUEUE_TEXT, QUEUE_FORMAT_JSON, QUEUE_TMUX };

enum { QUEUE_PAGE = 500 };

struct queue_out {
	enum queue_format format;
	long		 items;
	struct kam_buf	 key;	/* the last row's, for the next page */
	struct kam_buf	 id;
};

/* "2026-12-04 15:00  resolution      2 h 10 min  at risk  high  #17
 * Nordwind GmbH: Pump leaks (call Hanna, +49 40 123)" */
static void
print_text(const char *const f[QUEUE_NFIELDS])
{
	printf("%-16s  %-14s  %-12s  %-8s  %-6s  #%s  ",
	    *f[QUEUE_DUE] ? f[QUEUE_DUE] : "-",
	    *f[QUEUE_MILESTONE] ? f[QUEUE_MILESTONE] : f[QUEUE_STATE],
	    *f[QUEUE_LEFT] ? f[QUEUE_LEFT] : "-",
	    f[QUEUE_MARK], f[QUEUE_PRIORITY], f[QUEUE_ID]);
	cli_put_safe(f[QUEUE_ACCOUNT]);
	fputs(": ", stdout);
	cli_put_safe(f[QUEUE_SUBJECT]);
	if (*f[QUEUE_ESCALATION]) {
		fputs(" (escalate: ", stdout);
		cli_put_safe(f[QUEUE_ESCALATION]);
		putchar(')');
	}
	putchar('\n');
}

static void
emit(void *ctx, const char *const f[QUEUE_NFIELDS])
{
	struct queue_out *o = ctx;

	if (o->format == QUEUE_TEXT)
		print_text(f);
	else {
		fputs(o->items == 0 ? "[\n" : ",\n", stdout);
		cli_put_json(f[QUEUE_JSON]);
	}
	buf_reset(&o->key);
	buf_addf(&o->key, "%s", f[QUEUE_KEY]);
	buf_reset(&o->id);
	buf_addf(&o->id, "%s", f[QUEUE_ID]);
	o->items++;
}

static int
queue_format(const char *name, enum queue_format *f)
{
	if (name == NULL || strcmp(name, "text") == 0)
		*f = QUEUE_TEXT;
	else if (strcmp(name, "json") == 0)
		*f = QUEUE_FORMAT_JSON;
	else if (strcmp(name, "tmux") == 0)
		*f = QUEUE_TMUX;
	else
		return cli_usage_error("--format for --queue is text, json or tmux");
	return EX_OK;
}

/* "3 at risk, 1 breached"; nothing when neither. */
static int
print_tmux(struct kam_db *db)
{
	long risk, breached;
	int rc = queue_counts(db, &risk, &breached);

	if (rc != EX_OK)
		return rc;
	if (risk > 0 && breached > 0)
		printf("%ld at risk, %ld breached\n", risk, breached);
	else if (risk > 0)
		printf("%ld at risk\n", risk);
	else if (breached > 0)
		printf("%ld breached\n", breached);
	return EX_OK;
}

static int
print_list(struct kam_db *db, struct queue_out *out)
{
	int n;

	do {
		n = queue_page(db, out->items ? out->key.data : NULL,
		    out->id.data, QUEUE_PAGE, emit, out);
		if (n < 0)
			return db_error_code(db);
	} while (n == QUEUE_PAGE);
	if (out->format == QUEUE_FORMAT_JSON)
		fputs(out->items == 0 ? "[]\n" : "\n]\n", stdout);
	return EX_OK;
}

int
cmd_queue(const struct kam_opts *o, const struct kam_conf *c)
{
	struct queue_out out = { 0 };
	struct kam_db *db;
	int rc;

	if ((rc = queue_format(o->format, &out.format)) != EX_OK)
		return rc;
	if (o->output != NULL)
		return cli_usage_error("--queue prints to standard output; "
		    "redirect it to keep the list");
	if ((db = cli_connect(c, &rc)) == NULL)
		return rc;
	buf_init(&out.key);
	buf_init(&out.id);
	rc = out.format == QUEUE_TMUX ? print_tmux(db) : print_list(db, &out);
	buf_free(&out.key);
	buf_free(&out.id);
	db_close(db);
	return rc;
}
