/* kam --export ENTITY: streams an entity to stdout or, atomically, to a
 * file, in CSV, TSV, JSON or JSON Lines. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/date.h"
#include "kam/export.h"
#include "kam/format.h"
#include "kam/log.h"
#include "kam/outfile.h"
#include "kam/utf8.h"
#include "kam/user.h"
#include "kam/xalloc.h"

struct sink {
	FILE			*fp;
	struct format		 fmt;
	struct copy_field	*fields;	/* one row, split */
	struct kam_buf		 line;		/* one row, formatted */
	bool			 header;	/* CSV/TSV header wanted */
	bool			 started;	/* header or "[" written */
	unsigned long		 rows;
	bool			 terminal;	/* a person reads: controls shown */
	struct kam_buf		 shown;		/* one row, as shown there */
	bool			 broken_pipe;	/* the reader went away: fine */
	bool			 bad_row;	/* a row not in COPY's format */
	int			 error;		/* errno of a failed write */
};

/* On a terminal, data shows as the client shows it: controls and bidi
 * overrides made visible by the one sanitiser (stored escape sequences
 * would otherwise drive the reader's terminal). Line breaks and tabs
 * still lay the rows out. */
static void
show_safely(struct kam_buf *out, const char *data, size_t len)
{
	size_t run;

	buf_reset(out);
	while (len > 0) {
		for (run = 0; run < len && data[run] != '\n' && data[run] != '\t';
		    run++)
			;
		utf8_sanitize(out, data, run);
		if (run < len)
			buf_addc(out, data[run++]);
		data += run;
		len -= run;
	}
}

static bool
sink_write(struct sink *s, const char *data, size_t len)
{
	if (s->terminal) {
		show_safely(&s->shown, data, len);
		data = s->shown.data;
		len = s->shown.len;
	}
	if (fwrite(data, 1, len, s->fp) == len)
		return true;
	if (errno == EPIPE) {
		s->broken_pipe = true;
		clearerr(s->fp);	/* an end, not an error */
	} else
		s->error = errno ? errno : EIO;
	return false;
}

/* What comes before the first row. Written only once the database has
 * accepted the query, so a failing export leaves stdout empty. */
static bool
sink_start(struct sink *s)
{
	if (s->started)
		return true;
	s->started = true;
	buf_reset(&s->line);
	if (s->fmt.kind == EXPORT_JSON)
		buf_adds(&s->line, "[\n");
	else if (s->header)
		format_header(&s->fmt, &s->line);
	return sink_write(s, s->line.data, s->line.len);
}

static bool
sink_row(void *ctx, char *data, size_t len)
{
	struct sink *s = ctx;

	if (!sink_start(s))
		return false;
	if (copytext_split(data, len, s->fields, s->fmt.ncolumns) !=
	    s->fmt.ncolumns) {
		log_warn("the database sent a row of more than %zu columns",
		    s->fmt.ncolumns);
		s->bad_row = true;
		return false;
	}
	buf_reset(&s->line);
	if (s->fmt.kind == EXPORT_JSON && s->rows > 0)
		buf_adds(&s->line, ",\n");
	format_row(&s->fmt, s->fields, &s->line);
	if (s->fmt.kind == EXPORT_JSONL)
		buf_addc(&s->line, '\n');
	s->rows++;
	return sink_write(s, s->line.data, s->line.len);
}

static bool
parse_format(const char *name, enum export_format *f)
{
	static const char *names[] = { "csv", "tsv", "json", "jsonl" };

	for (size_t i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0)
			return *f = (enum export_format)i, true;
	return false;
}

static const struct export_column *
column_find(const struct export_entity *e, const char *name, size_t len)
{
	for (size_t i = 0; i < e->ncolumns; i++)
		if (strlen(e->columns[i].name) == len &&
		    strncmp(e->columns[i].name, name, len) == 0)
			return &e->columns[i];
	return NULL;
}

static int
unknown_column(const struct export_entity *e, const char *name, size_t len)
{
	struct kam_buf all;
	int rc;

	buf_init(&all);
	for (size_t i = 0; i < e->ncolumns; i++)
		buf_addf(&all, "%s%s", i ? ", " : "", e->columns[i].name);
	rc = cli_usage_error("%s has no column '%.*s' (columns: %s)", e->name,
	    (int)len, name, all.data);
	buf_free(&all);
	return rc;
}

