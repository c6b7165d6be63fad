/* The scores of the accounts a list shows (kam/account_scores.h): one
 * statement for all of them, each account's rules evaluated for it alone
 * (the lateral subquery takes its id as a value, which reaches every
 * branch of kam.quality_finding; OFFSET 0 keeps it from being pulled up
 * into a join that would rate every account). */
#include <stdlib.h>
#include <string.h>

#include "kam/account_scores.h"
#include "kam/buf.h"
#include "kam/xalloc.h"

enum { SC_ID, SC_SCORE, SC_NCOLS };
static const char *const score_names[SC_NCOLS] = {
	[SC_ID] = "id", [SC_SCORE] = "score",
};
static const struct db_columns score_cols = DB_COLUMNS("quality scores",
    score_names);

static bool
decimal_id(const char *s)
{
	size_t len = s ? strlen(s) : 0;

	return len > 0 && len < 20 && strspn(s, "0123456789") == len;
}

bool
acct_scores_send(struct kam_db *db, const char *const *ids, size_t n)
{
	struct kam_buf arr;
	const char *p[1];
	bool ok;

	if (n == 0 || n > ACCT_SCORES_MAX)
		return false;
	buf_init(&arr);
	buf_adds(&arr, "{");
	for (size_t i = 0; i < n; i++) {
		if (!decimal_id(ids[i])) {
			buf_free(&arr);
			return false;
		}
		buf_addf(&arr, "%s%s", i ? "," : "", ids[i]);
	}
	buf_adds(&arr, "}");
	p[0] = arr.data;
	ok = db_send_columns(db, "SELECT i.id, coalesce(q.score::text, '') "
	    "AS score FROM unnest($1::bigint[]) i (id) CROSS JOIN LATERAL "
	    "(SELECT x.score FROM kam.account_quality x WHERE x.account_id = "
	    "i.id OFFSET 0) q", 1, p, &score_cols);
	buf_free(&arr);
	return ok;
}

bool
acct_scores_recv(struct kam_db *db, struct acct_scores *out)
{
	struct kam_res *r = db_take(db);
	size_t n;

	memset(out, 0, sizeof *out);
	if (r == NULL)
		return false;
	n = (size_t)res_rows(r);
	out->v = xcalloc(n ? n : 1, sizeof *out->v);
	out->n = n;
	for (size_t i = 0; i < n; i++) {
		out->v[i].id = xstrdup(res_get(r, (int)i, SC_ID));
		out->v[i].score = xstrdup(res_get(r, (int)i, SC_SCORE));
	}
	res_free(r);
	return true;
}

void
acct_scores_free(struct acct_scores *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].id);
		free(s->v[i].score);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}
