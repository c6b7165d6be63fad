#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/log.h"
#include "kam/sla.h"
#include "kam/xalloc.h"

/* The SLA that applies today by kam.account_service_level (migration
 * 0015, the one definition of it), else the latest one; support is open
 * only under one in force, by kam.support_open (migration 0019: hours
 * may run across midnight). Durations come as seconds,
 * support hours as one readable line, the JSON as the database writes it,
 * so money and times keep their exact text. */
static const char card_sql[] =
"WITH c AS ("
" SELECT a.name AS account, a.erp_id, o.display_name AS owner,"
"  o.email AS owner_email,"
"  coalesce(f.state, 'missing') AS state, f.also_valid,"
"  s.name, extract(epoch FROM s.first_response)::bigint AS first_response_s,"
"  extract(epoch FROM s.resolution)::bigint AS resolution_s,"
"  CASE WHEN s.id IS NULL THEN NULL ELSE concat_ws(' ',"
"   CASE WHEN s.support_days @> '{1,2,3,4,5,6,7}' THEN 'daily'"
"    WHEN s.support_days = '{1,2,3,4,5}' THEN 'Mon-Fri'"
"    WHEN s.support_days = '{1,2,3,4,5,6}' THEN 'Mon-Sat'"
"    ELSE (SELECT string_agg((ARRAY['Mon','Tue','Wed','Thu','Fri','Sat','Sun'])[d], ','"
"          ORDER BY d) FROM unnest(s.support_days) d) END,"
"   CASE WHEN s.support_from IS NULL THEN '24h'"
"    ELSE to_char(s.support_from, 'HH24:MI') || '-' || to_char(s.support_to, 'HH24:MI') END)"
"  END AS hours,"
"  s.time_zone,"
"  CASE WHEN f.state = 'valid' THEN kam.support_open(s.support_days,"
"   s.support_from, s.support_to, s.time_zone, now()) END AS open_now,"
"  to_char(now() AT TIME ZONE s.time_zone, 'Dy HH24:MI') AS local_now,"
"  array_to_string(s.channels, ', ') AS channels,"
"  ec.name AS esc_name, ec.phone AS esc_phone, ec.email AS esc_email,"
"  s.escalation, s.goodwill_policy, s.valid_from, s.valid_to,"
"  (SELECT string_agg(concat_ws(' ', w.title, '(' || trim_scale(w.value) || ' ' || w.unit || ')',"
"     CASE WHEN w.valid_to IS NULL THEN NULL ELSE 'until ' || w.valid_to END), E'\\n'"
"     ORDER BY w.valid_from)"
"   FROM kam.special_condition w WHERE w.account_id = a.id AND w.kind = 'warranty'"
"    AND w.valid_from <= current_date"
"    AND (w.valid_to IS NULL OR w.valid_to >= current_date)) AS warranties,"
"  s.id AS sla_id"
" FROM kam.account a"
" LEFT JOIN kam.app_user o ON o.id = a.owner_id"
" LEFT JOIN LATERAL kam.account_service_level(a.id) f ON true"
" LEFT JOIN kam.service_level s ON s.id = f.id"
" LEFT JOIN kam.contact ec ON ec.id = s.escalation_contact_id"
" WHERE a.id = $1::bigint)"
"SELECT c.account, c.erp_id, c.owner, c.owner_email, c.state, c.name,"
" c.first_response_s, c.resolution_s, c.hours, c.time_zone, c.open_now,"
" c.local_now, c.channels, c.esc_name, c.esc_phone, c.esc_email, c.escalation,"
" c.goodwill_policy, c.valid_from, c.valid_to, c.warranties, c.also_valid,"
" json_build_object('account', c.account, 'erp_id', c.erp_id,"
"  'owner', c.owner, 'owner_email', c.owner_email, 'state', c.state,"
"  'service_level', c.name, 'first_response_seconds', c.first_response_s,"
"  'resolution_seconds', c.resolution_s, 'support_hours', c.hours,"
"  'time_zone', c.time_zone, 'open_now', c.open_now,"
"  'escalation', json_build_object('contact', c.esc_name, 'phone', c.esc_phone,"
"   'email', c.esc_email, 'note', c.escalation),"
"  'channels', to_json(string_to_array(c.channels, ', ')),"
"  'goodwill_policy', c.goodwill_policy,"
"  'valid_from', c.valid_from, 'valid_to', c.valid_to,"
"  'also_valid', c.also_valid,"
"  'warranties', CASE WHEN c.warranties IS NULL THEN '[]'::json"
"   ELSE to_json(string_to_array(c.warranties, E'\\n')) END) AS json,"
" c.sla_id"
" FROM c";

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
	[SLA_JSON] = "json", [SLA_ID] = "sla_id",
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

struct lines {
	sla_line_fn	 emit;
	void		*ctx;
	struct kam_buf	 line;
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

static void
lines_hours(struct lines *l, const struct sla_card *c)
{
	bool open = c->field[SLA_OPEN_NOW] && strcmp(c->field[SLA_OPEN_NOW], "t") == 0;

	if (c->field[SLA_HOURS] == NULL)
		return;
	buf_reset(&l->line);
	buf_addf(&l->line, "%s %s", c->field[SLA_HOURS], c->field[SLA_TIME_ZONE]);
	put(l, "Support hours", l->line.data, SLA_LINE_TEXT);
	if (c->field[SLA_OPEN_NOW] == NULL)	/* no service level in force */
		return;
	buf_reset(&l->line);
	buf_addf(&l->line, "%s (%s there)", open ? "OPEN" : "CLOSED",
	    c->field[SLA_LOCAL_NOW]);
	put(l, "Support now", l->line.data, open ? SLA_LINE_OPEN : SLA_LINE_CLOSED);
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
	struct lines l = { emit, ctx, { 0 } };

	buf_init(&l.line);
	lines_people(&l, c);
	lines_state(&l, c);
	lines_terms(&l, c);
	lines_validity(&l, c);
	buf_free(&l.line);
}

void
sla_card_free(struct sla_card *card)
{
	for (int i = 0; i < SLA_NFIELDS; i++)
		free(card->field[i]);
	memset(card, 0, sizeof *card);
}
