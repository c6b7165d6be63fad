#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/account.h"
#include "kam/countof.h"
#include "kam/log.h"
#include "kam/xalloc.h"
#include "search_sql.h"

#define COLS "SELECT a.id, a.erp_id, a.name, a.city"
#define NONE_YET(cte) " AND NOT EXISTS (SELECT 1 FROM " cte ")"

/* The tiers of search_sql.h in one statement, so that the client can send
 * it without waiting: each tier runs only when the ones before found
 * nothing (the NOT EXISTS are one-time filters), and the first that
 * finds anything decides. Names compare folded (lower case, no accents).
 * Materialised, so that no plan walks the name index in order and folds
 * every name on the way. */
static const char find_sql[] =
	"WITH e AS MATERIALIZED (" COLS ", " SEARCH_EXACT_RANK("$1") " AS r "
	"FROM kam.account a WHERE " SEARCH_EXACT("$1") "), "
	"w AS MATERIALIZED (" COLS " FROM kam.account a WHERE "
	SEARCH_WORD_START("$1") NONE_YET("e") " ORDER BY a.name, a.id LIMIT 10), "
	"c AS MATERIALIZED (" COLS " FROM kam.account a WHERE "
	SEARCH_CONTAINS("$1") NONE_YET("e") NONE_YET("w")
	" ORDER BY a.name, a.id LIMIT 10), "
	"s AS MATERIALIZED (" COLS ", word_similarity(kam.fold($1), "
	SEARCH_TEXT ") AS sim FROM kam.account a WHERE " SEARCH_SIMILAR("$1")
	NONE_YET("e") NONE_YET("w") NONE_YET("c")
	" ORDER BY sim DESC, a.name, a.id LIMIT 10) "
	"SELECT id, erp_id, name, city FROM ("
	"SELECT id, erp_id, name, city, 1 AS t, 0::real AS o FROM e "
	"WHERE r = (SELECT min(r) FROM e) "
	"UNION ALL SELECT *, 2, 0 FROM w UNION ALL SELECT *, 3, 0 FROM c "
	"UNION ALL SELECT id, erp_id, name, city, 4, sim FROM s "
	/* of close spellings, the closest: a typo names one account */
	"WHERE sim > (SELECT max(sim) FROM s) - 0.1) x "
	"ORDER BY t, o DESC, name, id LIMIT 10";

/* The columns every stage returns, by name. */
enum { MATCH_ID, MATCH_ERP_ID, MATCH_NAME, MATCH_CITY, MATCH_NCOLS };
static const char *const match_names[MATCH_NCOLS] = {
	[MATCH_ID] = "id", [MATCH_ERP_ID] = "erp_id", [MATCH_NAME] = "name",
	[MATCH_CITY] = "city",
};
static const struct db_columns match_cols = DB_COLUMNS("account search",
    match_names);

static void
take_rows(struct kam_res *r, struct account_matches *m)
{
	m->n = (size_t)res_rows(r);
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
	take_rows(r, m);
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
	take_rows(r, m);
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
