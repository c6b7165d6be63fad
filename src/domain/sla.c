#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/log.h"
#include "kam/sla.h"
#include "kam/xalloc.h"

/* The SLA in force today, else the latest one. Durations come as seconds,
 * support hours as one readable line, the JSON as the database writes it,
 * so money and times keep their exact text. */
static const char card_sql[] =
"WITH c AS ("
" SELECT a.name AS account, a.erp_id, o.display_name AS owner,"
"  o.email AS owner_email,"
"  CASE WHEN s.id IS NULL THEN 'missing'"
"   WHEN s.valid_to < current_date THEN 'expired'"
"   WHEN s.valid_from > current_date THEN 'upcoming' ELSE 'valid' END AS state,"
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
"  (extract(isodow FROM now() AT TIME ZONE s.time_zone)::int = ANY (s.support_days)"
"   AND (s.support_from IS NULL OR ((now() AT TIME ZONE s.time_zone)::time"
"        >= s.support_from AND (now() AT TIME ZONE s.time_zone)::time < s.support_to)))"
"   AS open_now,"
"  to_char(now() AT TIME ZONE s.time_zone, 'Dy HH24:MI') AS local_now,"
"  array_to_string(s.channels, ', ') AS channels,"
"  ec.name AS esc_name, ec.phone AS esc_phone, ec.email AS esc_email,"
"  s.escalation, s.goodwill_policy, s.valid_from, s.valid_to,"
"  (SELECT string_agg(concat_ws(' ', w.title, '(' || trim_scale(w.value) || ' ' || w.unit || ')',"
"     CASE WHEN w.valid_to IS NULL THEN NULL ELSE 'until ' || w.valid_to END), E'\\n'"
"     ORDER BY w.valid_from)"
"   FROM kam.special_condition w WHERE w.account_id = a.id AND w.kind = 'warranty'"
"    AND w.valid_from <= current_date"
"    AND (w.valid_to IS NULL OR w.valid_to >= current_date)) AS warranties"
" FROM kam.account a"
" LEFT JOIN kam.app_user o ON o.id = a.owner_id"
" LEFT JOIN LATERAL (SELECT * FROM kam.service_level x WHERE x.account_id = a.id"
"   ORDER BY (x.valid_from <= current_date AND (x.valid_to IS NULL"
"    OR x.valid_to >= current_date)) DESC, x.valid_from DESC, x.id DESC LIMIT 1) s ON true"
" LEFT JOIN kam.contact ec ON ec.id = s.escalation_contact_id"
" WHERE a.id = $1::bigint)"
"SELECT c.account, c.erp_id, c.owner, c.owner_email, c.state, c.name,"
" c.first_response_s, c.resolution_s, c.hours, c.time_zone, c.open_now,"
" c.local_now, c.channels, c.esc_name, c.esc_phone, c.esc_email, c.escalation,"
" c.goodwill_policy, c.valid_from, c.valid_to, c.warranties,"
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
"  'warranties', CASE WHEN c.warranties IS NULL THEN '[]'::json"
"   ELSE to_json(string_to_array(c.warranties, E'\\n')) END)"
" FROM c";

int
sla_card_load(struct kam_db *db, const char *account_id, struct sla_card *card)
{
	const char *params[] = { account_id };
	struct kam_res *r;

	memset(card, 0, sizeof *card);
	if ((r = db_query(db, card_sql, 1, params)) == NULL) {
		log_warn("%s", db_error(db));
		return db_error_code(db);
	}
	if (res_rows(r) != 1) {
		res_free(r);
		log_warn("account %s has gone", account_id);
		return EX_NOINPUT;
	}
	for (int i = 0; i < SLA_NFIELDS; i++)
		card->field[i] = xstrdup(res_get(r, 0, i));
	res_free(r);
	return EX_OK;
}

void
sla_card_free(struct sla_card *card)
{
	for (int i = 0; i < SLA_NFIELDS; i++)
		free(card->field[i]);
	memset(card, 0, sizeof *card);
}