/* --columns a,b,c, or every column of the entity. */
static int
choose_columns(const struct kam_opts *o, struct export_request *r)
{
	const struct export_entity *e = r->entity;
	const char *p = o->columns, *end;

	r->columns = xcalloc(e->ncolumns + 64, sizeof *r->columns);
	if (p == NULL) {
		for (size_t i = 0; i < e->ncolumns; i++)
			r->columns[r->ncolumns++] = &e->columns[i];
		return EX_OK;
	}
	for (; r->ncolumns < e->ncolumns + 64; p = end + 1) {
		end = p + strcspn(p, ",");
		if (!(r->columns[r->ncolumns++] = column_find(e, p, (size_t)(end - p))))
			return unknown_column(e, p, (size_t)(end - p));
		if (*end == '\0')
			return EX_OK;
	}
	return cli_usage_error("too many columns");
}

int
cli_date_flag(const char *flag, const char *text, char out[DATE_STRLEN])
{
	struct kam_date today = date_today(), d;

	if (text == NULL)
		return EX_OK;
	if (!date_parse(text, &today, &d))
		return cli_usage_error("%s: '%s' is not a date (YYYY-MM-DD, today, "
		    "-30d, +2w, -1m, -1y)", flag, text);
	date_format(d, out);
	return EX_OK;
}

static int
check_filters(const struct kam_opts *o, struct export_request *r,
    char since[DATE_STRLEN], char until[DATE_STRLEN])
{
	static const char *tiers[] = { "strategic", "key", "standard" };
	bool validity = r->entity->flags & EXPORT_VALIDITY;
	char *end;
	int rc;

	if (o->tier && strcmp(o->tier, tiers[0]) && strcmp(o->tier, tiers[1]) &&
	    strcmp(o->tier, tiers[2]))
		return cli_usage_error("--tier is strategic, key or standard");
	if ((o->active || o->expiring) && !validity)
		return cli_usage_error("--active and --expiring-within apply to "
		    "conditions and service-levels only");
	if (o->expiring && (strtol(o->expiring, &end, 10) < 0 || *end ||
	    !*o->expiring || strlen(o->expiring) > 5))
		return cli_usage_error("--expiring-within takes a number of days");
	if ((rc = cli_date_flag("--since", o->since, since)) != EX_OK ||
	    (rc = cli_date_flag("--until", o->until, until)) != EX_OK)
		return rc;
	/* ISO dates order as text */
	if (o->since && o->until && strcmp(since, until) > 0)
		return cli_usage_error("--since %s is after --until %s: no day "
		    "lies between", since, until);
	r->filter = (struct export_filter){
		.owner = o->owner, .team = o->team, .tier = o->tier,
		.since = o->since ? since : NULL, .until = o->until ? until : NULL,
		.active = o->active, .expiring_within = o->expiring,
	};
	return EX_OK;
}

int
cli_export_request(const struct kam_opts *o, struct export_request *r,
    char since[DATE_STRLEN], char until[DATE_STRLEN])
{
	size_t n;
	int rc;

	memset(r, 0, sizeof *r);
	if ((r->entity = export_entity_find(o->export)) == NULL) {
		struct kam_buf all;
		const struct export_entity *e = export_entities(&n);

		buf_init(&all);
		for (size_t i = 0; i < n; i++)
			buf_addf(&all, "%s%s", i ? ", " : "", e[i].name);
		rc = cli_usage_error("cannot export '%s' (one of: %s)", o->export,
		    all.data);
		buf_free(&all);
		return rc;
	}
	if (o->format && !parse_format(o->format, &r->format))
		return cli_usage_error("--format for exports is csv, tsv, json or jsonl");
	r->raw = o->raw;
	if ((rc = choose_columns(o, r)) != EX_OK)
		return rc;
	return check_filters(o, r, since, until);
}

