/* kam --import rates FILE [--dry-run]: exchange rates from a CSV file
 * (kam/ratefile.h), all or nothing. The file is read a line at a time and
 * staged in batches, so memory stays flat; every bad line is reported as
 * FILE:LINE: message (the first MAX_REPORTED of them) and then nothing is
 * saved: a rate file half imported would convert some amounts with new
 * rates and others with old ones. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/log.h"
#include "kam/rates.h"
#include "kam/ratefile.h"
#include "kam/regfile.h"

#define BATCH_BYTES	(256 * 1024)
#define MAX_REPORTED	20
#define MAX_LINE	4096

struct import {
	const char		*name;		/* for messages */
	char			 reporting[4];
	struct rate_header	 header;
	bool			 have_header;
	long			 line;
	long			 bad;
	struct kam_buf		 batch;		/* COPY text lines */
	struct kam_db		*db;
};

/* "FILE:LINE: message" (log_raw makes the file's name safe to show). */
static void
report(struct import *im, const char *msg)
{
	if (++im->bad <= MAX_REPORTED)
		log_raw("%s:%ld: %s\n", im->name, im->line, msg);
}

static void
stage_row(struct import *im, const struct rate_row *row)
{
	buf_addf(&im->batch, "%ld\t%s\t%s\t%s\t%s\n", im->line, row->date,
	    row->currency, row->quote[0] ? row->quote : im->reporting, row->rate);
}

/* One line: the header, a blank, or a rate. False when staging failed
 * (the database said why); a bad line is counted and reported. */
static bool
take_line(struct import *im, const char *s, size_t len, int *rc)
{
	struct rate_row row;
	struct kam_buf err;
	bool ok;

	if (ratefile_blank(s, len))
		return true;
	buf_init(&err);
	if (!im->have_header)
		ok = im->have_header = ratefile_header(s, len, &im->header, &err);
	else if ((ok = ratefile_row(&im->header, s, len, &row, &err)) &&
	    row.quote[0] == '\0' && strcmp(row.currency, im->reporting) == 0) {
		buf_addf(&err, "a rate from %s to itself (%s is the reporting "
		    "currency)", row.currency, im->reporting);
		ok = false;
	} else if (ok && im->bad == 0)
		stage_row(im, &row);
	if (!ok)
		report(im, err.data);
	buf_free(&err);
	if (!im->have_header)	/* nothing can be read without it */
		return false;
	if (im->batch.len >= BATCH_BYTES) {
		*rc = rates_import_stage(im->db, im->batch.data, im->batch.len);
		buf_reset(&im->batch);
	}
	return *rc == EX_OK;
}

/* Reads every line (to report every bad one); false on a read error or
 * when staging failed. */
static bool
read_lines(struct import *im, FILE *f, int *rc)
{
	char *s = NULL;
	size_t cap = 0;
	ssize_t n;
	bool ok = true;

	while (ok && (n = getline(&s, &cap, f)) >= 0) {
		im->line++;
		if (n > 0 && s[n - 1] == '\n')
			n--;
		if ((size_t)n > MAX_LINE || memchr(s, '\0', (size_t)n) != NULL) {
			report(im, (size_t)n > MAX_LINE ? "line too long" :
			    "a NUL byte: not a text file");
			continue;
		}
		ok = take_line(im, s, (size_t)n, rc);
	}
	free(s);
	if (ferror(f)) {
		log_warn("%s: %s", im->name, strerror(errno));
		*rc = EX_IOERR;
		return false;
	}
	return ok;
}

static int
no_rates(struct import *im, const char *why)
{
	log_raw("%s: %s\n", im->name, why);
	return EX_DATAERR;
}

static int
import_stream(struct import *im, FILE *f, bool dry_run)
{
	struct rates_summary s;
	int rc = EX_OK;

	if (!read_lines(im, f, &rc) && rc != EX_OK)
		return rc;
	if (!im->have_header && im->bad == 0)
		return no_rates(im, "empty: no header line (date,currency,rate)");
	if (im->bad > MAX_REPORTED)
		log_raw("... and %ld more bad lines\n", im->bad - MAX_REPORTED);
	if (im->bad > 0) {
		log_warn("nothing imported: %ld bad line%s", im->bad,
		    im->bad == 1 ? "" : "s");
		return EX_DATAERR;
	}
	if ((rc = rates_import_stage(im->db, im->batch.data, im->batch.len))
	    != EX_OK || (rc = rates_import_finish(im->db, dry_run, &s)) != EX_OK)
		return rc;
	if (s.rows == 0)
		return no_rates(im, "no rates after the header");
	printf("%s %ld rate%s of %ld currenc%s, %s to %s: %ld new, %ld changed, "
	    "%ld as they were\n", dry_run ? "would import" : "imported", s.rows,
	    s.rows == 1 ? "" : "s", s.currencies, s.currencies == 1 ? "y" : "ies",
	    s.first, s.last, s.added, s.changed, s.rows - s.added - s.changed);
	return EX_OK;
}

FILE *
cli_open_input(const char *path)
{
	FILE *f;

	if (strcmp(path, "-") == 0)
		return stdin;
	if ((f = regfile_fopen(path, 0)) == NULL)
		log_warn("cannot read %s: %s", path, errno == EINVAL ?
		    "not a regular file" : strerror(errno));
	return f;
}

static int
import_rates(const struct kam_opts *o, const struct kam_conf *c)
{
	struct import im = { .name = o->args[0] };
	FILE *f;
	int rc;

	if ((f = cli_open_input(o->args[0])) == NULL)
		return errno == ENOENT ? EX_NOINPUT : EX_IOERR;
	if (f == stdin)
		im.name = "(stdin)";
	if ((im.db = cli_connect(c, &rc)) == NULL)
		goto out;
	buf_init(&im.batch);
	if ((rc = rates_import_begin(im.db, im.reporting)) == EX_OK &&
	    (rc = import_stream(&im, f, o->dry_run)) != EX_OK)
		rates_import_abort(im.db);
	buf_free(&im.batch);
	db_close(im.db);
out:
	if (f != stdin)
		fclose(f);
	return rc;
}

int
cmd_import(const struct kam_opts *o, const struct kam_conf *c)
{
	bool holidays = strcmp(o->import, "holidays") == 0;
	bool feedback = strcmp(o->import, "feedback") == 0;

	if (!holidays && !feedback && strcmp(o->import, "rates") != 0)
		return cli_usage_error("--import takes rates, holidays or "
		    "feedback, not '%s'", o->import);
	if (o->nargs != 1)
		return cli_usage_error("--import %s takes one file (- for "
		    "standard input)", o->import);
	if (holidays != (o->calendar != NULL))
		return cli_usage_error(holidays ? "--import holidays needs "
		    "--calendar NAME" : "--calendar goes with --import holidays");
	if (feedback != (o->source != NULL))
		return cli_usage_error(feedback ? "--import feedback needs "
		    "--source NAME (the survey or form its ids come from)" :
		    "--source goes with --import feedback");
	if (feedback)
		return cli_import_feedback(o, c);
	return holidays ? cli_import_holidays(o, c) : import_rates(o, c);
}
