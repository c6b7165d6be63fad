/* The voice of the customer read for a screen or a script: what
 * 0028_voice_of_the_customer.sql computes, copied out of the result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/log.h"
#include "kam/voc.h"
#include "kam/xalloc.h"

#include "kam/countof.h"

static const char *const topic_names[VT_NFIELDS] = {
	[VT_TOPIC] = "topic", [VT_ITEMS] = "items",
	[VT_COMPLIMENTS] = "compliments", [VT_IDEAS] = "ideas",
	[VT_COMPLAINTS] = "complaints", [VT_OPEN] = "open",
	[VT_OVERDUE] = "overdue", [VT_TONE] = "tone",
};
static const struct db_columns topic_cols = DB_COLUMNS("voice of the customer",
    topic_names);

static const char *const open_names[VO_NFIELDS] = {
	[VO_ID] = "id", [VO_ACCOUNT_ID] = "account_id", [VO_ACCOUNT] = "account",
	[VO_KIND] = "kind", [VO_STATE] = "state", [VO_DUE] = "due",
	[VO_OVERDUE] = "overdue", [VO_SUBJECT] = "subject", [VO_OWNER] = "owner",
};
static const struct db_columns open_cols = DB_COLUMNS("open feedback",
    open_names);

/* The day starts at midnight where the user is (the session's zone). */
#define SINCE "$1::date::timestamptz"

static const char topics_sql[] =
	"SELECT * FROM kam.voc_cloud(" SINCE ", $2)";
static const char open_sql[] =
	"SELECT id, account_id, account, kind, replace(state, '_', ' ') AS state, "
	"to_char(due, 'YYYY-MM-DD HH24:MI') AS due, overdue, subject, owner "
	"FROM kam.voc_open(" SINCE ", $2, $3::int)";
static const char json_sql[] =
	"SELECT kam.voc_json(" SINCE ", $2, $3::int)";

/* The rows of r, by cols, copied into out; r is freed. */
static void
rows_copy(struct kam_res *r, const struct db_columns *cols,
    struct voc_rows *out)
{
	out->nrows = (size_t)res_rows(r);
	out->nfields = cols->n;
	out->cell = xcalloc(out->nrows * (size_t)cols->n + 1, sizeof *out->cell);
	for (size_t i = 0; i < out->nrows; i++)
		for (int f = 0; f < cols->n; f++) {
			const char *v = res_get(r, (int)i, f);

			out->cell[i * (size_t)cols->n + (size_t)f] = v ? xstrdup(v) : NULL;
		}
	res_free(r);
}

int
voc_rows_load(struct kam_db *db, const char *sql, int nparams,
    const char *const *params, const struct db_columns *cols,
    struct voc_rows *out)
{
	struct kam_res *r = res_columns(db, db_query(db, sql, nparams, params), cols);

	if (r == NULL) {
		log_warn("%s", db_error(db));
		return db_error_code(db);
	}
	rows_copy(r, cols, out);
	return EX_OK;
}

int
voc_load(struct kam_db *db, const char *since, const char *team,
    int open_limit, struct voc *out)
{
	char limit[16];
	const char *params[] = { since, team, limit };
	int rc;

	snprintf(limit, sizeof limit, "%d", open_limit);
	*out = (struct voc){ 0 };
	if ((rc = voc_rows_load(db, topics_sql, 2, params, &topic_cols,
	    &out->topics)) == EX_OK)
		rc = voc_rows_load(db, open_sql, 3, params, &open_cols, &out->open);
	if (rc != EX_OK)
		voc_free(out);
	return rc;
}

void
voc_rows_free(struct voc_rows *r)
{
	for (size_t i = 0; r->cell != NULL && i < r->nrows * (size_t)r->nfields; i++)
		free(r->cell[i]);
	free(r->cell);
	*r = (struct voc_rows){ 0 };
}

void
voc_free(struct voc *v)
{
	voc_rows_free(&v->topics);
	voc_rows_free(&v->open);
}

const char *
voc_get(const struct voc_rows *r, size_t row, int field)
{
	if (row >= r->nrows || field < 0 || field >= r->nfields)
		return NULL;
	return r->cell[row * (size_t)r->nfields + (size_t)field];
}

char *
voc_json(struct kam_db *db, const char *since, const char *team,
    int open_limit, int *code)
{
	char limit[16];
	const char *params[] = { since, team, limit };
	struct kam_res *r;
	char *json = NULL;

	snprintf(limit, sizeof limit, "%d", open_limit);
	if ((r = db_query(db, json_sql, 3, params)) == NULL) {
		log_warn("%s", db_error(db));
		*code = db_error_code(db);
		return NULL;
	}
	if (res_rows(r) == 1 && res_get(r, 0, 0) != NULL)
		json = xstrdup(res_get(r, 0, 0));
	res_free(r);
	*code = json ? EX_OK : EX_SOFTWARE;
	return json;
}

