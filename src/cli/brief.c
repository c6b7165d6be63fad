/* kam --brief ACCOUNT: the annual-talk brief as Markdown, HTML, PDF or
 * the groff input of the PDF (ms: to change the layout, or to time groff),
 * on stdout or, by the output rules of every export (kam/outfile.h), in
 * a file. The PDF is groff's: kam writes -ms input and runs groff on it
 * without a shell. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "kam/brief.h"
#include "kam/cli.h"
#include "kam/log.h"
#include "kam/outfile.h"
#include "kam/spawn.h"

enum brief_format { BRIEF_MD, BRIEF_HTML, BRIEF_MS, BRIEF_PDF };

/* groff(1): -ms the macros, preconv told the input is UTF-8 (whatever
 * the locale), A4 for the device and for the macros' page length. */
static char *const groff_argv[] = {
	"groff", "-Kutf8", "-ms", "-Tpdf", "-dpaper=a4", "-P-pa4", NULL
};

static int
parse_format(const char *name, enum brief_format *f)
{
	if (name == NULL || strcmp(name, "md") == 0)
		*f = BRIEF_MD;
	else if (strcmp(name, "html") == 0)
		*f = BRIEF_HTML;
	else if (strcmp(name, "ms") == 0)
		*f = BRIEF_MS;
	else if (strcmp(name, "pdf") == 0)
		*f = BRIEF_PDF;
	else
		return cli_usage_error("--format for --brief is md, html, ms or pdf");
	return EX_OK;
}

/* The document into fp: as it is, or through groff. */
static int
put(FILE *fp, enum brief_format f, const struct kam_buf *doc)
{
	struct spawn_io io = { .in = doc->data, .in_len = doc->len };
	struct kam_buf err;
	bool missing;
	int rc = EX_OK;

	if (f != BRIEF_PDF) {
		if (fwrite(doc->data, 1, doc->len, fp) != doc->len ||
		    fflush(fp) != 0) {
			log_warn("cannot write the brief: %s", strerror(errno));
			return EX_IOERR;
		}
		return EX_OK;
	}
	if (fflush(fp) != 0)
		return EX_IOERR;
	io.out_fd = fileno(fp);
	buf_init(&err);
	if (!spawn_wait(groff_argv, &io, &err, &missing)) {
		log_warn("%s%s", err.data, missing ? " (install the Debian "
		    "package groff, or use -f md or -f html)" : "");
		rc = missing ? EX_UNAVAILABLE : EX_SOFTWARE;
	}
	buf_free(&err);
	return rc;
}

static int
write_out(const struct kam_opts *o, enum brief_format f,
    const struct kam_buf *doc)
{
	struct outfile out = { 0 };
	struct kam_buf err;
	int rc;

	if (o->output == NULL)
		return put(stdout, f, doc);
	buf_init(&err);
	if (!outfile_open(&out, o->output, &err)) {
		log_warn("%s", err.data);
		buf_free(&err);
		return EX_CANTCREAT;
	}
	if ((rc = put(out.fp, f, doc)) != EX_OK)
		outfile_abort(&out);
	else if (!outfile_commit(&out, &err)) {
		log_warn("%s", err.data);
		rc = EX_IOERR;
	}
	buf_free(&err);
	return rc;
}

int
cmd_brief(const struct kam_opts *o, const struct kam_conf *c)
{
	enum brief_format f = BRIEF_MD;
	struct kam_db *db;
	struct kam_buf doc;
	struct brief b;
	char *id;
	int rc;

	if ((rc = parse_format(o->format, &f)) != EX_OK)
		return rc;
	if (f == BRIEF_PDF && o->output == NULL && isatty(STDOUT_FILENO))
		return cli_usage_error("a PDF is no text for a terminal: "
		    "-o FILE, or redirect it");
	if ((db = cli_connect(c, &rc)) == NULL)
		return rc;
	if ((id = cli_resolve_account(db, o->brief, &rc)) != NULL &&
	    (rc = brief_load(db, id, &b)) == EX_OK) {
		buf_init(&doc);
		brief_write(&b, f == BRIEF_MD ? MARKUP_MD : f == BRIEF_HTML ?
		    MARKUP_HTML : MARKUP_ROFF, &doc);	/* ms and pdf: roff */
		brief_free(&b);
		rc = write_out(o, f, &doc);
		buf_free(&doc);
	}
	free(id);
	db_close(db);
	return rc;
}
