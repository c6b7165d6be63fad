/* The command-line actions: what was asked for on the command line, and
 * one function per action (kam --brief, --db, --due, --export, --quality,
 * --sla, --sync). */
#ifndef KAM_CLI_H
#define KAM_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "kam/account.h"
#include "kam/conf.h"
#include "kam/date.h"
#include "kam/db.h"
#include "kam/export.h"

struct kam_opts {
	const char	*config;	/* --config */
	const char	*database;	/* --database */
	const char	*theme;		/* --theme */
	const char	*trace;		/* --trace */
	const char	*db_action;	/* --db ACTION */
	const char	*kind;		/* --kind (add-user) */
	const char	*team;		/* --team (add-user) */
	const char	*name;		/* --name (add-user) */
	const char	*email;		/* --email (add-user) */
	bool		 adopt;		/* --adopt (add-user) */
	const char	*export;	/* --export ENTITY */
	const char	*import;	/* --import WHAT (rates, holidays) */
	const char	*calendar;	/* --calendar (import holidays) */
	const char	*source;	/* --source (import feedback) */
	const char	*sla;		/* --sla ACCOUNT */
	const char	*open_now;	/* --sla --open-now ACCOUNT */
	const char	*brief;		/* --brief ACCOUNT */
	bool		 due;		/* --due */
	bool		 queue;		/* --queue */
	bool		 voc;		/* --voc */
	bool		 watch;		/* --voc --watch */
	const char	*announce;	/* --announce TOPIC */
	const char	*message;	/* --announce --message FILE|- */
	const char	*format;	/* --format */
	const char	*output;	/* --output */
	const char	*account;	/* --account */
	const char	*owner;		/* --owner */
	const char	*tier;		/* --tier */
	const char	*since;		/* --since */
	const char	*until;		/* --until */
	const char	*expiring;	/* --expiring-within */
	const char	*columns;	/* --columns */
	bool		 active;	/* --active */
	bool		 no_header;	/* --no-header */
	bool		 raw;		/* --raw */
	bool		 sync;		/* --sync */
	bool		 quality;	/* --quality */
	bool		 duplicates;	/* --duplicates */
	bool		 merge;		/* --merge WINNER LOSER */
	bool		 merge_contact;	/* --merge-contact WINNER LOSER */
	const char	*unmerge;	/* --unmerge MERGE-ID */
	const char	*report;	/* --report NAME */
	const char	*resource;	/* --resource (sync) */
	bool		 full;		/* --full (sync) */
	bool		 dry_run;	/* --dry-run (sync, import) */
	bool		 force;		/* --force (sync) */
	bool		 sync_status;	/* --status (sync) */
	const char	*progress_fd;	/* --progress-fd N (sync) */
	char		**args;		/* operands after the options */
	int		 nargs;
};

/* Each returns a sysexits code. */
int	cmd_announce(const struct kam_opts *o, const struct kam_conf *c);
int	cmd_brief(const struct kam_opts *o, const struct kam_conf *c);
int	cmd_db(const struct kam_opts *o, const struct kam_conf *c);
int	cmd_due(const struct kam_opts *o, const struct kam_conf *c);
int	cmd_export(const struct kam_opts *o, const struct kam_conf *c);
int	cmd_import(const struct kam_opts *o, const struct kam_conf *c);
int	cmd_quality(const struct kam_opts *o, const struct kam_conf *c);
int	cmd_duplicates(const struct kam_opts *o, const struct kam_conf *c);
int	cmd_merge(const struct kam_opts *o, const struct kam_conf *c);
int	cmd_report(const struct kam_opts *o, const struct kam_conf *c);
/* The options a report over accounts (kam --quality, --duplicates: text,
 * or an export format) takes; EX_USAGE says why not on stderr, naming
 * action ("--quality"). */
int	cli_report_options(const struct kam_opts *o, const char *action);
int	cmd_queue(const struct kam_opts *o, const struct kam_conf *c);
int	cmd_sla(const struct kam_opts *o, const struct kam_conf *c);
int	cmd_sync(const struct kam_opts *o, const struct kam_conf *c);
int	cmd_voc(const struct kam_opts *o, const struct kam_conf *c);
int	cmd_tui(const struct kam_opts *o, const struct kam_conf *c);

/* The export --export and its options ask for, checked before any
 * database is asked (fuzz/export.c feeds it anything); EX_USAGE says why
 * on stderr. The caller frees r->columns. */
int	cli_export_request(const struct kam_opts *o, struct export_request *r,
	    char since[DATE_STRLEN], char until[DATE_STRLEN]);

/* kam --export's work with the rows handed to sink (in text COPY format,
 * the columns of o->columns) instead of written out; a NULL sink writes
 * them as kam --export does. */
int	cli_export_each(const struct kam_opts *o, const struct kam_conf *c,
	    db_copy_sink sink, void *ctx);
/* A date flag as the user may type it (YYYY-MM-DD, today, -30d, +2w,
 * -1m, -1y), handed on as YYYY-MM-DD; EX_USAGE says why on stderr. NULL
 * text leaves out as it is. */
int	cli_date_flag(const char *flag, const char *text, char out[DATE_STRLEN]);

/* Connects and checks the schema; NULL (and *code) on failure. */
struct kam_db	*cli_connect(const struct kam_conf *c, int *code);
/* Connects only: for a command that checks the schema in its own
 * statement (migrate_verdict). */
struct kam_db	*cli_connect_unchecked(const struct kam_conf *c, int *code);
/* The same as the ERP sync's login: erp.conninfo over database.conninfo. */
struct kam_db	*cli_connect_sync(const struct kam_conf *c, int *code);
/* Resolves --account / --sla text to one account id (caller frees);
 * prints candidates or "no such account" and sets *code otherwise. */
char		*cli_resolve_account(struct kam_db *db, const char *key, int *code);
/* The same on matches found already (account_find's search). */
char		*cli_pick_account(const struct account_matches *m, const char *key,
		    int *code);

/* kam --import holidays FILE --calendar NAME. */
int	cli_import_holidays(const struct kam_opts *o, const struct kam_conf *c);
/* kam --import feedback FILE --source NAME. */
int	cli_import_feedback(const struct kam_opts *o, const struct kam_conf *c);
/* A file named on the command line, or stdin for "-"; NULL (errno set)
 * after saying why. */
FILE	*cli_open_input(const char *path);

/* Text from the database on stdout, made safe for a terminal: plain
 * (controls shown, never run) and JSON (escaped as JSON). */
void	cli_put_safe(const char *s);
void	cli_put_json(const char *json);

void	cli_usage(void);		/* --help, to stdout */
void	cli_version(void);		/* --version, to stdout */
/* "kam: MESSAGE" and a pointer to --help on stderr; returns EX_USAGE. */
int	cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
