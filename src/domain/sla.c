#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/log.h"
#include "kam/migrate.h"
#include "kam/sla.h"
#include "kam/xalloc.h"
#include "search_sql.h"

/* The whole card as one JSON object (kam --sla -f json), over c. */
#define CARD_JSON \
" json_build_object('account', c.account, 'erp_id', c.erp_id," \
"  'owner', c.owner, 'owner_email', c.owner_email, 'state', c.state," \
"  'service_level', c.name, 'first_response_seconds', c.first_response_s," \
"  'resolution_seconds', c.resolution_s, 'support_hours', c.hours," \
"  'calendar', c.calendar, 'time_zone', c.time_zone," \
"  'agent_time_zone', current_setting('TimeZone'), 'open_now', c.open_now," \
"  'closes_at', CASE WHEN c.open_now THEN c.change_at END," \
"  'opens_at', CASE WHEN NOT c.open_now THEN c.change_at END," \
"  'seconds_to_change', ceil(extract(epoch FROM c.change_at - now()))::bigint," \
"  'first_response_by', c.response_by, 'resolution_by', c.resolution_by," \
"  'next_holiday', CASE WHEN c.holiday_day IS NOT NULL THEN json_build_object(" \
"   'name', c.holiday_name, 'day', c.holiday_day," \
"   'closed_from', c.closed_from, 'closed_to', c.closed_to) END," \
"  'escalation', json_build_object('contact', c.esc_name, 'phone', c.esc_phone," \
"   'email', c.esc_email, 'note', c.escalation)," \
"  'channels', to_json(string_to_array(c.channels, ', '))," \
"  'goodwill_policy', c.goodwill_policy," \
"  'valid_from', c.valid_from, 'valid_to', c.valid_to," \
"  'also_valid', c.also_valid," \
"  'warranties', CASE WHEN c.warranties IS NULL THEN '[]'::json" \
"   ELSE to_json(string_to_array(c.warranties, E'\\n')) END)"

/* The SLA that applies today by kam.account_service_level (migration
 * 0015, the one definition of it), else the latest one; support is open,
 * opens and closes, and a ticket logged now is due, only under one in
 * force, by the clock over its calendar (migrations 0025 and 0026): the
 * card says what psql would. Durations come as seconds, support hours as
 * one readable line (the calendar's name unless it was made from the
 * service level's hours), instants as text in the calendar's zone and
 * the agent's (NULL when the two are one), the JSON as the database
 * writes it, so money and times keep their exact text; only kam --sla
 * -f json asks for it (JSON is CARD_JSON or NULL), as a new session
 * pays for every function a statement names. c is materialised so that
 * the warranties and the hours, read by the text and the JSON alike,
 * are planned and read once. */
