/* Result columns by name: a reader states the columns it takes and their
 * order, once per statement, and sees exactly those; a statement that
 * lost, renamed or doubled one fails loudly instead of handing the
 * reader another field. */
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/db.h"
#include "kam/xalloc.h"
#include "db_private.h"

/* A disagreement between kam and its own statement: a bug, not the
 * user's doing, but a message and an exit code rather than a crash. */
static struct kam_res *
column_error(struct kam_db *db, struct kam_res *r,
    const struct db_columns *want, int i, const char *problem)
{
	buf_reset(&db->error);
	if (want->names[i] == NULL)
		buf_addf(&db->error, "internal error: kam names no column %d of "
		    "the %s statement", i, want->what);
	else
		buf_addf(&db->error, "internal error: the %s statement %s "
		    "column \"%s\"", want->what, problem, want->names[i]);
	db->error_code = EX_SOFTWARE;
	db->sqlstate[0] = db->constraint[0] = db->column[0] = '\0';
	res_free(r);
	return NULL;
}

/* The result's column named name, -1 when none, -2 when more than one.
 * Exact names: PQfnumber would fold case and read quotes. */
static int
find_column(const PGresult *res, const char *name)
{
	int found = -1;

	for (int j = 0; j < PQnfields(res); j++) {
		if (strcmp(PQfname(res, j), name) != 0)
			continue;
		if (found >= 0)
			return -2;
		found = j;
	}
	return found;
}

struct kam_res *
res_columns(struct kam_db *db, struct kam_res *r, const struct db_columns *want)
{
	int *col;

	if (r == NULL || want == NULL)
		return r;
	col = xcalloc((size_t)want->n + 1, sizeof *col);
	free(r->col);
	r->col = col;
	r->ncol = 0;
	for (int i = 0; i < want->n; i++) {
		if (want->names[i] == NULL)
			return column_error(db, r, want, i, NULL);
		if ((col[i] = find_column(r->res, want->names[i])) == -1)
			return column_error(db, r, want, i, "returns no");
		if (col[i] == -2)
			return column_error(db, r, want, i, "returns twice the");
	}
	r->ncol = want->n;
	return r;
}
