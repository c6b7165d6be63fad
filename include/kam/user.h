/* The people who use kam: who is logged in, and adding new users (which
 * creates their PostgreSQL login through kam.add_user). */
#ifndef KAM_USER_H
#define KAM_USER_H

#include <stdbool.h>

#include "kam/db.h"

struct kam_user {
	char	*role_name;
	char	*display_name;
	char	*kind;		/* manager, support, admin; NULL if unknown */
	char	*team;		/* may be NULL */
	char	*email;		/* may be NULL */
};

/* Fills me with the logged-in user. A login that kam does not know gives a
 * user with only role_name set. Returns an exit code. */
int	user_whoami(struct kam_db *db, struct kam_user *me);
/* Creates the login role and its app_user row; u->role_name, kind and
 * display_name are required. With adopt, an existing login kam did not
 * make, with no rights of its own, becomes the user instead (its password
 * untouched). *id receives the new app_user id. */
int	user_add(struct kam_db *db, const struct kam_user *u, bool adopt,
	    long long *id);
/* Whether a kam user of that login name, or a team of that name, exists
 * (as far as the login may see). Return an exit code. */
int	user_exists(struct kam_db *db, const char *role_name, bool *yes);
int	user_team_exists(struct kam_db *db, const char *team, bool *yes);
void	user_free(struct kam_user *u);

#endif