#define CARD_SQL(ACCOUNT, JSON) \
"WITH c AS MATERIALIZED (" \
" SELECT a.name AS account, a.erp_id, o.display_name AS owner," \
"  o.email AS owner_email," \
"  coalesce(f.state, 'missing') AS state, f.also_valid," \
"  s.name, extract(epoch FROM s.first_response)::bigint AS first_response_s," \
"  extract(epoch FROM s.resolution)::bigint AS resolution_s," \
"  CASE WHEN s.id IS NULL THEN NULL WHEN cal.hours_key IS NULL THEN cal.name" \
"   ELSE concat_ws(' '," \
"   CASE WHEN s.support_days @> '{1,2,3,4,5,6,7}' THEN 'daily'" \
"    WHEN s.support_days = '{1,2,3,4,5}' THEN 'Mon-Fri'" \
"    WHEN s.support_days = '{1,2,3,4,5,6}' THEN 'Mon-Sat'" \
"    ELSE (SELECT string_agg((ARRAY['Mon','Tue','Wed','Thu','Fri','Sat','Sun'])[d], ','" \
"          ORDER BY d) FROM unnest(s.support_days) d) END," \
"   CASE WHEN s.support_from IS NULL THEN '24h'" \
"    ELSE to_char(s.support_from, 'HH24:MI') || '-' || to_char(s.support_to, 'HH24:MI') END)" \
"  END AS hours," \
"  cal.name AS calendar, cal.time_zone," \
"  nullif(current_setting('TimeZone'), cal.time_zone) AS here_zone," \
"  k.open_now, k.change_at, k.response_by, k.resolution_by," \
"  to_char(now() AT TIME ZONE cal.time_zone, 'Dy HH24:MI') AS local_now," \
"  array_to_string(s.channels, ', ') AS channels," \
"  ec.name AS esc_name, ec.phone AS esc_phone, ec.email AS esc_email," \
"  s.escalation, s.goodwill_policy, s.valid_from, s.valid_to," \
"  (SELECT string_agg(concat_ws(' ', w.title, '(' || trim_scale(w.value) || ' ' || w.unit || ')'," \
"     CASE WHEN w.valid_to IS NULL THEN NULL ELSE 'until ' || w.valid_to END), E'\\n'" \
"     ORDER BY w.valid_from)" \
"   FROM kam.special_condition w WHERE w.account_id = a.id AND w.kind = 'warranty'" \
"    AND w.valid_from <= current_date" \
"    AND (w.valid_to IS NULL OR w.valid_to >= current_date)) AS warranties," \
"  h.name AS holiday_name, h.day AS holiday_day, h.closed_from, h.closed_to," \
"  s.id AS sla_id" \
" FROM kam.account a" \
" LEFT JOIN kam.app_user o ON o.id = a.owner_id" \
" LEFT JOIN LATERAL kam.account_service_level(a.id) f ON true" \
" LEFT JOIN kam.service_level s ON s.id = f.id" \
" LEFT JOIN kam.calendar cal ON cal.id = s.calendar_id" \
" LEFT JOIN kam.contact ec ON ec.id = s.escalation_contact_id" \
/* the clock (migration 0026) only under a service level in force: \
 * OFFSET 0 keeps each WHERE a test before the functions run, which a \
 * join condition is not (a new session compiles the clock's PL/pgSQL \
 * for an expired service level otherwise) */ \
" LEFT JOIN LATERAL (SELECT x.open_now," \
"   CASE WHEN x.open_now THEN kam.clock_next_closing(s.calendar_id, now())" \
"    ELSE kam.clock_next_opening(s.calendar_id, now()) END AS change_at," \
"   kam.clock_add(s.calendar_id, now(), s.first_response) AS response_by," \
"   kam.clock_add(s.calendar_id, now(), s.resolution) AS resolution_by" \
"   FROM (SELECT kam.clock_open(s.calendar_id, now()) AS open_now" \
"    WHERE f.state = 'valid' OFFSET 0) x) k ON true" \
" LEFT JOIN LATERAL (SELECT * FROM kam.clock_next_holiday(s.calendar_id, now())" \
"  WHERE f.state = 'valid' OFFSET 0) h ON true" \
" WHERE a.id = " ACCOUNT ")" \
"SELECT c.account, c.erp_id, c.owner, c.owner_email, c.state, c.name," \
" c.first_response_s, c.resolution_s, c.hours, c.time_zone, c.open_now," \
" c.local_now, c.channels, c.esc_name, c.esc_phone, c.esc_email, c.escalation," \
" c.goodwill_policy, c.valid_from, c.valid_to, c.warranties, c.also_valid," \
"" JSON " AS json," \
" c.sla_id, c.calendar," \
" kam.clock_local_text(c.change_at, c.time_zone) AS change_there," \
" kam.clock_local_text(c.change_at, c.here_zone) AS change_here," \
" ceil(extract(epoch FROM c.change_at - now()))::bigint AS change_in_s," \
" kam.clock_local_text(c.response_by, c.time_zone) AS response_there," \
" kam.clock_local_text(c.response_by, c.here_zone) AS response_here," \
" kam.clock_local_text(c.resolution_by, c.time_zone) AS resolution_there," \
" kam.clock_local_text(c.resolution_by, c.here_zone) AS resolution_here," \
" CASE WHEN c.holiday_day IS NOT NULL THEN concat_ws(' ', c.holiday_name || ','," \
"  to_char(c.holiday_day, 'Dy YYYY-MM-DD')," \
"  CASE WHEN c.closed_to IS NULL THEN 'from ' || to_char(c.closed_from, 'HH24:MI')" \
"   WHEN c.closed_from IS NULL THEN 'until ' || to_char(c.closed_to, 'HH24:MI')" \
"   ELSE to_char(c.closed_from, 'HH24:MI') || '-' || to_char(c.closed_to, 'HH24:MI')" \
"  END) END AS holiday" \
" FROM c"
static const char card_sql[] = CARD_SQL("$1::bigint", "NULL::json");

