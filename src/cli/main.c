#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/conf.h"
#include "kam/log.h"
#include "kam/tui.h"

enum {
	OPT_THEME = 256, OPT_DB, OPT_KIND, OPT_TEAM, OPT_NAME, OPT_EMAIL,
	OPT_SLA, OPT_ACCOUNT, OPT_OWNER, OPT_TIER, OPT_SINCE, OPT_UNTIL,
	OPT_ACTIVE, OPT_EXPIRING, OPT_COLUMNS, OPT_NO_HEADER, OPT_RAW,
	OPT_SYNC, OPT_RESOURCE, OPT_FULL, OPT_DRY_RUN, OPT_FORCE, OPT_STATUS,
	OPT_TRACE, OPT_HELP_KEYS, OPT_PROGRESS_FD, OPT_ADOPT, OPT_IMPORT,
	OPT_OPEN_NOW, OPT_BRIEF, OPT_DUE, OPT_QUALITY, OPT_DUPLICATES, OPT_VOC, OPT_QUEUE, OPT_CALENDAR,
	OPT_WATCH,
	OPT_ANNOUNCE, OPT_MESSAGE, OPT_SOURCE, OPT_REPORT,
	OPT_MERGE, OPT_MERGE_CONTACT, OPT_UNMERGE
};

static const struct option long_options[] = {
	{ "account",	required_argument, NULL, OPT_ACCOUNT },
	{ "active",	no_argument,       NULL, OPT_ACTIVE },
	{ "adopt",	no_argument,       NULL, OPT_ADOPT },
	{ "announce",	required_argument, NULL, OPT_ANNOUNCE },
	{ "brief",	required_argument, NULL, OPT_BRIEF },
	{ "calendar",	required_argument, NULL, OPT_CALENDAR },
	{ "columns",	required_argument, NULL, OPT_COLUMNS },
	{ "config",	required_argument, NULL, 'c' },
	{ "database",	required_argument, NULL, 'd' },
	{ "db",		required_argument, NULL, OPT_DB },
	{ "due",	no_argument,       NULL, OPT_DUE },
	{ "dry-run",	no_argument,       NULL, OPT_DRY_RUN },
	{ "email",	required_argument, NULL, OPT_EMAIL },
	{ "expiring-within", required_argument, NULL, OPT_EXPIRING },
	{ "export",	required_argument, NULL, 'e' },
	{ "force",	no_argument,       NULL, OPT_FORCE },
	{ "format",	required_argument, NULL, 'f' },
	{ "full",	no_argument,       NULL, OPT_FULL },
	{ "help",	no_argument,       NULL, 'h' },
	{ "help-keys",	no_argument,       NULL, OPT_HELP_KEYS },
	{ "import",	required_argument, NULL, OPT_IMPORT },
	{ "kind",	required_argument, NULL, OPT_KIND },
	{ "merge",	no_argument,       NULL, OPT_MERGE },
	{ "merge-contact", no_argument,    NULL, OPT_MERGE_CONTACT },
	{ "message",	required_argument, NULL, OPT_MESSAGE },
	{ "name",	required_argument, NULL, OPT_NAME },
	{ "no-header",	no_argument,       NULL, OPT_NO_HEADER },
	{ "open-now",	required_argument, NULL, OPT_OPEN_NOW },
	{ "output",	required_argument, NULL, 'o' },
	{ "owner",	required_argument, NULL, OPT_OWNER },
	{ "progress-fd", required_argument, NULL, OPT_PROGRESS_FD },
	{ "quality",	no_argument,       NULL, OPT_QUALITY },
	{ "duplicates",	no_argument,       NULL, OPT_DUPLICATES },
	{ "queue",	no_argument,       NULL, OPT_QUEUE },
	{ "raw",	no_argument,       NULL, OPT_RAW },
	{ "report",	required_argument, NULL, OPT_REPORT },
	{ "resource",	required_argument, NULL, OPT_RESOURCE },
	{ "since",	required_argument, NULL, OPT_SINCE },
	/* optional: "kam --sla --open-now NAME" as well as "kam --sla NAME" */
	{ "sla",	optional_argument, NULL, OPT_SLA },
	{ "source",	required_argument, NULL, OPT_SOURCE },
	{ "status",	no_argument,       NULL, OPT_STATUS },
	{ "sync",	no_argument,       NULL, OPT_SYNC },
	{ "team",	required_argument, NULL, OPT_TEAM },
	{ "theme",	required_argument, NULL, OPT_THEME },
	{ "tier",	required_argument, NULL, OPT_TIER },
	{ "trace",	required_argument, NULL, OPT_TRACE },
	{ "unmerge",	required_argument, NULL, OPT_UNMERGE },
	{ "until",	required_argument, NULL, OPT_UNTIL },
	{ "verbose",	no_argument,       NULL, 'v' },
	{ "version",	no_argument,       NULL, 'V' },
	{ "voc",	no_argument,       NULL, OPT_VOC },
	{ "watch",	no_argument,       NULL, OPT_WATCH },
	{ NULL, 0, NULL, 0 }
};

