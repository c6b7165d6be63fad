/* kam --announce TOPIC --since D [--team T] --message FILE|- [--dry-run]
 * [-o CONTACTS.csv]: one message to every customer who raised a topic
 * (kam.voc_announce, 0047_voc_announce_measures.sql), the contacts told
 * as CSV for a mail merge, the items not the user's to answer on
 * stderr. The CSV is complete before the database commits, so answered
 * items never go without their list of contacts. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/log.h"
#include "kam/outfile.h"
#include "kam/utf8.h"
#include "kam/voc.h"

/* The message, whole, valid UTF-8 and not blank, without the white space
 * it ends with; NULL after saying why. */
static char *
read_message(const char *path, int *rc)
{
	struct kam_buf b;
	FILE *f;
	char chunk[4096];
	size_t n;

	if ((f = cli_open_input(path)) == NULL) {
		*rc = errno == ENOENT ? EX_NOINPUT : EX_IOERR;
		return NULL;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= VOC_MESSAGE_MAX)
		buf_add(&b, chunk, n);
	*rc = ferror(f) ? EX_IOERR : b.len > VOC_MESSAGE_MAX || memchr(b.data, '\0',
	    b.len) || !utf8_valid(b.data, b.len) ||
	    b.data[strspn(b.data, " \t\r\n")] == '\0' ? EX_DATAERR : EX_OK;
	if (f != stdin)
		fclose(f);
	if (*rc == EX_IOERR)
		log_warn("cannot read %s: %s", path, strerror(errno));
	else if (*rc == EX_DATAERR)
		log_warn("%s: the message is to be text (UTF-8, at most %d KiB), "
		    "not empty", path, VOC_MESSAGE_MAX / 1024);
	if (*rc != EX_OK) {
		buf_free(&b);
		return NULL;
	}
	/* a file's last line break is not part of what is said */
	while (b.len > 0 && strchr(" \t\r\n", b.data[b.len - 1]) != NULL)
		b.data[--b.len] = '\0';
	return b.data;
}

/* What was done, and what was not, on stderr. */
static void
report(const struct voc_rows *r, bool dry_run)
{
	struct voc_told n;

	voc_announce_count(r, &n);
	fprintf(stderr, "kam: %s %ld item%s on %ld account%s (%ld contact%s "
	    "with an e-mail address)\n", dry_run ? "would answer" : "answered",
	    n.items, n.items == 1 ? "" : "s", n.accounts,
	    n.accounts == 1 ? "" : "s", n.contacts, n.contacts == 1 ? "" : "s");
	if (n.untouched == 0)
		return;
	fprintf(stderr, "kam: %ld item%s not yours to answer, left alone:\n",
	    n.untouched, n.untouched == 1 ? "" : "s");
	for (size_t i = 0; i < r->nrows; i++) {
		struct kam_buf line;

		if (strcmp(voc_get(r, i, VA_PART), "untouched") != 0)
			continue;
		buf_init(&line);
		utf8_sanitize(&line, voc_get(r, i, VA_ACCOUNT),
		    strlen(voc_get(r, i, VA_ACCOUNT)));
		buf_adds(&line, ": ");
		utf8_sanitize(&line, voc_get(r, i, VA_SUBJECT),
		    strlen(voc_get(r, i, VA_SUBJECT)));
		fprintf(stderr, "  %s\n", line.data);
		buf_free(&line);
	}
}

static int
check(const struct kam_opts *o)
{
	if (o->nargs > 0)
		return cli_usage_error("unexpected argument '%s'", o->args[0]);
	if (o->announce[strspn(o->announce, " \t")] == '\0')
		return cli_usage_error("--announce needs a topic");
	if (o->since == NULL)
		return cli_usage_error("--announce needs --since: since when the "
		    "topic was raised");
	if (o->message == NULL && !o->dry_run)
		return cli_usage_error("--announce needs --message FILE (- for "
		    "standard input)");
	if (o->dry_run && o->output != NULL)
		return cli_usage_error("--dry-run writes nothing: it prints who "
		    "would be told");
	if (o->format != NULL && strcmp(o->format, "csv") != 0)
		return cli_usage_error("--announce writes its contacts as csv");
	if (o->team != NULL && o->team[strspn(o->team, " \t")] == '\0')
		return cli_usage_error("--team needs a team's name");
	return EX_OK;
}

/* Runs the announcement in a transaction of its own that commits only
 * once the contacts are written (and, for -o, synced). */
static int
announce(struct kam_db *db, const struct kam_opts *o,
    const struct voc_scope *s, const char *message)
{
	struct outfile out = { 0 };
	struct kam_buf err;
	struct voc_rows r;
	int rc;

	buf_init(&err);
	if (o->output != NULL && !outfile_open(&out, o->output, &err)) {
		log_warn("%s", err.data);
		buf_free(&err);
		return EX_CANTCREAT;
	}
	if (db_command(db, "BEGIN", 0, NULL) < 0) {
		log_warn("%s", db_error(db));
		rc = db_error_code(db);
	} else if ((rc = voc_announce(db, s, o->announce, message, false,
	    &r)) == EX_OK) {
		rc = voc_contacts_write(out.fp ? out.fp : stdout, &r, o->raw);
		if (rc != EX_OK)
			log_warn("cannot write %s: %s; nothing was answered",
			    o->output ? o->output : "the contacts", strerror(errno));
		else if (db_command(db, "COMMIT", 0, NULL) < 0) {
			log_warn("%s; nothing was answered", db_error(db));
			rc = db_error_code(db);
		} else
			report(&r, false);
		voc_rows_free(&r);
	}
	if (rc != EX_OK)
		db_command(db, "ROLLBACK", 0, NULL);
	if (o->output != NULL) {
		if (rc != EX_OK)
			outfile_abort(&out);
		else if (!outfile_commit(&out, &err)) {
			log_warn("%s (the items are answered: kam -e feedback "
			    "lists them with their answer)", err.data);
			rc = EX_IOERR;
		}
	}
	buf_free(&err);
	return rc;
}

static int
dry_run(struct kam_db *db, const struct kam_opts *o, const struct voc_scope *s)
{
	struct voc_rows r;
	int rc;

	if ((rc = voc_announce(db, s, o->announce, NULL, true, &r)) != EX_OK)
		return rc;
	if ((rc = voc_contacts_write(stdout, &r, o->raw)) == EX_OK)
		report(&r, true);
	voc_rows_free(&r);
	return rc;
}

int
cmd_announce(const struct kam_opts *o, const struct kam_conf *c)
{
	char since[DATE_STRLEN];
	struct voc_scope s = { .since = since, .team = o->team };
	struct kam_db *db;
	char *message = NULL;
	int rc;

	if ((rc = check(o)) != EX_OK ||
	    (rc = cli_date_flag("--since", o->since, since)) != EX_OK)
		return rc;
	if (o->message != NULL && (message = read_message(o->message, &rc)) == NULL)
		return rc;
	if ((db = cli_connect(c, &rc)) != NULL) {
		rc = o->dry_run ? dry_run(db, o, &s) : announce(db, o, &s, message);
		db_close(db);
	}
	free(message);
	return rc;
}
