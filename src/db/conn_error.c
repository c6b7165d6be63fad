#include <string.h>

#include "kam/countof.h"
#include "conn_error.h"

/* Refusals that last a moment: try again soon. Found by their words,
 * since libpq keeps no SQLSTATE of a failed connect; a server speaking
 * another language (lc_messages) makes them plain failures. Sources:
 * PostgreSQL 15 src/backend/storage/lmgr/proc.c and utils/init/postinit.c
 * (53300 too_many_connections), postmaster/postmaster.c (57P03
 * cannot_connect_now), libpq fe-connect.c (target_session_attrs refusals:
 * a failover may be under way), PgBouncer 1.18 src/client.c (its own
 * limits: max_client_conn, max_db_client_connections and
 * max_user_client_connections), src/objects.c (an online restart) and
 * src/janitor.c: a person's first login makes PgBouncer a pool of its own,
 * which must open a server connection before the login can finish; where
 * max_db_connections are all busy it waits, and after client_login_timeout
 * (60 s) PgBouncer drops it with "(server down)" although the server is
 * up. The next try finds the pool's connection made, or makes it. */
static const char *const temporary[] = {
	"sorry, too many clients already",
	"remaining connection slots are reserved",
	"too many connections for role",
	"too many connections for database",
	"the database system is starting up",
	"the database system is shutting down",
	"the database system is not yet accepting connections",
	"the database system is not accepting connections",
	"the database system is in recovery mode",
	"session is read-only",
	"server is in hot standby mode",
	"no more connections allowed",
	"client connections exceeded",
	"client_login_timeout (server down)",
	"pooler is shutting down",
};

static const char host_lead[] = "connection to server ";

static bool
is_temporary(const char *line, size_t len)
{
	for (size_t i = 0; i < countof(temporary); i++) {
		size_t n = strlen(temporary[i]);

		for (size_t at = 0; at + n <= len; at++)
			if (memcmp(line + at, temporary[i], n) == 0)
				return true;
	}
	return false;
}

/* A line that carries on the attempt before it. */
static bool
continues(const char *line, size_t len, size_t found)
{
	return found > 0 && (len == 0 || line[0] == '\t' || line[0] == ' ' ||
	    strncmp(line, host_lead, sizeof host_lead - 1) != 0);
}

size_t
conn_error_split(const char *msg, struct conn_error_host *hosts, size_t max)
{
	size_t n = 0;

	for (const char *line = msg; *line != '\0' && n < max; ) {
		size_t len = strcspn(line, "\n");

		if (!continues(line, len, n) && len > 0) {
			hosts[n].text = line;
			hosts[n].len = len;
			hosts[n].temporary = is_temporary(line, len);
			n++;
		}
		line += len + (line[len] == '\n');
	}
	return n;
}
