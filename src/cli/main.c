#include <getopt.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/conf.h"
#include "kam/log.h"

enum {
	OPT_THEME = 256, OPT_DB, OPT_KIND, OPT_TEAM, OPT_NAME, OPT_EMAIL
};

static const struct option long_options[] = {
	{ "config",	required_argument, NULL, 'c' },
	{ "database",	required_argument, NULL, 'd' },
	{ "db",		required_argument, NULL, OPT_DB },
	{ "email",	required_argument, NULL, OPT_EMAIL },
	{ "help",	no_argument,       NULL, 'h' },
	{ "kind",	required_argument, NULL, OPT_KIND },
	{ "name",	required_argument, NULL, OPT_NAME },
	{ "team",	required_argument, NULL, OPT_TEAM },
	{ "theme",	required_argument, NULL, OPT_THEME },
	{ "verbose",	no_argument,       NULL, 'v' },
	{ "version",	no_argument,       NULL, 'V' },
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

/* Returns -1 to go on, or the exit code to stop with. */
static int
parse_options(int argc, char **argv, struct kam_opts *o)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:d:hvV", long_options, NULL)) != -1) {
		switch (c) {
		case 'c': o->config = optarg; break;
		case 'd': o->database = optarg; break;
		case 'h': cli_usage(); return EX_OK;
		case 'v': log_set_verbose(log_verbose_level() + 1); break;
		case 'V': cli_version(); return EX_OK;
		case OPT_THEME: o->theme = optarg; break;
		case OPT_DB: o->db_action = optarg; break;
		case OPT_KIND: o->kind = optarg; break;
		case OPT_TEAM: o->team = optarg; break;
		case OPT_NAME: o->name = optarg; break;
		case OPT_EMAIL: o->email = optarg; break;
		default: return bad_option(argv, c);
		}
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	return -1;
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

static int
run(const struct kam_opts *o, const struct kam_conf *c)
{
	if (o->db_action != NULL)
		return cmd_db(o, c);
	/* Until the full-screen client exists, plain "kam" reports where it
	 * is connected and how the schema stands. */
	if (o->nargs > 0)
		return cli_usage_error("unexpected argument '%s'", o->args[0]);
	return cmd_db(&(struct kam_opts){ .db_action = "status" }, c);
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
	if ((rc = parse_options(argc, argv, &o)) >= 0)
		return rc;
	conf_init(&c);
	buf_init(&err);
	if (!conf_load_all(&c, &o, &err)) {
		log_raw("%s", err.data);
		rc = EX_CONFIG;
	} else
		rc = run(&o, &c);
	buf_free(&err);
	conf_free(&c);
	return rc;
}