/* Reports a bad option ourselves: getopt's own message would echo the
 * argument raw, escape sequences included. */
static int
bad_option(char **argv, int c)
{
	if (c == ':')
		return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
	return cli_usage_error("unknown option '%s'", argv[optind - 1]);
}

/* Options that take a value, and where each goes. */
static const char **
value_slot(struct kam_opts *o, int c)
{
	switch (c) {
	case 'c': return &o->config;
	case 'd': return &o->database;
	case 'e': return &o->export;
	case 'f': return &o->format;
	case 'o': return &o->output;
	case OPT_THEME: return &o->theme;
	case OPT_DB: return &o->db_action;
	case OPT_IMPORT: return &o->import;
	case OPT_CALENDAR: return &o->calendar;
	case OPT_SOURCE: return &o->source;
	case OPT_KIND: return &o->kind;
	case OPT_TEAM: return &o->team;
	case OPT_NAME: return &o->name;
	case OPT_EMAIL: return &o->email;
	case OPT_OPEN_NOW: return &o->open_now;
	case OPT_BRIEF: return &o->brief;
	case OPT_REPORT: return &o->report;
	case OPT_ACCOUNT: return &o->account;
	case OPT_OWNER: return &o->owner;
	case OPT_TIER: return &o->tier;
	case OPT_SINCE: return &o->since;
	case OPT_UNTIL: return &o->until;
	case OPT_EXPIRING: return &o->expiring;
	case OPT_COLUMNS: return &o->columns;
	case OPT_RESOURCE: return &o->resource;
	case OPT_TRACE: return &o->trace;
	case OPT_PROGRESS_FD: return &o->progress_fd;
	case OPT_ANNOUNCE: return &o->announce;
	case OPT_MESSAGE: return &o->message;
	case OPT_UNMERGE: return &o->unmerge;
	default: return NULL;
	}
}

/* --sla's account: its own value (--sla=NAME), --open-now's, or the
 * first operand (--sla NAME, which getopt hands over as an operand since
 * the value is optional). Returns -1 to go on, or EX_USAGE. */
static int
sla_account(struct kam_opts *o, bool bare)
{
	if (o->open_now != NULL) {
		if (o->sla == NULL || !bare)
			return cli_usage_error("--open-now goes with --sla: "
			    "kam --sla --open-now ACCOUNT");
		o->sla = o->open_now;
	} else if (bare && o->nargs > 0) {
		o->sla = o->args[0];
		o->args++;
		o->nargs--;
	}
	return -1;
}

