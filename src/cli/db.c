/* kam --db migrate | status | add-user | reporting-currency */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "kam/cli.h"
#include "kam/countof.h"
#include "kam/db.h"
#include "kam/log.h"
#include "kam/migrate.h"
#include "kam/money.h"
#include "kam/rates.h"
#include "kam/user.h"
#include "kam/utf8.h"

static int
db_status(const struct kam_opts *o, struct kam_db *db)
{
	struct kam_buf line, safe;
	struct kam_user me;
	int rc;

	(void)o;
	if ((rc = user_whoami(db, &me)) != EX_OK)
		return rc;
	buf_init(&line);
	buf_addf(&line, "database %s as %s", db_name(db), me.role_name);
	if (me.kind != NULL)
		buf_addf(&line, " (%s, %s%s%s)", me.display_name, me.kind,
		    me.team ? ", team " : "", me.team ? me.team : "");
	/* names come from the database: shown, never sent to the terminal */
	buf_init(&safe);
	utf8_sanitize(&safe, line.data, line.len);
	printf("%s\n", safe.data);
	buf_free(&line);
	buf_free(&safe);
	user_free(&me);
	return migrate_status(db, stdout);
}

static int
db_migrate(const struct kam_opts *o, struct kam_db *db)
{
	(void)o;
	return migrate_apply(db, stdout);
}

/* Usage errors are found before connecting. */
static int
no_operands(const struct kam_opts *o)
{
	if (o->nargs > 0)
		return cli_usage_error("unexpected argument '%s'", o->args[0]);
	return EX_OK;
}

static int
add_user_usage(const struct kam_opts *o)
{
	if (o->nargs != 1)
		return cli_usage_error("--db add-user takes one user name");
	if (o->kind == NULL || o->name == NULL)
		return cli_usage_error("--db add-user needs --kind and --name");
	return EX_OK;
}

static int
db_add_user(const struct kam_opts *o, struct kam_db *db)
{
	struct kam_user u = {
		.role_name = o->args[0],
		.kind = (char *)o->kind, .team = (char *)o->team,
		.display_name = (char *)o->name, .email = (char *)o->email,
	};
	long long id;
	int rc;

	if ((rc = migrate_require(db)) != EX_OK)
		return rc;
	if ((rc = user_add(db, &u, o->adopt, &id)) != EX_OK)
		return rc;
	printf("added %s as %s (user %lld)\n", u.role_name, u.kind, id);
	return EX_OK;
}

static int
reporting_usage(const struct kam_opts *o)
{
	if (o->nargs > 1)
		return cli_usage_error("--db reporting-currency takes one currency "
		    "code, or none to show it");
	if (o->nargs == 1 && !currency_known(o->args[0]))
		return cli_usage_error("'%s' is not an ISO 4217 currency code such "
		    "as EUR", o->args[0]);
	return EX_OK;
}

/* Shows the reporting currency, or sets it and says so. */
static int
db_reporting(const struct kam_opts *o, struct kam_db *db)
{
	char code[4];
	int rc;

	if ((rc = migrate_require(db)) != EX_OK)
		return rc;
	if (o->nargs == 1 && (rc = rates_reporting_set(db, o->args[0])) != EX_OK)
		return rc;
	if ((rc = rates_reporting_get(db, code)) != EX_OK)
		return rc;
	printf("reporting currency %s\n", code);
	return EX_OK;
}

static const struct {
	const char	*name;
	int		(*usage)(const struct kam_opts *);
	int		(*run)(const struct kam_opts *, struct kam_db *);
} actions[] = {
	{ "migrate",	no_operands,	db_migrate },
	{ "status",	no_operands,	db_status },
	{ "add-user",	add_user_usage,	db_add_user },
	{ "reporting-currency", reporting_usage, db_reporting },
};

int
cmd_db(const struct kam_opts *o, const struct kam_conf *c)
{
	struct kam_db *db;
	int rc;

	for (size_t i = 0; i < countof(actions); i++) {
		if (strcmp(o->db_action, actions[i].name) != 0)
			continue;
		if ((rc = actions[i].usage(o)) != EX_OK)
			return rc;
		if ((db = db_connect(c->db_conninfo, c->db_connect_timeout,
		    c->db_retry_for, &rc)) == NULL)
			return rc;
		rc = actions[i].run(o, db);
		db_close(db);
		return rc;
	}
	return cli_usage_error("unknown --db action '%s' (migrate, status, "
	    "add-user, reporting-currency)", o->db_action);
}
