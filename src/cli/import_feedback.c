/* kam --import feedback FILE --source NAME [--dry-run]: the answers of a
 * survey or a web form, CSV or JSON Lines (kam-feedback(5)), as feedback
 * on the accounts they match. The file is read a line at a time (no line
 * longer than a record may be) and staged in batches, so memory stays
 * flat.
 *
 * A file kam cannot read as a whole (a bad header, broken quoting, bytes
 * that are not UTF-8, a control character, a line too long, an id twice)
 * imports nothing: every bad line is said and the exit status is 65
 * (EX_DATAERR). Otherwise the rows that match an account the user may
 * write are imported, each row not imported is said with its line and
 * why, and the exit status says whether all were: 0, 67 (EX_NOUSER) when
 * a row matched no account or several, else 77 (EX_NOPERM) when a row's
 * account is not the user's to write. A row imported before (its source
 * and id) is left as it is. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/fbfile.h"
#include "kam/fbimport.h"
#include "kam/log.h"

#define BATCH_BYTES	(256 * 1024)
#define MAX_REPORTED	20
#define MAX_LINE	FB_MAX_RECORD

/* Lines of a stream, none longer than MAX_LINE kept: the reader's memory
 * is its buffer, whatever the file holds. */
struct lines {
	FILE	*f;
	char	 buf[MAX_LINE + 1];
	size_t	 len;		/* the line read */
	bool	 too_long;	/* ... was longer than MAX_LINE (cut) */
};

/* The next line without its line end; false at the end (or an error). */
static bool
next_line(struct lines *l)
{
	int c;

	l->len = 0;
	l->too_long = false;
	while ((c = getc_unlocked(l->f)) != EOF && c != '\n') {
		if (l->len < MAX_LINE)
			l->buf[l->len++] = (char)c;
		else
			l->too_long = true;
	}
	return c == '\n' || l->len > 0 || l->too_long;
}

struct import {
	const char		*name;		/* for messages */
	struct fbfile		 file;
	bool			 format_known;
	struct fb_row		 row;
	long			 line;
	long			 bad;
	long			 reported;
	struct kam_buf		 batch;		/* COPY text lines */
	struct kam_db		*db;
};

/* "FILE:LINE: message" (log_raw makes the text safe to show). */
static void
report(void *ctx, long line, const char *msg)
{
	struct import *im = ctx;

	if (++im->reported <= MAX_REPORTED)
		log_raw("%s:%ld: %s\n", im->name, line, msg);
}

static void
bad_line(struct import *im, long line, const char *msg)
{
	im->bad++;
	report(im, line, msg);
}

/* One line through the parser; false when nothing after it can be read
 * (a bad header, a line too long) or staging failed (*rc). */
static bool
take_line(struct import *im, struct lines *l, int *rc)
{
	struct kam_buf err;
	enum fb_result r;

	if (l->too_long || memchr(l->buf, '\0', l->len) != NULL) {
		bad_line(im, im->line, l->too_long ? "a line longer than 64 KiB: "
		    "not a feedback file" : "a NUL byte: not a text file");
		return !l->too_long;
	}
	if (!im->format_known) {
		fbfile_init(&im->file, fbfile_guess(im->name, l->buf, l->len));
		im->format_known = true;
	}
	buf_init(&err);
	r = fbfile_line(&im->file, im->line, l->buf, l->len, &im->row, &err);
	if (r == FB_BAD || r == FB_FATAL)
		bad_line(im, im->row.line, err.data);
	else if (r == FB_ROW && im->bad == 0)
		fbimport_row(&im->batch, &im->row);
	buf_free(&err);
	if (im->batch.len >= BATCH_BYTES) {
		*rc = fbimport_stage(im->db, im->batch.data, im->batch.len);
		buf_reset(&im->batch);
	}
	return r != FB_FATAL && *rc == EX_OK;
}

/* Every line (to say every bad one); false on a read error, a fatal
 * line, or when staging failed. */