/* Returns -1 to go on, or the exit code to stop with. */
static int
parse_options(int argc, char **argv, struct kam_opts *o)
{
	const char **slot;
	bool sla_bare = false;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:d:e:f:o:hvV", long_options,
	    NULL)) != -1) {
		if ((slot = value_slot(o, c)) != NULL) {
			*slot = optarg;
			continue;
		}
		switch (c) {
		case 'h': cli_usage(); return EX_OK;
		case 'v': log_set_verbose(log_verbose_level() + 1); break;
		case 'V': cli_version(); return EX_OK;
		case OPT_HELP_KEYS: tui_keys_mdoc(stdout); return EX_OK;
		case OPT_ACTIVE: o->active = true; break;
		case OPT_ADOPT: o->adopt = true; break;
		case OPT_NO_HEADER: o->no_header = true; break;
		case OPT_RAW: o->raw = true; break;
		case OPT_SYNC: o->sync = true; break;
		case OPT_DUE: o->due = true; break;
		case OPT_QUALITY: o->quality = true; break;
		case OPT_DUPLICATES: o->duplicates = true; break;
		case OPT_MERGE: o->merge = true; break;
		case OPT_MERGE_CONTACT: o->merge_contact = true; break;
		case OPT_QUEUE: o->queue = true; break;
		case OPT_FULL: o->full = true; break;
		case OPT_DRY_RUN: o->dry_run = true; break;
		case OPT_FORCE: o->force = true; break;
		case OPT_STATUS: o->sync_status = true; break;
		case OPT_SLA: o->sla = optarg ? optarg : ""; sla_bare = !optarg; break;
		case OPT_VOC: o->voc = true; break;
		case OPT_WATCH: o->watch = true; break;
		default: return bad_option(argv, c);
		}
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	return sla_account(o, sla_bare);
}

static bool
conf_load_all(struct kam_conf *c, const struct kam_opts *o,
    struct kam_buf *err)
{
	const char *path = o->config ? o->config : getenv("KAM_CONFIG");
	char *def = NULL;
	bool ok;

	if (path != NULL && *path != '\0')
		ok = conf_load_file(c, path, true, err);
	else {
		def = conf_default_path();
		ok = def == NULL || conf_load_file(c, def, false, err);
		free(def);
	}
	if (ok)
		ok = conf_load_env(c, err);
	if (ok && o->database != NULL)
		ok = conf_set(c, "database.conninfo", o->database, err);
	if (ok && o->theme != NULL)
		ok = conf_set(c, "ui.theme", o->theme, err);
	return ok;
}

/* Nothing to look up: an empty name would match every account. */
static bool
blank(const char *s)
{
	return s != NULL && s[strspn(s, " \t")] == '\0';
}

