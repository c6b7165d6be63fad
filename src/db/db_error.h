/* Turns a server error (SQLSTATE and its message parts) into plain words
 * and a sysexits code. Kept apart from libpq so it can be tested alone. */
#ifndef KAM_DB_ERROR_H
#define KAM_DB_ERROR_H

#include "kam/buf.h"

/* Appends the explanation to out and returns the exit code. Any of the
 * message parts may be NULL. */
int	db_error_explain(struct kam_buf *out, const char *sqlstate,
	    const char *primary, const char *detail, const char *hint);

#endif