static int
stream(struct kam_db *db, const struct kam_opts *o,
    const struct export_request *r, struct sink *s)
{
	bool json = r->format == EXPORT_JSON;
	int rc;

	s->header = (r->format == EXPORT_CSV || r->format == EXPORT_TSV) &&
	    !o->no_header;
	rc = export_run(db, r, sink_row, s);
	if (rc == EX_OK && !s->bad_row && sink_start(s) && json)
		sink_write(s, s->rows ? "\n]\n" : "]\n", s->rows ? 3 : 2);
	if (rc == EX_OK && !s->broken_pipe && !s->error && fflush(s->fp) != 0) {
		if (errno == EPIPE) {
			s->broken_pipe = true;
			clearerr(s->fp);
		} else
			s->error = errno;
	}
	return rc;
}

static int
run_export(struct kam_db *db, const struct kam_opts *o, struct export_request *r)
{
	struct sink s = {
		.fp = stdout,
		.fmt = { .kind = r->format, .raw = r->raw, .columns = r->columns,
		    .ncolumns = r->ncolumns },
		.fields = xcalloc(r->ncolumns, sizeof *s.fields),
	};
	struct outfile out = { 0 };
	struct kam_buf err;
	int rc;

	buf_init(&err);
	buf_init(&s.line);
	buf_init(&s.shown);
	if (o->output != NULL) {
		if (!outfile_open(&out, o->output, &err)) {
			log_warn("%s", err.data);
			rc = EX_CANTCREAT;
			goto out;
		}
		s.fp = out.fp;
	}
	s.terminal = isatty(fileno(s.fp));
	setvbuf(s.fp, NULL, _IOFBF, 1 << 16);
	rc = stream(db, o, r, &s);
	if (rc == EX_OK && s.bad_row)
		rc = EX_PROTOCOL;
	else if (rc == EX_OK && s.error) {
		log_warn("cannot write %s: %s", o->output ? o->output : "output",
		    strerror(s.error));
		rc = EX_IOERR;
	}
	if (o->output != NULL) {
		if (rc != EX_OK)
			outfile_abort(&out);
		else if (!outfile_commit(&out, &err)) {
			log_warn("%s", err.data);
			rc = EX_IOERR;
		}
	}
out:
	buf_free(&err);
	buf_free(&s.line);
	buf_free(&s.shown);
	free(s.fields);
	return rc;
}

/* An owner or team that does not exist is a typo, not an empty result. */
static int
check_names(struct kam_db *db, const struct export_filter *f)
{
	bool yes = true;
	int rc;

	if (f->owner && (rc = user_exists(db, f->owner, &yes)) != EX_OK)
		return rc;
	if (!yes) {
		log_warn("--owner: there is no user '%s' (kam --db status lists "
		    "who you are; managers are named by login)", f->owner);
		return EX_NOINPUT;
	}
	if (f->team && (rc = user_team_exists(db, f->team, &yes)) != EX_OK)
		return rc;
	if (!yes) {
		log_warn("--team: there is no team '%s'", f->team);
		return EX_NOINPUT;
	}
	return EX_OK;
}

int
cmd_export(const struct kam_opts *o, const struct kam_conf *c)
{
	return cli_export_each(o, c, NULL, NULL);
}

int
cli_export_each(const struct kam_opts *o, const struct kam_conf *c,
    db_copy_sink sink, void *ctx)
{
	char since[DATE_STRLEN], until[DATE_STRLEN];
	struct export_request r;
	struct kam_db *db;
	char *account = NULL;
	int rc;

	if ((rc = cli_export_request(o, &r, since, until)) != EX_OK)
		goto out;
	/* a reader that goes away (| head) ends the export quietly */
	signal(SIGPIPE, SIG_IGN);
	if ((db = cli_connect(c, &rc)) == NULL)
		goto out;
	if ((rc = check_names(db, &r.filter)) != EX_OK ||
	    (o->account != NULL &&
	    (account = cli_resolve_account(db, o->account, &rc)) == NULL)) {
		db_close(db);
		goto out;
	}
	r.filter.account_id = account;
	rc = sink != NULL ? export_run(db, &r, sink, ctx) : run_export(db, o, &r);
	db_close(db);
out:
	free(account);
	free(r.columns);
	return rc;
}
