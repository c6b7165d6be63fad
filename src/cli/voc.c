/* kam --voc [--since D] [--team T] [-f text|json]: the topics customers
 * raised and the open items, for scripts and dashboards; the same
 * figures as the client (kam/voc.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/format.h"
#include "kam/log.h"
#include "kam/tui.h"
#include "kam/utf8.h"
#include "kam/voc.h"

#define OPEN_LIMIT	50
#define TOPIC_COLS	30

/* The marker of a tone, the same the client's cloud shows without
 * colour: text alone tells praise, ideas and complaints apart. */
static const char *
tone_marker(const char *tone)
{
	if (tone == NULL)
		return " ";
	return strcmp(tone, "complaint") == 0 ? "!" :
	    strcmp(tone, "idea") == 0 ? "~" : "+";
}

/* text, made safe, cut to cols display columns, and padded to them
 * unless it ends the line */
static void
put_cell(const char *text, size_t cols, bool pad)
{
	struct kam_buf safe;
	size_t used = 0, n;

	buf_init(&safe);
	utf8_sanitize(&safe, text ? text : "", text ? strlen(text) : 0);
	n = utf8_fit(safe.data, safe.len, cols, &used);
	printf("%.*s%*s", (int)n, safe.data, pad ? (int)(cols - used) : 0, "");
	buf_free(&safe);
}

static size_t
topic_width(const struct voc_rows *t)
{
	size_t w = strlen("(no topic)");

	for (size_t i = 0; i < t->nrows; i++) {
		const char *s = voc_get(t, i, VT_TOPIC);
		size_t sw = s ? utf8_width(s, strlen(s)) : 0;

		if (sw > w)
			w = sw;
	}
	return w > TOPIC_COLS ? TOPIC_COLS : w;
}

static void
print_topics(const struct voc_rows *t)
{
	size_t w = topic_width(t);

	put_cell("  TOPIC", w + 3, true);
	printf("%6s %11s %5s %10s %5s %7s  TONE\n", "ITEMS", "COMPLIMENTS",
	    "IDEAS", "COMPLAINTS", "OPEN", "OVERDUE");
	for (size_t i = 0; i < t->nrows; i++) {
		const char *topic = voc_get(t, i, VT_TOPIC);

		printf("%s ", tone_marker(voc_get(t, i, VT_TONE)));
		put_cell(topic ? topic : "(no topic)", w + 1, true);
		printf("%6s %11s %5s %10s %5s %7s  %s\n", voc_get(t, i, VT_ITEMS),
		    voc_get(t, i, VT_COMPLIMENTS), voc_get(t, i, VT_IDEAS),
		    voc_get(t, i, VT_COMPLAINTS), voc_get(t, i, VT_OPEN),
		    voc_get(t, i, VT_OVERDUE), voc_get(t, i, VT_TONE));
	}
}

static void
print_open(const struct voc_rows *o)
{
	printf("\nOPEN ITEMS, FIRST DUE FIRST\n");
	if (o->nrows == 0) {
		printf("none\n");
		return;
	}
	printf("%-16s  %-24s %-10s %-12s SUBJECT\n", "DUE", "ACCOUNT", "KIND",
	    "STATE");
	for (size_t i = 0; i < o->nrows; i++) {
		const char *due = voc_get(o, i, VO_DUE);
		bool late = strcmp(voc_get(o, i, VO_OVERDUE), "t") == 0;

		printf("%-16s%s ", due ? due : "-", late ? "!" : " ");
		put_cell(voc_get(o, i, VO_ACCOUNT), 25, true);
		printf("%-10s %-12s ", voc_get(o, i, VO_KIND), voc_get(o, i, VO_STATE));
		put_cell(voc_get(o, i, VO_SUBJECT), 40, false);
		printf("\n");
	}
}

static int
print_json(struct kam_db *db, const char *since, const char *team)
{
	struct kam_buf safe;
	char *json;
	int rc;

	if ((json = voc_json(db, since, team, OPEN_LIMIT, &rc)) == NULL)
		return rc;
	buf_init(&safe);
	format_json_safe(&safe, json, strlen(json));
	printf("%s\n", safe.data);
	buf_free(&safe);
	free(json);
	return EX_OK;
}

static int
print_text(struct kam_db *db, const char *since, const char *team)
{
	struct voc v;
	int rc;

	if ((rc = voc_load(db, since, team, OPEN_LIMIT, &v)) != EX_OK)
		return rc;
	print_topics(&v.topics);
	print_open(&v.open);
	voc_free(&v);
	return EX_OK;
}

/* "3 open complaints, 1 overdue"; nothing when there are none. */
static int
print_tmux(struct kam_db *db, const char *since, const char *team)
{
	long open, overdue;
	int rc = voc_open_complaints(db, since, team, &open, &overdue);

	if (rc != EX_OK || open == 0)
		return rc;
	printf("%ld open complaint%s", open, open == 1 ? "" : "s");
	if (overdue > 0)
		printf(", %ld overdue", overdue);
	printf("\n");
	return EX_OK;
}

/* --watch: the client's cloud alone on the terminal, read-only. */
static int
watch(const struct kam_opts *o, const struct kam_conf *c)
{
	struct tui_trace *trace = NULL;
	struct tui_wall wall = { o->since, o->team };
	struct kam_db *db;
	int rc;

	if (o->format != NULL)
		return cli_usage_error("--watch draws the cloud; --format is for "
		    "the printed forms");
	if (o->trace != NULL && (trace = tui_trace_open(o->trace)) == NULL) {
		log_warn("cannot write the trace %s", o->trace);
		return EX_CANTCREAT;
	}
	if ((db = cli_connect(c, &rc)) == NULL) {
		tui_trace_close(trace);
		return rc;
	}
	rc = tui_run_wall(db, c, trace, &wall);
	db_close(db);
	return rc;
}

int
cmd_voc(const struct kam_opts *o, const struct kam_conf *c)
{
	char since[DATE_STRLEN];
	struct kam_db *db;
	int rc;
	bool json = false, tmux = false;

	if (o->output != NULL || o->nargs > 0)
		return cli_usage_error("--voc prints to standard output and takes "
		    "--since, --team, --format and --watch only");
	if (o->team != NULL && o->team[strspn(o->team, " \t")] == '\0')
		return cli_usage_error("--team needs a team's name");
	if (o->watch)
		return watch(o, c);
	if (o->format != NULL && !(json = strcmp(o->format, "json") == 0) &&
	    !(tmux = strcmp(o->format, "tmux") == 0) &&
	    strcmp(o->format, "text") != 0)
		return cli_usage_error("--format for --voc is text, json or tmux");
	if ((rc = cli_date_flag("--since", o->since ? o->since : "-90d",
	    since)) != EX_OK)
		return rc;
	if ((db = cli_connect(c, &rc)) == NULL)
		return rc;
	rc = json ? print_json(db, since, o->team) : tmux ?
	    print_tmux(db, since, o->team) : print_text(db, since, o->team);
	db_close(db);
	return rc;
}
