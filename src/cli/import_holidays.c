/* kam --import holidays FILE --calendar NAME [--dry-run]: a calendar's
 * holidays from an iCalendar file (kam/ics.h reads it, kam/holidays.h
 * writes it). Recurring events are expanded from ten years before the
 * day of the import to ten years after it; occurrences outside are left
 * out and counted. All or nothing: a file kam cannot read imports
 * nothing, with exit status 65 (EX_DATAERR). Importing the file again
 * doubles nothing: a day an event of the file closes is kept once. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/copytext.h"
#include "kam/holidays.h"
#include "kam/ics.h"
#include "kam/log.h"

#define MAX_FILE	(16 * 1024 * 1024)
#define HORIZON_MONTHS	120
/* a daily rule from 1800 still reaches the window; a rule that repeats
 * every minute stops here */
#define MAX_STEPS	100000
#define MAX_HOLIDAYS	100000

static const char *const kind_names[] = {
	[ICS_DATE] = "date", [ICS_LOCAL] = "local", [ICS_UTC] = "utc",
};

/* One occurrence as a line of COPY text: uid, name, kind, start, end. */
static bool
stage(void *ctx, const struct ics_occurrence *o)
{
	struct kam_buf *b = ctx;

	copytext_escape(b, o->uid, strlen(o->uid));
	buf_addc(b, '\t');
	copytext_escape(b, o->name, strlen(o->name));
	buf_addf(b, "\t%s\t%s\t%s\n", kind_names[o->kind], o->start, o->end);
	return true;
}

/* The whole file (libical parses a string); false after saying why. */
static bool
read_all(FILE *f, const char *name, struct kam_buf *text, int *rc)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (text->len + n > MAX_FILE) {
			log_raw("%s: larger than %d MiB: not a holiday calendar\n",
			    name, MAX_FILE / (1024 * 1024));
			*rc = EX_DATAERR;
			return false;
		}
		buf_add(text, chunk, n);
	}
	if (ferror(f)) {
		log_warn("%s: %s", name, strerror(errno));
		*rc = EX_IOERR;
		return false;
	}
	return true;
}

static void
window(struct ics_window *w)
{
	struct kam_date today = date_today();

	w->from = date_add_months(today, -HORIZON_MONTHS);
	w->until = date_add_months(today, HORIZON_MONTHS);
	w->max_steps = MAX_STEPS;
	w->max_occurrences = MAX_HOLIDAYS;
}

/* The file read into lines of COPY text over the window w; false after
 * saying why. */
static bool
read_holidays(FILE *f, const char *name, const struct ics_window *w,
    struct kam_buf *lines, struct ics_counts *n, int *rc)
{
	struct kam_buf text, err;
	bool ok;

	buf_init(&text);
	buf_init(&err);
	if ((ok = read_all(f, name, &text, rc)) &&
	    !(ok = ics_holidays(text.data ? text.data : "", text.len, w, stage,
	    lines, n, &err))) {
		log_raw("%s: %s\n", name, err.data);
		*rc = EX_DATAERR;
	} else if (ok && n->events == 0) {
		log_raw("%s: no events (VEVENT): no holidays to import\n", name);
		*rc = EX_DATAERR;
		ok = false;
	}
	buf_free(&err);
	buf_free(&text);
	return ok;
}

static void
report(const struct kam_opts *o, const char *zone,
    const struct ics_counts *n, const struct holidays_summary *s)
{
	printf("%s %ld holiday%s of %ld event%s into %s (%s)", o->dry_run ?
	    "would import" : "imported", s->days, s->days == 1 ? "" : "s",
	    n->events, n->events == 1 ? "" : "s", o->calendar, zone);
	if (s->days > 0)
		printf(", %s to %s", s->first, s->last);
	printf(": %ld new, %ld changed, %ld removed", s->added, s->changed,
	    s->removed);
	if (n->outside > 0)
		printf("; %ld occurrence%s outside %d years either side of today "
		    "left out", n->outside, n->outside == 1 ? "" : "s",
		    HORIZON_MONTHS / 12);
	if (n->cancelled > 0)
		printf("; %ld cancelled event%s left out", n->cancelled,
		    n->cancelled == 1 ? "" : "s");
	printf("\n");
}

/* libical before the file and the database: a system without it says
 * so, not that the file is wrong */
static bool
parser_loaded(void)
{
	struct kam_buf err;
	bool ok;

	buf_init(&err);
	if (!(ok = ics_load(&err)))
		log_warn("%s (install libical 3)", err.data);
	buf_free(&err);
	return ok;
}

int
cli_import_holidays(const struct kam_opts *o, const struct kam_conf *c)
{
	const char *name = strcmp(o->args[0], "-") == 0 ? "(stdin)" : o->args[0];
	char zone[64], from[DATE_STRLEN], until[DATE_STRLEN];
	struct holidays_batch b = { .calendar = o->calendar, .from = from,
	    .until = until };
	struct holidays_summary s;
	struct ics_window w;
	struct ics_counts n;
	struct kam_buf lines;
	struct kam_db *db;
	FILE *f;
	int rc;

	if (!parser_loaded())
		return EX_UNAVAILABLE;
	if ((f = cli_open_input(o->args[0])) == NULL)
		return errno == ENOENT ? EX_NOINPUT : EX_IOERR;
	window(&w);
	date_format(w.from, from);
	date_format(w.until, until);
	buf_init(&lines);
	if ((db = cli_connect(c, &rc)) != NULL &&
	    (rc = holidays_calendar(db, o->calendar, zone)) == EX_OK &&
	    read_holidays(f, name, &w, &lines, &n, &rc)) {
		b.lines = lines.data;
		b.len = lines.len;
		if ((rc = holidays_import(db, &b, o->dry_run, &s)) == EX_OK)
			report(o, zone, &n, &s);
	}
	if (db != NULL)
		db_close(db);
	buf_free(&lines);
	if (f != stdin)
		fclose(f);
	return rc;
}
