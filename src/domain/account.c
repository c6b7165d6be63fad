#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/account.h"
#include "kam/countof.h"
#include "kam/log.h"
#include "kam/xalloc.h"
#include "search_sql.h"

static const char find_sql[] = ACCOUNT_FIND_SQL;

/* The columns every stage returns, by name. */
enum { MATCH_ID, MATCH_ERP_ID, MATCH_NAME, MATCH_CITY, MATCH_NCOLS };
static const char *const match_names[MATCH_NCOLS] = {
	[MATCH_ID] = "id", [MATCH_ERP_ID] = "erp_id", [MATCH_NAME] = "name",
	[MATCH_CITY] = "city",
};
static const struct db_columns match_cols = DB_COLUMNS("account search",
    match_names);

void
account_matches_take(const struct kam_res *r, struct account_matches *m)
{
	m->n = (size_t)res_rows(r);
	/* a left join's row of no account */
	if (m->n == 1 && res_get(r, 0, MATCH_ID) == NULL)
		m->n = 0;
	m->rows = xcalloc(m->n, sizeof *m->rows);
	for (size_t i = 0; i < m->n; i++) {
		m->rows[i].id = xstrdup(res_get(r, (int)i, MATCH_ID));
		m->rows[i].erp_id = xstrdup(res_get(r, (int)i, MATCH_ERP_ID));
		m->rows[i].name = xstrdup(res_get(r, (int)i, MATCH_NAME));
		m->rows[i].city = xstrdup(res_get(r, (int)i, MATCH_CITY));
	}
}

int
account_find(struct kam_db *db, const char *key, struct account_matches *m)
{
	const char *params[] = { key };
	struct kam_res *r;

	memset(m, 0, sizeof *m);
	if ((r = res_columns(db, db_query(db, find_sql, 1, params),
	    &match_cols)) == NULL) {
		log_warn("%s", db_error(db));
		return db_error_code(db);
	}
	account_matches_take(r, m);
	res_free(r);
	return EX_OK;
}

bool
account_find_send(struct kam_db *db, const char *key)
{
	const char *params[] = { key };

	return db_send_columns(db, find_sql, 1, params, &match_cols);
}

bool
account_find_recv(struct kam_db *db, struct account_matches *m)
{
	struct kam_res *r = db_take(db);

	memset(m, 0, sizeof *m);
	if (r == NULL)
		return false;
	account_matches_take(r, m);
	res_free(r);
	return true;
}

void
account_matches_free(struct account_matches *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->rows[i].id);
		free(m->rows[i].erp_id);
		free(m->rows[i].name);
		free(m->rows[i].city);
	}
	free(m->rows);
	memset(m, 0, sizeof *m);
}
