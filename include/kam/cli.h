/* The command-line actions: what was asked for on the command line, and
 * one function per action (kam --db ..., later --export, --sla, --sync). */
#ifndef KAM_CLI_H
#define KAM_CLI_H

#include "kam/conf.h"

struct kam_opts {
	const char	*config;	/* --config */
	const char	*database;	/* --database */
	const char	*theme;		/* --theme */
	const char	*db_action;	/* --db ACTION */
	const char	*kind;		/* --kind (add-user) */
	const char	*team;		/* --team (add-user) */
	const char	*name;		/* --name (add-user) */
	const char	*email;		/* --email (add-user) */
	char		**args;		/* operands after the options */
	int		 nargs;
};

/* Each returns a sysexits code. */
int	cmd_db(const struct kam_opts *o, const struct kam_conf *c);

void	cli_usage(void);		/* --help, to stdout */
void	cli_version(void);		/* --version, to stdout */
/* "kam: MESSAGE" and a pointer to --help on stderr; returns EX_USAGE. */
int	cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