static const char *const screen_names[VS_NFIELDS] = {
	[VS_PART] = "part", [VS_TOPIC] = "topic", [VS_ITEMS] = "items",
	[VS_COMPLIMENTS] = "compliments", [VS_IDEAS] = "ideas",
	[VS_COMPLAINTS] = "complaints", [VS_TONE] = "tone", [VS_ID] = "id",
	[VS_ACCOUNT_ID] = "account_id", [VS_ACCOUNT] = "account",
	[VS_KIND] = "kind", [VS_STATE] = "state", [VS_DUE] = "due",
	[VS_MARK] = "mark", [VS_SUBJECT] = "subject", [VS_WAKE] = "wake",
};
static const struct db_columns screen_cols = DB_COLUMNS("the cloud",
    screen_names);

#define DUE_TEXT(c) "coalesce(to_char(" c ", 'YYYY-MM-DD HH24:MI'), '')"
#define MARK_TEXT(c) "CASE WHEN " c " THEN 'overdue' ELSE '' END"

/* An interval as "2 d 4 h" (a day or more) or "3 h 20 min"; "-" for none. */
#define DURATION_TEXT(c) "coalesce(CASE WHEN " c " >= interval '1 day' THEN " \
	"floor(extract(epoch FROM " c ") / 86400) || ' d ' || " \
	"floor(extract(epoch FROM " c ")::bigint % 86400 / 3600) || ' h' ELSE " \
	"floor(extract(epoch FROM " c ") / 3600) || ' h ' || " \
	"floor(extract(epoch FROM " c ")::bigint % 3600 / 60) || ' min' END, '-')"

/* The parts in one statement, each in its function's own order; the
 * measures (kam.voc_measures) only when asked for. An open item's wake
 * is counted by the server's clock, which says what is overdue, not by
 * the client's. */
static const char screen_sql[] =
	"SELECT part, topic, items, compliments, ideas, complaints, tone, id, "
	"account_id, account, kind, state, due, mark, subject, wake FROM ("
	"SELECT 1 AS p, c.ordinality AS n, 'topic' AS part, c.topic, c.items, c.compliments, "
	"c.ideas, c.complaints, c.tone, NULL::bigint AS id, "
	"NULL::bigint AS account_id, NULL AS account, NULL AS kind, "
	"NULL AS state, NULL AS due, NULL AS mark, NULL AS subject, "
	"NULL::bigint AS wake "
	"FROM kam.voc_cloud(" SINCE ", $2, $3::boolean) WITH ORDINALITY c "
	"UNION ALL "
	"SELECT 2, o.ordinality, 'open', NULL, NULL, NULL, NULL, NULL, NULL, o.id, "
	"o.account_id, o.account, o.kind, replace(o.state, '_', ' '), "
	DUE_TEXT("o.due") ", " MARK_TEXT("o.overdue") ", o.subject, "
	"CASE WHEN o.due >= now() THEN ceil(extract(epoch FROM o.due - now()) "
	"* 1000)::bigint END "
	"FROM kam.voc_open(" SINCE ", $2, $3::boolean, $4::int) WITH ORDINALITY o "
	"UNION ALL "
	"SELECT 3, m.n, 'measure', m.label, NULL, NULL, NULL, NULL, NULL, NULL, "
	"NULL, NULL, NULL, m.value, NULL, NULL, NULL, NULL "
	"FROM kam.voc_measures(" SINCE ", $2, $3::boolean) v CROSS JOIN LATERAL "
	"(VALUES (1, 'Compliments', v.compliments::text), "
	"(2, 'Ideas', v.ideas::text), (3, 'Complaints', v.complaints::text), "
	"(4, 'Open (overdue)', v.open || ' (' || v.overdue || ')'), "
	"(5, 'Answered in time', coalesce(round(100 * v.in_time_share) || ' % (' "
	"|| v.answered_in_time || ' of ' || v.due || ')', '-')), "
	"(6, 'Median to acknowledge', " DURATION_TEXT("v.median_acknowledge") "), "
	"(7, 'Median to answer', " DURATION_TEXT("v.median_answer") "), "
	"(8, 'Ideas adopted', v.ideas_adopted::text)) m (n, label, value) "
	"WHERE $5::boolean"
	") x ORDER BY p, n";

bool
voc_screen_send(struct kam_db *db, const struct voc_scope *s, int open_limit,
    bool measures)
{
	char limit[16];
	const char *params[] = { s->since, s->team, s->mine ? "t" : "f", limit,
	    measures ? "t" : "f" };

	snprintf(limit, sizeof limit, "%d", open_limit);
	return db_send_columns(db, screen_sql, 5, params, &screen_cols);
}