/* The columns it returns, named for enum sla_field; checked on every
 * result. */
static const char *const card_names[SLA_NFIELDS] = {
	[SLA_ACCOUNT] = "account", [SLA_ERP_ID] = "erp_id",
	[SLA_OWNER] = "owner", [SLA_OWNER_EMAIL] = "owner_email",
	[SLA_STATE] = "state", [SLA_NAME] = "name",
	[SLA_FIRST_RESPONSE] = "first_response_s",
	[SLA_RESOLUTION] = "resolution_s", [SLA_HOURS] = "hours",
	[SLA_TIME_ZONE] = "time_zone", [SLA_OPEN_NOW] = "open_now",
	[SLA_LOCAL_NOW] = "local_now", [SLA_CHANNELS] = "channels",
	[SLA_ESC_NAME] = "esc_name", [SLA_ESC_PHONE] = "esc_phone",
	[SLA_ESC_EMAIL] = "esc_email", [SLA_ESCALATION] = "escalation",
	[SLA_GOODWILL] = "goodwill_policy", [SLA_VALID_FROM] = "valid_from",
	[SLA_VALID_TO] = "valid_to", [SLA_WARRANTIES] = "warranties",
	[SLA_ALSO_VALID] = "also_valid",
	[SLA_JSON] = "json", [SLA_ID] = "sla_id", [SLA_CALENDAR] = "calendar",
	[SLA_CHANGE_THERE] = "change_there", [SLA_CHANGE_HERE] = "change_here",
	[SLA_CHANGE_IN] = "change_in_s", [SLA_RESPONSE_THERE] = "response_there",
	[SLA_RESPONSE_HERE] = "response_here",
	[SLA_RESOLUTION_THERE] = "resolution_there",
	[SLA_RESOLUTION_HERE] = "resolution_here", [SLA_HOLIDAY] = "holiday",
};

static const struct db_columns card_cols = DB_COLUMNS("service level card",
    card_names);

static void
card_take(const struct kam_res *r, struct sla_card *card)
{
	for (int i = 0; i < SLA_NFIELDS; i++)
		card->field[i] = xstrdup(res_get(r, 0, i));
}

int
sla_card_load(struct kam_db *db, const char *account_id, struct sla_card *card)
{
	const char *params[] = { account_id };
	struct kam_res *r;

	memset(card, 0, sizeof *card);
	r = res_columns(db, db_query(db, card_sql, 1, params), &card_cols);
	if (r == NULL) {
		log_warn("%s", db_error(db));
		return db_error_code(db);
	}
	if (res_rows(r) != 1) {
		res_free(r);
		log_warn("account %s has gone", account_id);
		return EX_NOINPUT;
	}
	card_take(r, card);
	res_free(r);
	return EX_OK;
}

/* kam --sla's one round trip (a fresh backend's catalog lookups and
 * the network's waits are most of its time): the schema check, the
 * account search FIND and, when the key names one account, its card. */
#define LOOKUP_SQL(FIND, JSON) \
	"WITH v AS (" MIGRATE_COUNT_SQL "), " \
	"m AS MATERIALIZED (" FIND ") " \
	"SELECT m.id AS match_id, m.erp_id AS match_erp_id, " \
	"m.name AS match_name, m.city AS match_city, " \
	"v.n AS schema_n, v.latest AS schema_latest, card.* " \
	"FROM v LEFT JOIN m ON true LEFT JOIN LATERAL (" \
	CARD_SQL("m.id AND (SELECT count(*) FROM m) = 1", JSON) ") card ON true"
