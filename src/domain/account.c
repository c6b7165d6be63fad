#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/account.h"
#include "kam/countof.h"
#include "kam/log.h"
#include "kam/xalloc.h"
#include "search_sql.h"

#define COLS "SELECT a.id, a.erp_id, a.name, a.city FROM kam.account a "
#define SEARCH SEARCH_TEXT
#define CONTAINS SEARCH_CONTAINS("$1")

/* Tried in order; the first that finds anything decides. Names compare
 * folded (lower case, no accents), through the trigram index. */
static const char *const stages[] = {
	COLS "WHERE a.id = $1::bigint",
	/* an ERP id, else the whole name folded: one round trip, the ERP id
	 * winning; materialised, so that no plan walks the name index in
	 * order and folds every name on the way */
	"WITH m AS MATERIALIZED (" COLS "WHERE a.erp_id = $1 UNION "
	COLS "WHERE kam.fold(a.name) = kam.fold($1)) "
	"SELECT * FROM m WHERE erp_id = $1 OR NOT EXISTS "
	"(SELECT 1 FROM m WHERE erp_id = $1) ORDER BY name, id LIMIT 10",
	COLS "WHERE " CONTAINS " ORDER BY a.name, a.id LIMIT 10",
	COLS "WHERE " SEARCH_SIMILAR("$1") " ORDER BY "
	"word_similarity(kam.fold($1), " SEARCH ") DESC, a.name, a.id LIMIT 10",
};

/* The columns every stage returns, by name. */
enum { MATCH_ID, MATCH_ERP_ID, MATCH_NAME, MATCH_CITY, MATCH_NCOLS };
static const char *const match_names[MATCH_NCOLS] = {
	[MATCH_ID] = "id", [MATCH_ERP_ID] = "erp_id", [MATCH_NAME] = "name",
	[MATCH_CITY] = "city",
};
static const struct db_columns match_cols = DB_COLUMNS("account search",
    match_names);

static bool
all_digits(const char *s)
{
	if (*s == '\0' || strlen(s) > 18)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

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
	for (size_t i = 0; i < countof(stages); i++) {
		if (i == 0 && !all_digits(key))
			continue;
		r = res_columns(db, db_query(db, stages[i], 1, params), &match_cols);
		if (r == NULL) {
			log_warn("%s", db_error(db));
			return db_error_code(db);
		}
		if (res_rows(r) > 0) {
			take_rows(r, m);
			res_free(r);
			return EX_OK;
		}
		res_free(r);
	}
	return EX_OK;
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