static const char *const entry_names[VE_NFIELDS] = {
	[VE_KEY] = "k", [VE_ID] = "id", [VE_ACCOUNT_ID] = "account_id",
	[VE_ACCOUNT] = "account", [VE_WHEN] = "occurred", [VE_KIND] = "kind",
	[VE_STATE] = "state", [VE_DUE] = "due", [VE_MARK] = "mark",
	[VE_SUBJECT] = "subject",
};
static const struct db_columns entry_cols = DB_COLUMNS("a topic's entries",
    entry_names);

static const char entries_sql[] =
	"SELECT e.occurred_at::text AS k, e.id, e.account_id, e.account, "
	"to_char(e.occurred_at, 'YYYY-MM-DD HH24:MI') AS occurred, e.kind, "
	"replace(e.state, '_', ' ') AS state, " DUE_TEXT("e.due") " AS due, "
	MARK_TEXT("e.overdue") " AS mark, e.subject "
	"FROM kam.voc_topic_entries(" SINCE ", $2, $3::boolean, $4, "
	"$5::timestamptz, $6::bigint, $7::int) e";

bool
voc_entries_send(struct kam_db *db, const struct voc_scope *s,
    const char *topic, const char *key, const char *id, int limit)
{
	char n[16];
	const char *params[] = { s->since, s->team, s->mine ? "t" : "f", topic,
	    key != NULL ? key : "infinity",
	    key != NULL && id != NULL ? id : "9223372036854775807", n };

	snprintf(n, sizeof n, "%d", limit);
	return db_send_columns(db, entries_sql, 7, params, &entry_cols);
}

int
voc_open_complaints(struct kam_db *db, const char *since, const char *team,
    long *open, long *overdue)
{
	const char *params[] = { since, team };
	long n[2] = { 0, 0 };
	int rc = db_counts(db, "SELECT open, overdue FROM "
	    "kam.voc_open_complaints(" SINCE ", $2)", 2, params, n, 2);

	*open = n[0];
	*overdue = n[1];
	return rc;
}

static const char *const announce_names[VA_NFIELDS] = {
	[VA_PART] = "part", [VA_ACCOUNT_ID] = "account_id",
	[VA_ACCOUNT] = "account", [VA_CONTACT] = "contact", [VA_EMAIL] = "email",
	[VA_SUBJECT] = "subject", [VA_ITEMS] = "items",
};
static const struct db_columns announce_cols = DB_COLUMNS("an announcement",
    announce_names);

/* kam.voc_announce's rows once (it writes), as the contacts told and
 * the items left alone. */
static const char announce_sql[] =
	"WITH a AS MATERIALIZED (SELECT * FROM kam.voc_announce($4, " SINCE ", "
	"$2, $3::boolean, $5, $6::boolean)) "
	"SELECT part, account_id, account, contact, email, subject, items FROM ("
	"SELECT 1 AS p, 'told' AS part, account_id, account, contact, email, "
	"NULL AS subject, count(*) AS items FROM a WHERE touched "
	"GROUP BY account_id, account, contact_id, contact, email "
	"UNION ALL "
	"SELECT 2, 'untouched', account_id, account, contact, email, subject, 1 "
	"FROM a WHERE NOT touched) x "
	"ORDER BY p, account, account_id, contact, email, subject";

int
voc_announce(struct kam_db *db, const struct voc_scope *s, const char *topic,
    const char *message, bool dry_run, struct voc_rows *out)
{
	const char *params[] = { s->since, s->team, s->mine ? "t" : "f", topic,
	    message, dry_run ? "t" : "f" };

	*out = (struct voc_rows){ 0 };
	return voc_rows_load(db, announce_sql, 6, params, &announce_cols, out);
}

bool
voc_announce_send(struct kam_db *db, const struct voc_scope *s,
    const char *topic, const char *message, bool dry_run)
{
	const char *params[] = { s->since, s->team, s->mine ? "t" : "f", topic,
	    message, dry_run ? "t" : "f" };

	return db_send_columns(db, announce_sql, 6, params, &announce_cols);
}

bool
voc_announce_recv(struct kam_db *db, struct voc_rows *out)
{
	struct kam_res *r = db_take(db);

	*out = (struct voc_rows){ 0 };
	if (r == NULL)
		return false;
	rows_copy(r, &announce_cols, out);
	return true;
}

void
voc_announce_count(const struct voc_rows *r, struct voc_told *n)
{
	const char *last = NULL;

	*n = (struct voc_told){ 0 };
	for (size_t i = 0; i < r->nrows; i++) {
		const char *acct = voc_get(r, i, VA_ACCOUNT_ID);

		if (strcmp(voc_get(r, i, VA_PART), "told") != 0) {
			n->untouched++;
			continue;
		}
		n->items += strtol(voc_get(r, i, VA_ITEMS), NULL, 10);
		if (voc_get(r, i, VA_EMAIL) != NULL)
			n->contacts++;
		/* the rows come by account */
		if (last == NULL || strcmp(last, acct) != 0)
			n->accounts++;
		last = acct;
	}
}