/* A caller names the account (its name, ERP id, VAT id or kam id): the
 * exact tier alone answers, and a new session does not plan the three
 * others (word starts, anywhere, similar spellings through pg_trgm),
 * about 12 ms of a fresh backend's CPU (bench/README.md). Only a key
 * that is none of them costs a second round trip, with every tier. */
static const char *const lookup_sql[2][2] = {
	{ LOOKUP_SQL(ACCOUNT_FIND_EXACT_SQL, "NULL::json"),
	  LOOKUP_SQL(ACCOUNT_FIND_EXACT_SQL, CARD_JSON) },
	{ LOOKUP_SQL(ACCOUNT_FIND_SQL, "NULL::json"),
	  LOOKUP_SQL(ACCOUNT_FIND_SQL, CARD_JSON) },
};

enum { LK_ID, LK_ERP_ID, LK_NAME, LK_CITY, LK_SCHEMA_N, LK_SCHEMA_LATEST,
	LK_NCOLS };
static const char *const lookup_names[LK_NCOLS] = {
	[LK_ID] = "match_id", [LK_ERP_ID] = "match_erp_id",
	[LK_NAME] = "match_name", [LK_CITY] = "match_city",
	[LK_SCHEMA_N] = "schema_n", [LK_SCHEMA_LATEST] = "schema_latest",
};
static const struct db_columns lookup_cols = DB_COLUMNS("service level "
    "lookup", lookup_names);

/* One statement of the lookup: the schema's state, the matches and,
 * for one, its card. */
static int
lookup_run(struct kam_db *db, const char *sql, const char *key,
    struct sla_lookup *l)
{
	const char *params[] = { key };
	struct kam_res *r;

	memset(l, 0, sizeof *l);
	if ((r = res_columns(db, db_query(db, sql, 1, params),
	    &lookup_cols)) == NULL)
		return db_error_code(db);
	l->schema_n = (int)strtol(res_get(r, 0, LK_SCHEMA_N), NULL, 10);
	l->schema_latest = (int)strtol(res_get(r, 0, LK_SCHEMA_LATEST), NULL, 10);
	account_matches_take(r, &l->matches);
	if (l->matches.n == 1 &&
	    (r = res_columns(db, r, &card_cols)) == NULL) {
		account_matches_free(&l->matches);
		return db_error_code(db);
	}
	if (l->matches.n == 1)
		card_take(r, &l->card);
	res_free(r);
	return EX_OK;
}

int
sla_card_lookup(struct kam_db *db, const char *key, bool json,
    struct sla_lookup *l)
{
	int rc = lookup_run(db, lookup_sql[0][json], key, l);

	if (rc != EX_OK || l->matches.n > 0)
		return rc;
	account_matches_free(&l->matches);
	return lookup_run(db, lookup_sql[1][json], key, l);
}

bool
sla_card_send(struct kam_db *db, const char *account_id)
{
	const char *params[] = { account_id };

	return db_send_columns(db, card_sql, 1, params, &card_cols);
}

bool
sla_card_recv(struct kam_db *db, struct sla_card *card)
{
	struct kam_res *r = db_take(db);

	memset(card, 0, sizeof *card);
	if (r == NULL)
		return false;
	if (res_rows(r) == 1)
		card_take(r, card);
	res_free(r);
	return true;
}

void
sla_duration(struct kam_buf *b, const char *seconds)
{
	long s = seconds ? strtol(seconds, NULL, 10) : 0;
	long d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;

	buf_reset(b);
	if (seconds == NULL)
		return;
	if (d > 0)
		buf_addf(b, "%ld day%s", d, d == 1 ? "" : "s");
	if (h > 0)
		buf_addf(b, "%s%ld h", b->len ? " " : "", h);
	if (m > 0 || b->len == 0)
		buf_addf(b, "%s%ld min", b->len ? " " : "", m);
}

void
sla_until(struct kam_buf *b, const char *seconds)
{
	long s = seconds ? strtol(seconds, NULL, 10) : 0;
	long m = s > 0 ? (s + 59) / 60 : 0;
	long d = m / 1440, h = m % 1440 / 60, mi = m % 60;

	buf_reset(b);
	if (seconds == NULL)
		return;
	if (d > 0) {
		buf_addf(b, "in %ld d", d);
		if (h > 0)
			buf_addf(b, " %ld h", h);
	} else if (h > 0) {
		buf_addf(b, "in %ld h", h);
		if (mi > 0)
			buf_addf(b, " %ld min", mi);
	} else
		buf_addf(b, "in %ld min", mi);
}

