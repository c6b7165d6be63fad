#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/log.h"
#include "kam/user.h"
#include "kam/xalloc.h"

int
user_whoami(struct kam_db *db, struct kam_user *me)
{
	struct kam_res *r;

	memset(me, 0, sizeof *me);
	r = db_query(db, "SELECT current_user, "
	    "to_regclass('kam.app_user') IS NOT NULL", 0, NULL);
	if (r != NULL && strcmp(res_get(r, 0, 1), "f") == 0) {
		/* no schema yet: all there is to know is the login */
		me->role_name = xstrdup(res_get(r, 0, 0));
		res_free(r);
		return EX_OK;
	}
	res_free(r);
	r = db_query(db, "SELECT current_user, u.display_name, u.kind, u.team, "
	    "u.email FROM (SELECT 1) one LEFT JOIN kam.app_user u "
	    "ON u.role_name = current_user AND u.active", 0, NULL);
	if (r == NULL) {
		log_warn("%s", db_error(db));
		return db_error_code(db);
	}
	me->role_name = xstrdup(res_get(r, 0, 0));
	me->display_name = xstrdup(res_get(r, 0, 1));
	me->kind = xstrdup(res_get(r, 0, 2));
	me->team = xstrdup(res_get(r, 0, 3));
	me->email = xstrdup(res_get(r, 0, 4));
	res_free(r);
	return EX_OK;
}

int
user_add(struct kam_db *db, const struct kam_user *u, long long *id)
{
	const char *params[] = { u->role_name, u->kind, u->team,
	    u->display_name, u->email };
	struct kam_res *r;

	r = db_query(db, "SELECT kam.add_user($1, $2, $3, $4, $5)", 5, params);
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
	struct kam_res *r = db_query(db, sql, 1, params);

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
	    "WHERE role_name = $1)", role_name, yes);
}

/* A team is whatever people or accounts are filed under, even before
 * anybody joins it. */
int
user_team_exists(struct kam_db *db, const char *team, bool *yes)
{
	return ask(db, "SELECT EXISTS (SELECT 1 FROM kam.app_user WHERE team = $1)"
	    " OR EXISTS (SELECT 1 FROM kam.account WHERE team = $1)", team, yes);
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
