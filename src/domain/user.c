#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/log.h"
#include "kam/user.h"
#include "kam/xalloc.h"

/* The columns each statement returns, by name. */
enum { LOGIN_ROLE, LOGIN_SCHEMA, LOGIN_NCOLS };
static const char *const login_names[LOGIN_NCOLS] = {
	[LOGIN_ROLE] = "role_name", [LOGIN_SCHEMA] = "has_schema",
};
static const struct db_columns login_cols = DB_COLUMNS("login", login_names);

enum { ME_ROLE, ME_NAME, ME_KIND, ME_TEAM, ME_EMAIL, ME_NCOLS };
static const char *const me_names[ME_NCOLS] = {
	[ME_ROLE] = "role_name", [ME_NAME] = "display_name", [ME_KIND] = "kind",
	[ME_TEAM] = "team", [ME_EMAIL] = "email",
};
static const struct db_columns me_cols = DB_COLUMNS("user", me_names);

static const char *const add_names[] = { "id" };
static const struct db_columns add_cols = DB_COLUMNS("add user", add_names);

static const char *const ask_names[] = { "yes" };
static const struct db_columns ask_cols = DB_COLUMNS("user question",
    ask_names);

int
user_whoami(struct kam_db *db, struct kam_user *me)
{
	struct kam_res *r;

	memset(me, 0, sizeof *me);
	r = res_columns(db, db_query(db, "SELECT current_user AS role_name, "
	    "to_regclass('kam.app_user') IS NOT NULL AS has_schema", 0, NULL),
	    &login_cols);
	if (r != NULL && strcmp(res_get(r, 0, LOGIN_SCHEMA), "f") == 0) {
		/* no schema yet: all there is to know is the login */
		me->role_name = xstrdup(res_get(r, 0, LOGIN_ROLE));
		res_free(r);
		return EX_OK;
	}
	res_free(r);
	r = res_columns(db, db_query(db, "SELECT current_user AS role_name, "
	    "u.display_name, u.kind, u.team, u.email FROM (SELECT 1) one "
	    "LEFT JOIN kam.app_user u ON u.role_name = current_user AND u.active",
	    0, NULL), &me_cols);
	if (r == NULL) {
		log_warn("%s", db_error(db));
		return db_error_code(db);
	}
	me->role_name = xstrdup(res_get(r, 0, ME_ROLE));
	me->display_name = xstrdup(res_get(r, 0, ME_NAME));
	me->kind = xstrdup(res_get(r, 0, ME_KIND));
	me->team = xstrdup(res_get(r, 0, ME_TEAM));
	me->email = xstrdup(res_get(r, 0, ME_EMAIL));
	res_free(r);
	return EX_OK;
}

int
user_add(struct kam_db *db, const struct kam_user *u, bool adopt,
    long long *id)
{
	const char *params[] = { u->role_name, u->kind, u->team,
	    u->display_name, u->email, adopt ? "t" : "f" };
	struct kam_res *r;

	r = res_columns(db, db_query(db, "SELECT kam.add_user($1, $2, $3, $4, "
	    "$5, NULL, $6) AS id", 6, params), &add_cols);
	if (r == NULL) {
		log_warn("cannot add user %s: %s", u->role_name, db_error(db));
		return db_error_code(db);
	}
	*id = strtoll(res_get(r, 0, 0), NULL, 10);
	res_free(r);
	return EX_OK;
}

/* One yes-or-no question about the users, asked with one parameter. */
static int
ask(struct kam_db *db, const char *sql, const char *value, bool *yes)
{
	const char *params[] = { value };
	struct kam_res *r = res_columns(db, db_query(db, sql, 1, params),
	    &ask_cols);

	if (r == NULL) {
		log_warn("%s", db_error(db));
		return db_error_code(db);
	}
	*yes = strcmp(res_get(r, 0, 0), "t") == 0;
	res_free(r);
	return EX_OK;
}

int
user_exists(struct kam_db *db, const char *role_name, bool *yes)
{
	return ask(db, "SELECT EXISTS (SELECT 1 FROM kam.app_user "
	    "WHERE role_name = $1) AS yes", role_name, yes);
}

/* A team is whatever people or accounts are filed under, even before
 * anybody joins it. */
int
user_team_exists(struct kam_db *db, const char *team, bool *yes)
{
	return ask(db, "SELECT EXISTS (SELECT 1 FROM kam.app_user WHERE team = $1)"
	    " OR EXISTS (SELECT 1 FROM kam.account WHERE team = $1) AS yes", team,
	    yes);
}

void
user_free(struct kam_user *u)
{
	free(u->role_name);
	free(u->display_name);
	free(u->kind);
	free(u->team);
	free(u->email);
	memset(u, 0, sizeof *u);
}