struct lines {
	sla_line_fn	 emit;
	void		*ctx;
	struct kam_buf	 line;
	struct kam_buf	 part;
};

static void
put(struct lines *l, const char *label, const char *value, enum sla_line kind)
{
	if (value != NULL && *value != '\0')
		l->emit(l->ctx, label, value, kind);
}

static void
lines_state(struct lines *l, const struct sla_card *c)
{
	const char *state = c->field[SLA_STATE];

	buf_reset(&l->line);
	if (strcmp(state, "missing") == 0)
		buf_adds(&l->line, "no service level on record: standard support applies");
	else if (strcmp(state, "expired") == 0)
		buf_addf(&l->line, "service level expired on %s", c->field[SLA_VALID_TO]);
	else if (strcmp(state, "upcoming") == 0)
		buf_addf(&l->line, "service level starts on %s", c->field[SLA_VALID_FROM]);
	put(l, "WARNING", l->line.data, SLA_LINE_WARNING);
	buf_reset(&l->line);
	if (c->field[SLA_ALSO_VALID] != NULL)
		buf_addf(&l->line, "also in force: %s (the latest start applies)",
		    c->field[SLA_ALSO_VALID]);
	put(l, "NOTE", l->line.data, SLA_LINE_WARNING);
}

/* "closes 17:00 (11:00 here, in 2 h 10 min)": the agent's time only
 * when the agent is in another zone. */
static void
lines_change(struct lines *l, const struct sla_card *c, bool open)
{
	if (c->field[SLA_CHANGE_THERE] == NULL) {
		buf_adds(&l->line, open ? ", around the clock" :
		    ", no opening within a year");
		return;
	}
	buf_addf(&l->line, ", %s %s (", open ? "closes" : "opens",
	    c->field[SLA_CHANGE_THERE]);
	if (c->field[SLA_CHANGE_HERE] != NULL)
		buf_addf(&l->line, "%s here, ", c->field[SLA_CHANGE_HERE]);
	sla_until(&l->part, c->field[SLA_CHANGE_IN]);
	buf_addf(&l->line, "%s)", l->part.data);
}

/* "first response by Mon 11:00 (10:00 here)" */
static void
add_due(struct kam_buf *b, const char *what, const char *there,
    const char *here)
{
	if (there == NULL)
		return;
	buf_addf(b, "%s%s by %s", b->len ? ", " : "", what, there);
	if (here != NULL)
		buf_addf(b, " (%s here)", here);
}

static void
lines_hours(struct lines *l, const struct sla_card *c)
{
	bool open = c->field[SLA_OPEN_NOW] && strcmp(c->field[SLA_OPEN_NOW], "t") == 0;

	if (c->field[SLA_HOURS] == NULL)
		return;
	buf_reset(&l->line);
	buf_adds(&l->line, c->field[SLA_HOURS]);
	if (strstr(c->field[SLA_HOURS], c->field[SLA_TIME_ZONE]) == NULL)
		buf_addf(&l->line, " %s", c->field[SLA_TIME_ZONE]);
	put(l, "Support hours", l->line.data, SLA_LINE_TEXT);
	if (c->field[SLA_OPEN_NOW] == NULL)	/* no service level in force */
		return;
	buf_reset(&l->line);
	buf_adds(&l->line, open ? "OPEN now" : "CLOSED");
	lines_change(l, c, open);
	buf_addf(&l->line, "; %s there", c->field[SLA_LOCAL_NOW]);
	put(l, "Support now", l->line.data, open ? SLA_LINE_OPEN : SLA_LINE_CLOSED);
	buf_reset(&l->line);
	add_due(&l->line, "first response", c->field[SLA_RESPONSE_THERE],
	    c->field[SLA_RESPONSE_HERE]);
	add_due(&l->line, "resolution", c->field[SLA_RESOLUTION_THERE],
	    c->field[SLA_RESOLUTION_HERE]);
	put(l, "Ticket now", l->line.data, SLA_LINE_TEXT);
	put(l, "Next holiday", c->field[SLA_HOLIDAY], SLA_LINE_TEXT);
}