static bool
read_lines(struct import *im, FILE *f, int *rc)
{
	struct lines *l = calloc(1, sizeof *l);
	struct kam_buf err;
	bool ok = true;

	if (l == NULL) {
		log_warn("%s: out of memory", im->name);
		*rc = EX_OSERR;
		return false;
	}
	l->f = f;
	while (ok && next_line(l)) {
		im->line++;
		ok = take_line(im, l, rc);
	}
	free(l);
	if (ferror(f)) {
		log_warn("%s: %s", im->name, strerror(errno));
		*rc = EX_IOERR;
		return false;
	}
	buf_init(&err);
	if (ok && im->format_known &&
	    fbfile_end(&im->file, &im->row, &err) == FB_BAD)
		bad_line(im, im->row.line, err.data);
	buf_free(&err);
	return ok;
}

static void
say(const struct import *im, const char *source, bool dry_run,
    const struct fbimport_summary *s)
{
	printf("%s %ld of %ld row%s from %s as %s: %ld new, %ld imported "
	    "before", dry_run ? "would import" : "imported", s->added, s->rows,
	    s->rows == 1 ? "" : "s", im->name, source, s->added, s->already);
	if (s->unmatched > 0)
		printf(", %ld without an account", s->unmatched);
	if (s->refused > 0)
		printf(", %ld not yours to write", s->refused);
	if (s->rows - s->added - s->already - s->unmatched - s->refused > 0)
		printf(", %ld imported meanwhile by someone else",
		    s->rows - s->added - s->already - s->unmatched - s->refused);
	printf("\n");
}

static int
import_stream(struct import *im, FILE *f, const char *source, bool dry_run)
{
	struct fbimport_summary s;
	int rc = EX_OK;

	if (!read_lines(im, f, &rc) && rc != EX_OK)
		return rc;
	if (im->reported > MAX_REPORTED)
		log_raw("... and %ld more\n", im->reported - MAX_REPORTED);
	if (im->bad > 0) {
		log_warn("nothing imported: %ld bad line%s", im->bad,
		    im->bad == 1 ? "" : "s");
		return EX_DATAERR;
	}
	if (!im->format_known || (im->file.format == FB_CSV &&
	    !im->file.have_header)) {
		log_raw("%s: empty: no header line or object\n", im->name);
		return EX_DATAERR;
	}
	if ((rc = fbimport_stage(im->db, im->batch.data, im->batch.len))
	    != EX_OK || (rc = fbimport_finish(im->db, source, dry_run, report, im,
	    &s)) != EX_OK) {
		if (rc == EX_DATAERR)
			log_warn("nothing imported: an id twice in the file");
		return rc;
	}
	if (im->reported > MAX_REPORTED)
		log_raw("... and %ld more rows not imported\n",
		    im->reported - MAX_REPORTED);
	say(im, source, dry_run, &s);
	return s.unmatched > 0 ? EX_NOUSER : s.refused > 0 ? EX_NOPERM : EX_OK;
}

/* A source is a short name without control characters (kam.interaction's
 * check says the same). */
static bool
source_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 40)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

int
cli_import_feedback(const struct kam_opts *o, const struct kam_conf *c)
{
	struct import im = { .name = o->args[0] };
	FILE *f;
	int rc;

	if (!source_ok(o->source))
		return cli_usage_error("--source: a name of 1 to 40 characters");
	if ((f = cli_open_input(o->args[0])) == NULL)
		return errno == ENOENT ? EX_NOINPUT : EX_IOERR;
	if (f == stdin)
		im.name = "(stdin)";
	fb_row_init(&im.row);
	buf_init(&im.batch);
	if ((im.db = cli_connect(c, &rc)) != NULL) {
		if ((rc = fbimport_begin(im.db)) == EX_OK &&
		    (rc = import_stream(&im, f, o->source, o->dry_run)) != EX_OK &&
		    rc != EX_NOUSER && rc != EX_NOPERM)
			fbimport_abort(im.db);
		db_close(im.db);
	}
	if (im.format_known)
		fbfile_free(&im.file);
	buf_free(&im.batch);
	fb_row_free(&im.row);
	if (f != stdin)
		fclose(f);
	return rc;
}
