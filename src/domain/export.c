/* Builds the COPY statement of an export from fixed fragments only and
 * streams it. COPY takes no parameters, so the user's filter values are
 * handed over with set_config($n) in the same read-only transaction and
 * read back by the fixed text with current_setting(). */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/countof.h"
#include "kam/export.h"
#include "kam/log.h"

struct filter_def {
	const char	*setting;
	const char	*condition;	/* fixed text; DATE is the entity's date column */
	size_t		 offset;	/* into struct export_filter */
};

#define F(field) offsetof(struct export_filter, field)

static const struct filter_def filter_defs[] = {
	{ "kam.f.account", "a.id = current_setting('kam.f.account')::bigint",
	  F(account_id) },
	{ "kam.f.owner", "a.owner_id IN (SELECT u.id FROM kam.app_user u "
	  "WHERE u.role_name = current_setting('kam.f.owner'))", F(owner) },
	{ "kam.f.team", "a.team = current_setting('kam.f.team')", F(team) },
	{ "kam.f.tier", "a.tier = current_setting('kam.f.tier')", F(tier) },
	{ "kam.f.since", "DATE >= current_setting('kam.f.since')::date", F(since) },
	{ "kam.f.until", "DATE < current_setting('kam.f.until')::date + 1",
	  F(until) },
	{ "kam.f.expiring", "s.valid_to BETWEEN current_date AND "
	  "current_date + current_setting('kam.f.expiring')::int",
	  F(expiring_within) },
};

static const char *
filter_value(const struct export_filter *f, const struct filter_def *d)
{
	return *(const char *const *)(const void *)((const char *)f + d->offset);
}

static void
add_columns(struct kam_buf *q, const struct export_request *req)
{
	bool json = req->format == EXPORT_JSON || req->format == EXPORT_JSONL;

	for (size_t i = 0; i < req->ncolumns; i++) {
		const struct export_column *c = req->columns[i];
		bool array = c->type == COL_TEXT_ARRAY || c->type == COL_INT_ARRAY;

		if (i > 0)
			buf_adds(q, ", ");
		/* arrays are the one type whose JSON the server writes best */
		buf_adds(q, json && array ? "to_json(" : "(");
		buf_adds(q, c->sql);
		buf_adds(q, ")");
	}
}

/* Appends the condition with DATE replaced by the entity's date column. */
static void
add_condition(struct kam_buf *q, const char *cond, const char *date_column)
{
	const char *p = strstr(cond, "DATE");

	buf_adds(q, " AND ");
	if (p == NULL) {
		buf_adds(q, cond);
		return;
	}
	buf_add(q, cond, (size_t)(p - cond));
	buf_adds(q, date_column);
	buf_adds(q, p + 4);
}

static void
add_filters(struct kam_buf *q, const struct export_request *req)
{
	const struct export_filter *f = &req->filter;

	for (size_t i = 0; i < countof(filter_defs); i++)
		if (filter_value(f, &filter_defs[i]) != NULL)
			add_condition(q, filter_defs[i].condition,
			    req->entity->date_column);
	if (f->active)
		add_condition(q, "s.valid_from <= current_date AND "
		    "(s.valid_to IS NULL OR s.valid_to >= current_date)", "");
}

static void
build_copy(struct kam_buf *q, const struct export_request *req)
{
	buf_adds(q, "COPY (SELECT ");
	add_columns(q, req);
	buf_adds(q, " FROM ");
	buf_adds(q, req->entity->from);
	add_filters(q, req);
	buf_adds(q, " ORDER BY ");
	buf_adds(q, req->entity->order);
	buf_adds(q, ") TO STDOUT");
}

/* One statement sets every filter value the COPY will read. */
static bool
set_filters(struct kam_db *db, const struct export_filter *f)
{
	const char *params[countof(filter_defs)];
	struct kam_buf q;
	int n = 0;
	bool ok;

	buf_init(&q);
	/* the same text for dates and durations whatever the server's or
	 * PGDATESTYLE's defaults; times stay in the user's zone */
	buf_adds(&q, "SELECT set_config('DateStyle', 'ISO, YMD', true), "
	    "set_config('IntervalStyle', 'postgres', true)");
	for (size_t i = 0; i < countof(filter_defs); i++) {
		if ((params[n] = filter_value(f, &filter_defs[i])) == NULL)
			continue;
		n++;
		buf_addf(&q, ", set_config('%s', $%d, true)",
		    filter_defs[i].setting, n);
	}
	ok = db_command(db, q.data, n, params) >= 0;
	buf_free(&q);
	return ok;
}

int
export_run(struct kam_db *db, const struct export_request *req,
    db_copy_sink sink, void *ctx)
{
	struct kam_buf q;
	int rc = EX_OK;

	buf_init(&q);
	build_copy(&q, req);
	log_debug("%s", q.data);
	if (db_command(db, "BEGIN READ ONLY", 0, NULL) < 0 ||
	    !set_filters(db, &req->filter) ||
	    !db_copy_out(db, q.data, sink, ctx) ||
	    db_command(db, "COMMIT", 0, NULL) < 0) {
		log_warn("%s", db_error(db));
		rc = db_error_code(db);
	}
	buf_free(&q);
	return rc;
}