/* "a, b, c" of the values that are there */
static void
join(struct kam_buf *b, const char *const *parts, int n)
{
	buf_reset(b);
	for (int i = 0; i < n; i++)
		if (parts[i] != NULL)
			buf_addf(b, "%s%s", b->len ? ", " : "", parts[i]);
}

static void
lines_people(struct lines *l, const struct sla_card *c)
{
	buf_reset(&l->line);
	buf_addf(&l->line, "%s%s%s%s", c->field[SLA_ACCOUNT],
	    c->field[SLA_ERP_ID] ? " (" : "", c->field[SLA_ERP_ID] ? c->field[SLA_ERP_ID] : "",
	    c->field[SLA_ERP_ID] ? ")" : "");
	put(l, "Account", l->line.data, SLA_LINE_TEXT);
	buf_reset(&l->line);
	if (c->field[SLA_OWNER])
		buf_addf(&l->line, "%s%s%s%s", c->field[SLA_OWNER],
		    c->field[SLA_OWNER_EMAIL] ? " <" : "",
		    c->field[SLA_OWNER_EMAIL] ? c->field[SLA_OWNER_EMAIL] : "",
		    c->field[SLA_OWNER_EMAIL] ? ">" : "");
	put(l, "Account owner", l->line.data, SLA_LINE_TEXT);
}

static void
lines_terms(struct lines *l, const struct sla_card *c)
{
	const char *esc[] = { c->field[SLA_ESC_NAME], c->field[SLA_ESC_PHONE],
	    c->field[SLA_ESC_EMAIL] };

	put(l, "Service level", c->field[SLA_NAME], SLA_LINE_TEXT);
	sla_duration(&l->line, c->field[SLA_FIRST_RESPONSE]);
	put(l, "First response", l->line.data, SLA_LINE_TEXT);
	sla_duration(&l->line, c->field[SLA_RESOLUTION]);
	put(l, "Resolution", l->line.data, SLA_LINE_TEXT);
	lines_hours(l, c);
	put(l, "Channels", c->field[SLA_CHANNELS], SLA_LINE_TEXT);
	join(&l->line, esc, 3);
	put(l, "Escalation", l->line.data, SLA_LINE_TEXT);
	put(l, "", c->field[SLA_ESCALATION], SLA_LINE_TEXT);
	put(l, "Goodwill", c->field[SLA_GOODWILL], SLA_LINE_TEXT);
}

static void
lines_validity(struct lines *l, const struct sla_card *c)
{
	const char *w = c->field[SLA_WARRANTIES], *nl;

	if (c->field[SLA_VALID_FROM]) {
		buf_reset(&l->line);
		buf_addf(&l->line, "%s to %s", c->field[SLA_VALID_FROM],
		    c->field[SLA_VALID_TO] ? c->field[SLA_VALID_TO] : "open end");
		put(l, "Valid", l->line.data, SLA_LINE_TEXT);
	}
	for (; w != NULL && *w; w = nl ? nl + 1 : "") {
		nl = strchr(w, '\n');
		buf_reset(&l->line);
		buf_add(&l->line, w, nl ? (size_t)(nl - w) : strlen(w));
		put(l, "Warranty", l->line.data, SLA_LINE_TEXT);
	}
}

void
sla_card_lines(const struct sla_card *c, sla_line_fn emit, void *ctx)
{
	struct lines l = { emit, ctx, { 0 }, { 0 } };

	buf_init(&l.line);
	buf_init(&l.part);
	lines_people(&l, c);
	lines_state(&l, c);
	lines_terms(&l, c);
	lines_validity(&l, c);
	buf_free(&l.line);
	buf_free(&l.part);
}

void
sla_card_free(struct sla_card *card)
{
	for (int i = 0; i < SLA_NFIELDS; i++)
		free(card->field[i]);
	memset(card, 0, sizeof *card);
}
