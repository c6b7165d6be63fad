/* What the files of src/db share about a connection; nothing outside
 * src/db includes this. */
#ifndef KAM_DB_PRIVATE_H
#define KAM_DB_PRIVATE_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "kam/buf.h"

struct kam_db {
	PGconn		*conn;
	struct kam_buf	 error;
	int		 error_code;
	char		 sqlstate[6];
	char		 constraint[64];	/* of the last error, or "" */
	char		 column[64];
	/* the statement sent: its result so far (an error that comes after
	 * its rows, a failed COMMIT, replaces them), and whether it has
	 * ended; see async.c */
	PGresult	*result;
	bool		 ended;
	/* the columns db_take checks of the statement sent, or NULL */
	const struct db_columns *want;
};

struct kam_res {
	PGresult	*res;
	int		*col;	/* res_columns: reader's column -> res's, or NULL */
	int		 ncol;
};

/* The keywords and values of a connection, for PQconnectdbParams and
 * PQconnectStartParams: kam's own, then conninfo's, then over's (which
 * win). tmo is connect_timeout. False, said under the name what, for a
 * bad over; else the caller frees *keys and *vals and PQconninfoFree's
 * *parsed once connected. */
bool	db_connect_params(const char *conninfo, const char *over,
	    const char *what, const char *tmo, const char ***keys,
	    const char ***vals, PQconninfoOption **parsed);

/* Records the error of res (NULL: the connection broke), frees res and
 * returns false. */
bool	db_fail(struct kam_db *db, PGresult *res);

#endif