static int
run(const struct kam_opts *o, const struct kam_conf *c)
{
	if (blank(o->sla) || blank(o->account) || blank(o->brief))
		return cli_usage_error("%s needs an account: an id, ERP id or name",
		    blank(o->sla) ? "--sla" : blank(o->brief) ? "--brief" :
		    "--account");
	if ((o->db_action != NULL) + (o->export != NULL) + (o->sla != NULL) +
	    (o->import != NULL) + (o->brief != NULL) + o->sync + o->due +
	    o->quality + o->duplicates + o->voc + o->queue +
	    (o->announce != NULL) + (o->report != NULL) + o->merge +
	    o->merge_contact + (o->unmerge != NULL) > 1)
		return cli_usage_error("--announce, --brief, --db, --due, --duplicates, "
		    "--export, --import, --merge, --merge-contact, --quality, --queue, "
		    "--report, --sla, --sync, --unmerge and --voc go one at a time");
	if (!o->sync && (o->resource || o->full || o->force ||
	    o->sync_status || o->progress_fd))
		return cli_usage_error("--resource, --full, --force, "
		    "--status and --progress-fd go with --sync");
	if (o->merge || o->merge_contact || o->unmerge != NULL)
		return cmd_merge(o, c);
	if (o->dry_run && !o->sync && o->import == NULL && o->announce == NULL)
		return cli_usage_error("--dry-run goes with --sync, --import, "
		    "--announce, --merge or --merge-contact");
	if (o->message != NULL && o->announce == NULL)
		return cli_usage_error("--message goes with --announce");
	if (o->calendar != NULL && o->import == NULL)
		return cli_usage_error("--calendar goes with --import holidays");
	if (o->source != NULL && o->import == NULL)
		return cli_usage_error("--source goes with --import feedback");
	if (o->watch && !o->voc)
		return cli_usage_error("--watch goes with --voc");
	if (o->import != NULL)
		return cmd_import(o, c);
	if (o->adopt && (o->db_action == NULL ||
	    strcmp(o->db_action, "add-user") != 0))
		return cli_usage_error("--adopt goes with --db add-user");
	if (o->sync)
		return cmd_sync(o, c);
	if (o->voc)
		return cmd_voc(o, c);
	if (o->announce != NULL)
		return cmd_announce(o, c);
	if (o->export != NULL || o->sla != NULL || o->due || o->quality ||
	    o->duplicates || o->queue || o->brief != NULL || o->report != NULL) {
		if (o->nargs > 0)
			return cli_usage_error("unexpected argument '%s'", o->args[0]);
		if (o->brief != NULL)
			return cmd_brief(o, c);
		if (o->quality)
			return cmd_quality(o, c);
		if (o->duplicates)
			return cmd_duplicates(o, c);
		if (o->report != NULL)
			return cmd_report(o, c);
		if (o->queue)
			return cmd_queue(o, c);
		return o->export ? cmd_export(o, c) : o->sla ? cmd_sla(o, c) :
		    cmd_due(o, c);
	}
	if (o->db_action != NULL)
		return cmd_db(o, c);
	if (o->nargs > 0)
		return cli_usage_error("unexpected argument '%s'", o->args[0]);
	/* Without a terminal (a script, a pipe) plain "kam" reports where it
	 * is connected and how the schema stands. */
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return cmd_tui(o, c);
	return cmd_db(&(struct kam_opts){ .db_action = "status" }, c);
}

/* Every command's data went out, or kam says it did not: a full disk or
 * a device that fails is exit 74, whatever printed it. A reader that went
 * away (EPIPE) is not an error. */
static int
output_checked(int rc)
{
	int err = 0;

	if (fflush(stdout) != 0)
		err = errno;
	else if (ferror(stdout))
		err = -1;	/* an earlier flush failed, and took its reason along */
	/* a command that failed has said why already */
	if (err == 0 || err == EPIPE || rc != EX_OK)
		return rc;
	if (err < 0)
		log_warn("cannot write standard output");
	else
		log_warn("cannot write standard output: %s", strerror(err));
	return EX_IOERR;
}

/* A write that fails empties stdio's buffer, and only the flush that
 * failed knew why (a full disk, a failing device); so output to a file or
 * pipe goes out in blocks of 64 KiB, and every command whose output fits
 * one has its reason told by output_checked (kam --db status outgrew the
 * 4 KiB of a device's block and was told "Input/output error" for a full
 * disk). A terminal keeps its lines. */
static void
output_blocks(void)
{
	static char block[64 * 1024];

	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, block, _IOFBF, sizeof block);
}

int
main(int argc, char **argv)
{
	struct kam_opts o = { 0 };
	struct kam_conf c;
	struct kam_buf err;
	int rc;

	/* LC_CTYPE only: LC_NUMERIC must stay "C" so numbers keep their dot. */
	setlocale(LC_CTYPE, "");
	output_blocks();
	if ((rc = parse_options(argc, argv, &o)) >= 0)
		return output_checked(rc);
	conf_init(&c);
	buf_init(&err);
	if (!conf_load_all(&c, &o, &err)) {
		log_raw("%s", err.data);
		rc = EX_CONFIG;
	} else
		rc = run(&o, &c);
	buf_free(&err);
	conf_free(&c);
	return output_checked(rc);
}
