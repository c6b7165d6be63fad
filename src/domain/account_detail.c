/* The account screen's statements: fixed text, one per query, values as
 * parameters ($1 the account, paged ones $2 key, $3 id, $4 limit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kam/account_detail.h"
#include "kam/buf.h"
#include "kam/xalloc.h"

/* The account's voice (issue 14, item 6): its topics of the last 90 days,
 * most raised first, as "tone US count US topic" joined by RS, the tone
 * as kam.voc_cloud (0040) weighs it; the separators in a name made '?'.
 * kam.voc_cloud has no account to restrict it to, so the same tables. */
#define VOICE \
	"(SELECT string_agg(concat_ws(E'\\x1f', CASE WHEN v.complaints >= " \
	"  greatest(v.ideas, v.compliments) THEN 'complaint' WHEN v.ideas >= " \
	"  v.compliments THEN 'idea' ELSE 'compliment' END, v.items, " \
	"  translate(coalesce(v.topic, ''), E'\\x1e\\x1f', '?" "?')), " \
	"  E'\\x1e' " \
	"  ORDER BY v.items DESC, v.topic NULLS LAST) FROM (SELECT t.name AS topic, " \
	"  count(*) AS items, " \
	"  count(*) FILTER (WHERE i.feedback = 'compliment') AS compliments, " \
	"  count(*) FILTER (WHERE i.feedback = 'idea') AS ideas, " \
	"  count(*) FILTER (WHERE i.feedback = 'complaint') AS complaints " \
	"  FROM kam.interaction i LEFT JOIN LATERAL unnest(CASE WHEN " \
	"  i.topic_ids = '{}' THEN '{NULL}'::bigint[] ELSE i.topic_ids END) " \
	"  x (id) ON true LEFT JOIN kam.topic t ON t.id = x.id " \
	"  WHERE i.account_id = a.id AND i.feedback <> 'none' " \
	"  AND i.occurred_at >= now() - interval '90 days' GROUP BY t.name) v) " \
	"  AS voice, "
#define OVERVIEW_HEAD \
	"SELECT a.name, ac.legal_name, a.erp_id, a.vat_id, a.tier, a.lifecycle, " \
	"a.status, a.owner_name AS owner, o.email AS owner_email, a.team, " \
	"a.industry, a.country, a.city, ac.address, pa.name AS parent, " \
	"a.currency, ac.credit_limit, ac.payment_terms, " \
	"to_char(a.last_contact_at, 'YYYY-MM-DD HH24:MI') AS last_contact, " \
	"(SELECT min(i.follow_up_on) FROM kam.interaction i " \
	"  WHERE i.account_id = a.id AND i.follow_up_on >= current_date " \
	"  AND i.follow_up_done_at IS NULL) AS next_follow_up, a.sla_name AS sla, " \
	"(SELECT string_agg(concat_ws(' ', w.title, '(' || trim_scale(w.value) " \
	"  || ' ' || w.unit || ')', 'until ' || w.valid_to), E'\\n' " \
	"  ORDER BY w.valid_to NULLS LAST, w.id) FROM kam.special_condition w " \
	" WHERE w.account_id = a.id AND w.valid_from <= current_date " \
	"  AND (w.valid_to IS NULL OR w.valid_to >= current_date)) AS conditions, " \
	"(SELECT string_agg(c.line, E'\\n') FROM (SELECT to_char(i.occurred_at, " \
	"  'YYYY-MM-DD') || '  ' || i.subject AS line FROM kam.interaction i " \
	"  WHERE i.account_id = a.id AND i.feedback = 'complaint' " \
	"  AND i.complaint_closed_at IS NULL ORDER BY i.occurred_at DESC LIMIT 5) c) " \
	"  AS complaints, " VOICE \
	"ac.notes, "
#define OVERVIEW_FROM \
	" FROM kam.account_list a JOIN kam.account ac ON ac.id = a.id " \
	"LEFT JOIN kam.app_user o ON o.id = a.owner_id " \
	"LEFT JOIN kam.account pa ON pa.id = ac.parent_id "
/* the plan of this year, else the latest */
#define CURRENT_PLAN \
	"kam.account_plan p WHERE p.account_id = $1::bigint " \
	"ORDER BY p.year = extract(year FROM current_date) DESC, p.year DESC LIMIT 1"
/* the Plan tab's year: the one asked for ($2), else this year */
#define PLAN_YEAR "coalesce($2::int, extract(year FROM current_date)::int)"

static const char overview_erp[] = OVERVIEW_HEAD
	"f.revenue_year AS revenue, f.open_amount, f.overdue_amount, "
	"pl.year AS plan_year, pl.status AS plan_status, "
	"pl.revenue_target AS plan_target, pl.open_actions AS plan_open_actions, "
	"f.reporting_currency AS reporting, f.revenue_reporting, "
	"f.open_reporting, f.missing_rate, f.rate_on"
	OVERVIEW_FROM
	/* figures in the account's currency and the reporting one (0017) */
	"LEFT JOIN LATERAL (SELECT * FROM kam.account_money x "
	"WHERE x.account_id = a.id) f ON true "
	"LEFT JOIN LATERAL (SELECT p.year, p.status, p.revenue_target, "
	"(SELECT count(*) FROM kam.plan_action x WHERE x.plan_id = p.id "
	"AND x.status = 'open') AS open_actions FROM " CURRENT_PLAN ") pl ON true "
	"WHERE a.id = $1::bigint";

static const char overview_basic[] = OVERVIEW_HEAD
	"NULL AS revenue, NULL AS open_amount, NULL AS overdue_amount, "
	"NULL AS plan_year, NULL AS plan_status, NULL AS plan_target, "
	"NULL AS plan_open_actions, NULL AS reporting, NULL AS revenue_reporting, "
	"NULL AS open_reporting, NULL AS missing_rate, NULL AS rate_on"
	OVERVIEW_FROM
	"WHERE a.id = $1::bigint";

/* An entry's follow-up and complaint states (0018_entry_lifecycle.sql). */
#define FOLLOW_UP_STATE \
	"CASE WHEN i.follow_up_done_at IS NOT NULL THEN 'done' " \
	"WHEN i.follow_up_on IS NOT NULL THEN 'open' END"
#define COMPLAINT_STATE \
	"CASE WHEN i.feedback <> 'complaint' THEN NULL " \
	"WHEN i.complaint_closed_at IS NULL THEN 'open' ELSE 'closed' END"
/* Orders and invoices; AMOUNTS(x) gives the order's (x = r) or invoice's
 * (x = v) amount and open amount, OVERDUE(x) whether it is overdue. */
#define MONEY(AMOUNTS, OVERDUE) \
	"SELECT * FROM (SELECT to_char(r.order_date, 'YYYY-MM-DD') || ' o ' || " \
	"lpad(r.id::text, 19, '0') AS sort_key, r.id, 'order' AS kind, r.number, " \
	"r.order_date AS date, NULL::date AS due, " AMOUNTS(r) ", r.currency, " \
	"r.status, " OVERDUE(r) " FROM kam.erp_order r " \
	"WHERE r.account_id = $1::bigint AND NOT r.deleted " \
	"UNION ALL SELECT to_char(v.invoice_date, 'YYYY-MM-DD') || ' i ' || " \
	"lpad(v.id::text, 19, '0'), v.id, 'invoice', v.number, v.invoice_date, " \
	"v.due_date, " AMOUNTS(v) ", v.currency, v.status, " OVERDUE(v) \
	" FROM kam.erp_invoice v WHERE v.account_id = $1::bigint AND NOT v.deleted) m " \
	"WHERE ($2::text IS NULL OR (m.sort_key, m.id) < ($2, $3::bigint)) " \
	"ORDER BY m.sort_key DESC LIMIT $4::int"
/* an order has an amount only; an open invoice past its due date is late */
#define AMOUNTS_r "r.amount, NULL::numeric AS open_amount"
#define AMOUNTS_v "v.amount, v.open_amount"
#define OVERDUE_r "false AS overdue"
#define OVERDUE_v "v.open_amount > 0 AND v.due_date < current_date AS overdue"
#define WITH_AMOUNTS(x) AMOUNTS_##x
#define WITH_OVERDUE(x) OVERDUE_##x
/* Support, unless the company lets them see amounts (migration 0016): the
 * amount columns are not named at all, which the database would refuse. */
#define NO_AMOUNTS(x) "NULL::numeric AS amount, NULL::numeric AS open_amount"
#define NO_OVERDUE(x) "false AS overdue"

static const char money_amounts[] = MONEY(WITH_AMOUNTS, WITH_OVERDUE);
static const char money_no_amounts[] = MONEY(NO_AMOUNTS, NO_OVERDUE);

/* a complaint's first answer late: still not answered past its due time */
#define OVERDUE "coalesce(i.loop_state IN ('new', 'acknowledged', " \
	"'in_progress') AND i.answer_due_at < now(), false)"
#define HISTORY_COLS \
	"SELECT i.occurred_at::text AS sort_key, i.id, " \
	"to_char(i.occurred_at, 'YYYY-MM-DD HH24:MI') AS at, i.channel, " \
	"i.direction, c.name AS contact, i.subject, u.display_name AS author, " \
	"i.feedback, i.outcome, i.follow_up_on, " \
	"concat_ws(', ', CASE " FOLLOW_UP_STATE " WHEN 'done' THEN 'done' " \
	"WHEN 'open' THEN 'follow-up' END, " COMPLAINT_STATE ", " \
	"CASE WHEN i.corrected_at IS NOT NULL THEN 'corrected' END) AS state, " \
	FOLLOW_UP_STATE " AS follow_up_state, " COMPLAINT_STATE " AS complaint, " \
	"i.author_id = kam.my_user_id() AS mine, i.version, " \
	"i.loop_state, replace(i.loop_state, '_', ' ') || CASE WHEN " OVERDUE \
	" THEN ', overdue' ELSE '' END AS loop, " \
	"(SELECT string_agg(t.name, ', ' ORDER BY t.name) FROM kam.topic t " \
	"WHERE t.id = ANY (i.topic_ids)) AS topics, " \
	"(SELECT o.display_name FROM kam.app_user o " \
	"WHERE o.id = i.loop_owner_id) AS loop_owner, " \
	"to_char(i.answer_due_at, 'YYYY-MM-DD HH24:MI') AS due, " \
	OVERDUE " AS overdue "
#define HISTORY_FROM \
	"FROM kam.interaction i LEFT JOIN kam.contact c ON c.id = i.contact_id " \
	"LEFT JOIN kam.app_user u ON u.id = i.author_id "
/* A page of the account's history beside the key ($2, $3; the edge
 * when NULL) on the side cmp says, in the order dir ("DESC": newest
 * first), filtered by channel ($5) and feedback kind ($6); the id breaks
 * ties of occurred_at, so that no entry is lost or shown twice. */
#define HISTORY_KEYSET(cmp, edge_at, edge_id, dir) \
	"WHERE i.account_id = $1::bigint AND (i.occurred_at, i.id) " cmp " " \
	"(coalesce($2::timestamptz, " edge_at "), " \
	"coalesce($3::bigint, " edge_id "::bigint)) " \
	"AND ($5::text IS NULL OR i.channel = $5) " \
	"AND ($6::text IS NULL OR i.feedback = $6 " \
	"OR ($6 = 'any' AND i.feedback <> 'none')) " \
	"ORDER BY i.occurred_at " dir ", i.id " dir " LIMIT $4::int"
/* "2026-03-02 14:00 by Anna Lindqvist" of a stamp (at, by) */
#define STAMP(at, by) \
	"to_char(" at ", 'YYYY-MM-DD HH24:MI') || coalesce(' by ' || " \
	"(SELECT s.display_name FROM kam.app_user s WHERE s.id = " by "), '')"

/* The audit log: who in words (the app_user's name, else the role), the
 * row in words (its current name, else the one the entry recorded), and
 * values as text, times stored by to_jsonb shown in the session's zone. */
#define CHANGE_FROM \
	"FROM kam.audit_log l LEFT JOIN kam.app_user u ON u.role_name = l.actor " \
	"CROSS JOIN LATERAL (SELECT coalesce(l.old, '{}') || coalesce(l.new, '{}') " \
	"AS v) d "
#define CHANGE_ROW(table, words, col) \
	"WHEN '" table "' THEN '" words " ' || coalesce((SELECT x." col "::text " \
	"FROM kam." table " x WHERE x.id = l.row_id), d.v ->> '" col "', " \
	"'#' || l.row_id) "
#define CHANGE_WHAT \
	"CASE l.table_name " CHANGE_ROW("account", "account", "name") \
	CHANGE_ROW("contact", "contact", "name") \
	CHANGE_ROW("special_condition", "condition", "title") \
	CHANGE_ROW("service_level", "service level", "name") \
	CHANGE_ROW("account_plan", "plan", "year") \
	CHANGE_ROW("plan_action", "plan action", "title") \
	CHANGE_ROW("interaction", "history entry", "subject") \
	"ELSE replace(l.table_name, '_', ' ') || ' #' || l.row_id END"
#define CHANGE_TIME_RE "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?[+-]\\d\\d(:\\d\\d)?$"
#define CHANGE_VALUE(doc) \
	"CASE WHEN k LIKE '%\\_at' AND " doc " ->> k ~ '" CHANGE_TIME_RE "' " \
	"THEN to_char((" doc " ->> k)::timestamptz, 'YYYY-MM-DD HH24:MI') " \
	"ELSE " doc " ->> k END"
#define CHANGE_VALUES(keys) \
	"SELECT k, " CHANGE_VALUE("l.old") " AS o, " CHANGE_VALUE("l.new") \
	" AS n FROM jsonb_object_keys(" keys ") k"
/* A change's fields for words_changes (kam/words.h): field, old and
 * new, each ended by its separator; NULL as WORDS_NULL; the separators
 * in a value made '?', so that none is taken for one. */
#define CHANGE_US "E'\\x1f'"
#define CHANGE_PART(v) \
	"coalesce(translate(" v ", E'\\x1d\\x1f', '?" "?'), E'\\x1d')"

/* The columns each statement returns, named for the enum that reads them
 * (kam/account_detail.h); checked on every result by db_take. */
static const char *const overview_names[OV_NFIELDS] = {
	[OV_NAME] = "name", [OV_LEGAL_NAME] = "legal_name",
	[OV_ERP_ID] = "erp_id", [OV_VAT_ID] = "vat_id", [OV_TIER] = "tier",
	[OV_LIFECYCLE] = "lifecycle", [OV_STATUS] = "status",
	[OV_OWNER] = "owner", [OV_OWNER_EMAIL] = "owner_email",
	[OV_TEAM] = "team", [OV_INDUSTRY] = "industry", [OV_COUNTRY] = "country",
	[OV_CITY] = "city", [OV_ADDRESS] = "address", [OV_PARENT] = "parent",
	[OV_CURRENCY] = "currency", [OV_CREDIT_LIMIT] = "credit_limit",
	[OV_PAYMENT_TERMS] = "payment_terms", [OV_LAST_CONTACT] = "last_contact",
	[OV_NEXT_FOLLOW_UP] = "next_follow_up", [OV_SLA] = "sla",
	[OV_CONDITIONS] = "conditions", [OV_COMPLAINTS] = "complaints",
	[OV_VOICE] = "voice", [OV_NOTES] = "notes", [OV_REVENUE] = "revenue",
	[OV_OPEN] = "open_amount",
	[OV_OVERDUE] = "overdue_amount", [OV_PLAN_YEAR] = "plan_year",
	[OV_PLAN_STATUS] = "plan_status", [OV_PLAN_TARGET] = "plan_target",
	[OV_PLAN_OPEN_ACTIONS] = "plan_open_actions",
	[OV_REPORTING] = "reporting", [OV_REVENUE_REPORTING] = "revenue_reporting",
	[OV_OPEN_REPORTING] = "open_reporting", [OV_MISSING_RATE] = "missing_rate",
	[OV_RATE_ON] = "rate_on",
};

static const char *const contact_names[CT_NFIELDS] = {
	[CT_NAME] = "name", [CT_JOB] = "job_title", [CT_EMAIL] = "email",
	[CT_PHONE] = "phone", [CT_DECIDES] = "decision_maker",
	[CT_CHANNEL] = "preferred_channel", [CT_ACTIVE] = "active",
	[CT_ID] = "id", [CT_VERSION] = "version",
};

static const char *const cond_names[CD_NFIELDS] = {
	[CD_STATE] = "state", [CD_KIND] = "kind", [CD_TITLE] = "title",
	[CD_VALUE] = "value", [CD_SCOPE] = "scope", [CD_FROM] = "valid_from",
	[CD_TO] = "valid_to", [CD_SOON] = "soon", [CD_ID] = "id",
	[CD_VERSION] = "version",
};

static const char *const plan_names[PL_NFIELDS] = {
	[PL_YEAR] = "year", [PL_STATUS] = "status",
	[PL_TARGET] = "revenue_target", [PL_TALK_ON] = "annual_talk_on",
	[PL_OBJECTIVES] = "objectives", [PL_INNOVATION] = "innovation_access",
	[PL_ID] = "id", [PL_CURRENCY] = "currency", [PL_TALK_HELD] = "talk_held_on",
	[PL_YEARS] = "years",
};

static const char *const action_names[AC_NFIELDS] = {
	[AC_DUE] = "due_on", [AC_STATUS] = "status", [AC_KIND] = "kind",
	[AC_TITLE] = "title", [AC_OWNER] = "owner", [AC_DONE_ON] = "done_on",
	[AC_ID] = "id", [AC_VERSION] = "version", [AC_STATE] = "state",
};

static const char *const sla_row_names[SR_NFIELDS] = {
	[SR_NAME] = "name", [SR_FROM] = "valid_from", [SR_TO] = "valid_to",
	[SR_STATE] = "state", [SR_ID] = "id", [SR_VERSION] = "version",
	[SR_IN_FORCE] = "in_force",
};

static const char *const hist_names[HI_NFIELDS] = {
	[HI_KEY] = "sort_key", [HI_ID] = "id", [HI_AT] = "at",
	[HI_CHANNEL] = "channel", [HI_DIRECTION] = "direction",
	[HI_CONTACT] = "contact", [HI_SUBJECT] = "subject",
	[HI_AUTHOR] = "author", [HI_FEEDBACK] = "feedback",
	[HI_OUTCOME] = "outcome", [HI_FOLLOW_UP] = "follow_up_on",
	[HI_STATE] = "state", [HI_FOLLOW_UP_STATE] = "follow_up_state",
	[HI_COMPLAINT] = "complaint", [HI_MINE] = "mine",
	[HI_VERSION] = "version", [HI_LOOP_STATE] = "loop_state",
	[HI_LOOP] = "loop", [HI_TOPICS] = "topics", [HI_OWNER] = "loop_owner",
	[HI_DUE] = "due", [HI_OVERDUE] = "overdue",
};

static const char *const entry_names[EN_NFIELDS] = {
	[EN_AT] = "at", [EN_CHANNEL] = "channel", [EN_DIRECTION] = "direction",
	[EN_CONTACT] = "contact", [EN_SUBJECT] = "subject",
	[EN_AUTHOR] = "author", [EN_FEEDBACK] = "feedback",
	[EN_OUTCOME] = "outcome", [EN_FOLLOW_UP] = "follow_up_on",
	[EN_DONE] = "done", [EN_COMPLAINT] = "complaint",
	[EN_CORRECTED] = "corrected", [EN_BODY] = "body",
};

static const char *const money_names[MO_NFIELDS] = {
	[MO_KEY] = "sort_key", [MO_ID] = "id", [MO_KIND] = "kind",
	[MO_NUMBER] = "number", [MO_DATE] = "date", [MO_DUE] = "due",
	[MO_AMOUNT] = "amount", [MO_OPEN] = "open_amount",
	[MO_CURRENCY] = "currency", [MO_STATUS] = "status",
	[MO_OVERDUE] = "overdue",
};

static const char *const change_names[CH_NFIELDS] = {
	[CH_KEY] = "sort_key", [CH_ID] = "id", [CH_AT] = "at", [CH_WHO] = "who",
	[CH_WHAT] = "what", [CH_CHANGE] = "change",
};

static const char *const change_entry_names[CE_NFIELDS] = {
	[CE_AT] = "at", [CE_WHO] = "who", [CE_WHAT] = "what", [CE_OP] = "op",
	[CE_FIELD] = "field", [CE_OLD] = "old_value", [CE_NEW] = "new_value",
};

static const char *const quality_names[QF_NFIELDS] = {
	[QF_SCORE] = "score", [QF_SEVERITY] = "severity", [QF_RULE] = "rule",
	[QF_FIELD] = "field", [QF_DETAIL] = "detail",
};

static const char *const breach_names[BR_NFIELDS] = {
	[BR_MONTH] = "month", [BR_FIRST_RESPONSE] = "first_response",
	[BR_RESOLUTION] = "resolution",
};

static const char *const child_names[CHD_NFIELDS] = {
	[CHD_NAME] = "name", [CHD_ERP_ID] = "erp_id", [CHD_TIER] = "tier",
	[CHD_STATUS] = "status", [CHD_BELOW] = "below", [CHD_TOTAL] = "total",
};

static const char *const group_names[GR_NFIELDS] = {
	[GR_MEMBERS] = "members", [GR_HIDDEN] = "hidden", [GR_LEVELS] = "levels",
	[GR_REPORTING] = "reporting_currency", [GR_REVENUE] = "revenue",
	[GR_TARGET] = "target", [GR_OVERDUE] = "overdue",
	[GR_MISSING_RATE] = "missing_rate", [GR_COMPLAINTS] = "open_complaints",
	[GR_TICKETS] = "open_tickets", [GR_BREACHED] = "tickets_breached",
};

static const char *const team_names[TM_NFIELDS] = {
	[TM_LABEL] = "label", [TM_PERSON] = "person", [TM_DEPUTY] = "deputy",
	[TM_ROLE] = "role", [TM_ID] = "id", [TM_VERSION] = "version",
};

struct query_def {
	int			 nparams;
	const char		*sql;
	struct db_columns	 cols;
	bool			 by_year;	/* $1 the account, $2 the year */
	const char		*back;		/* paged: the page before the key */
};

static const struct query_def queries[AQ_COUNT] = {
	[AQ_OVERVIEW] = { 1, NULL,	/* overview_erp or overview_basic */
	  DB_COLUMNS("overview", overview_names), false },
	[AQ_CONTACTS] = { 1,
	  "SELECT c.name, c.job_title, c.email, c.phone, c.decision_maker, "
	  "c.preferred_channel, c.active, c.id, c.version FROM kam.contact c "
	  "WHERE c.account_id = $1::bigint "
	  "ORDER BY c.active DESC, c.decision_maker DESC, c.name, c.id",
	  DB_COLUMNS("contacts", contact_names), false },
	[AQ_CONDITIONS] = { 1,
	  "SELECT s.state, s.kind, s.title, "
	  "trim_scale(s.value) || ' ' || s.unit AS value, s.scope, s.valid_from, "
	  "s.valid_to, s.state = 'expiring' AS soon, s.id, s.version FROM (SELECT "
	  "CASE WHEN x.valid_from > current_date THEN 'upcoming' "
	  "WHEN x.valid_to < current_date THEN 'expired' "
	  "WHEN x.valid_to <= current_date + 30 THEN 'expiring' "
	  "ELSE 'active' END AS state, x.* FROM kam.special_condition x "
	  "WHERE x.account_id = $1::bigint) s ORDER BY array_position("
	  "ARRAY['expiring', 'active', 'upcoming', 'expired'], s.state), "
	  "s.valid_to NULLS LAST, s.id",
	  DB_COLUMNS("conditions", cond_names), false },
	[AQ_PLAN] = { 2,
	  "SELECT y.year, p.status, p.revenue_target, p.annual_talk_on, "
	  "p.objectives, p.innovation_access, p.id, p.talk_held_on, "
	  "(SELECT a.currency FROM kam.account a WHERE a.id = $1::bigint) "
	  "AS currency, "
	  "(SELECT string_agg(o.year::text, ', ' ORDER BY o.year) "
	  "FROM kam.account_plan o WHERE o.account_id = $1::bigint) AS years "
	  "FROM (SELECT " PLAN_YEAR " AS year) y LEFT JOIN kam.account_plan p "
	  "ON p.account_id = $1::bigint AND p.year = y.year",
	  DB_COLUMNS("plan", plan_names), true },
	[AQ_ACTIONS] = { 2,
	  "SELECT x.due_on, x.status, x.kind, x.title, u.display_name AS owner, "
	  "x.done_on, x.id, x.version, CASE WHEN x.status = 'open' AND "
	  "x.due_on < current_date THEN 'overdue' ELSE x.status END AS state "
	  "FROM kam.plan_action x LEFT JOIN kam.app_user u ON u.id = x.owner_id "
	  "WHERE x.plan_id = (SELECT p.id FROM kam.account_plan p "
	  "WHERE p.account_id = $1::bigint AND p.year = " PLAN_YEAR ") "
	  "ORDER BY x.status = 'open' DESC, x.due_on NULLS LAST, x.id",
	  DB_COLUMNS("actions", action_names), true },
	[AQ_HISTORY] = { 6, HISTORY_COLS HISTORY_FROM
	  /* a bound the index can use (0032), as the Changes tab's; from
	   * the top it lets even an entry dated 'infinity' through */
	  HISTORY_KEYSET("<", "'infinity'", "9223372036854775807", "DESC"),
	  DB_COLUMNS("history", hist_names), false,
	  /* G: the page before the key, from the end without one, read up
	   * the same index and shown newest first */
	  "SELECT * FROM (" HISTORY_COLS HISTORY_FROM
	  HISTORY_KEYSET(">", "'-infinity'", "'-9223372036854775808'", "")
	  ") h ORDER BY h.sort_key::timestamptz DESC, h.id DESC" },
	[AQ_ENTRY] = { 1,
	  "SELECT to_char(i.occurred_at, 'YYYY-MM-DD HH24:MI') AS at, i.channel, "
	  "i.direction, c.name AS contact, i.subject, u.display_name AS author, "
	  "i.feedback, i.outcome, i.follow_up_on, "
	  STAMP("i.follow_up_done_at", "i.follow_up_done_by") " AS done, "
	  "CASE " COMPLAINT_STATE " WHEN 'open' THEN 'open' WHEN 'closed' THEN "
	  "'closed ' || " STAMP("i.complaint_closed_at", "i.complaint_closed_by")
	  " END AS complaint, "
	  STAMP("i.corrected_at", "i.corrected_by") " AS corrected, "
	  "i.body " HISTORY_FROM
	  "WHERE i.id = $1::bigint",
	  DB_COLUMNS("history entry", entry_names), false },
	[AQ_MONEY] = { 4, NULL,		/* money_amounts or money_no_amounts */
	  DB_COLUMNS("orders and invoices", money_names), false },
	[AQ_CHANGES] = { 4,
	  "SELECT l.at::text AS sort_key, l.id, "
	  "to_char(l.at, 'YYYY-MM-DD HH24:MI') AS at, "
	  "coalesce(u.display_name, l.actor) AS who, " CHANGE_WHAT " AS what, "
	  "CASE l.op WHEN 'INSERT' THEN 'added' WHEN 'DELETE' THEN 'deleted' "
	  "ELSE (SELECT string_agg(" CHANGE_PART("c.k") " || " CHANGE_US " || "
	  CHANGE_PART("c.o") " || " CHANGE_US " || " CHANGE_PART("c.n") ", "
	  CHANGE_US " ORDER BY c.k) FROM (" CHANGE_VALUES("l.new")
	  ") c) END AS change " CHANGE_FROM
	  /* a bound the index can use: no OR with "from the top" */
	  "WHERE l.account_id = $1::bigint AND (l.at, l.id) < "
	  "(coalesce($2::timestamptz, 'infinity'), coalesce($3::bigint, 0)) "
	  "ORDER BY l.at DESC, l.id DESC LIMIT $4::int",
	  DB_COLUMNS("changes", change_names), false },
	[AQ_CHANGE] = { 1,
	  "SELECT to_char(l.at, 'YYYY-MM-DD HH24:MI') AS at, coalesce(u.display_name "
	  "|| ' (' || l.actor || ')', l.actor) AS who, " CHANGE_WHAT " AS what, "
	  "CASE l.op WHEN 'INSERT' THEN 'added' WHEN 'DELETE' THEN 'deleted' "
	  "ELSE 'changed' END AS op, c.k AS field, c.o AS old_value, "
	  "c.n AS new_value " CHANGE_FROM "CROSS JOIN LATERAL ("
	  CHANGE_VALUES("coalesce(l.new, l.old)") ") c "
	  "WHERE l.id = $1::bigint ORDER BY c.k",
	  DB_COLUMNS("change entry", change_entry_names), false },
	/* The state from the one rule of migration 0015: one valid today
	 * but not the one in force is overlapped by the one that is. */
	[AQ_SLAS] = { 1,
	  "SELECT s.name, s.valid_from, coalesce(s.valid_to::text, 'open end') "
	  "AS valid_to, CASE WHEN s.id = f.id AND f.state = 'valid' "
	  "THEN 'in force' WHEN s.valid_to < current_date THEN 'expired' "
	  "WHEN s.valid_from > current_date THEN 'future' "
	  "ELSE 'overlapped by ' || n.name END AS state, s.id, s.version, "
	  "s.id = f.id AND f.state = 'valid' AS in_force "
	  "FROM kam.service_level s "
	  "LEFT JOIN LATERAL kam.account_service_level($1::bigint) f ON true "
	  "LEFT JOIN kam.service_level n ON n.id = f.id "
	  "WHERE s.account_id = $1::bigint "
	  "ORDER BY s.valid_from, s.valid_to NULLS LAST, s.id",
	  DB_COLUMNS("service levels", sla_row_names), false },
	[AQ_QUALITY] = { 1,
	  "SELECT q.score, f.severity, f.rule, f.field, f.detail "
	  "FROM kam.account_quality q LEFT JOIN kam.quality_finding f "
	  "ON f.account_id = q.account_id WHERE q.account_id = $1::bigint "
	  "ORDER BY f.severity_rank, f.rule, f.entity_id",
	  DB_COLUMNS("quality", quality_names), false },
	[AQ_BREACHES] = { 1,
	  "SELECT to_char(b.month, 'YYYY-MM') AS month, "
	  "coalesce(sum(b.breaches) FILTER (WHERE b.milestone = 'first_response'), 0) "
	  "AS first_response, "
	  "coalesce(sum(b.breaches) FILTER (WHERE b.milestone = 'resolution'), 0) "
	  "AS resolution "
	  "FROM kam.ticket_breach b WHERE b.account_id = $1::bigint "
	  "GROUP BY b.month ORDER BY b.month DESC LIMIT 6",
	  DB_COLUMNS("breaches", breach_names), false },
	[AQ_CHILDREN] = { 1,
	  "SELECT c.name, c.erp_id, c.tier, c.status, c.below, "
	  "count(*) OVER () AS total FROM kam.account_children c "
	  "WHERE c.parent_id = $1::bigint ORDER BY kam.fold(c.name), c.id LIMIT 20",
	  DB_COLUMNS("children", child_names), false },
	/* a leaf that hides nothing has no group to roll up */
	[AQ_GROUP] = { 1,
	  "SELECT r.members, r.hidden, r.levels, r.reporting_currency, "
	  "round(r.revenue) AS revenue, round(r.target) AS target, "
	  "round(r.overdue) AS overdue, r.missing_rate, r.open_complaints, "
	  "r.open_tickets, r.tickets_breached "
	  "FROM kam.group_rollup($1::bigint) r WHERE r.members > 1 OR r.hidden > 0",
	  DB_COLUMNS("group", group_names), false },
	[AQ_TEAM] = { 1,
	  "SELECT t.label, t.person, t.deputy, t.role, t.id, t.version "
	  "FROM kam.account_team_list t WHERE t.account_id = $1::bigint "
	  "ORDER BY t.position, t.label",
	  DB_COLUMNS("team", team_names), false },
};

bool
acct_rows_send(struct kam_db *db, const struct acct_rows_req *req)
{
	const struct query_def *q = &queries[req->query];
	const char *sql = q->sql;
	char limit[16];
	const char *p[] = { req->account_id, req->after_key, req->after_id,
	    limit, req->channel, req->feedback };
	const char *by_year[] = { req->account_id, req->year };

	snprintf(limit, sizeof limit, "%d", req->limit > 0 ? req->limit : 100);
	if (req->query == AQ_OVERVIEW)
		sql = req->erp_figures ? overview_erp : overview_basic;
	else if (req->query == AQ_MONEY)
		sql = req->amounts ? money_amounts : money_no_amounts;
	else if (req->backwards && q->back != NULL)
		sql = q->back;
	return db_send_columns(db, sql, q->nparams, q->by_year ? by_year : p,
	    &q->cols);
}

bool
acct_rows_recv(struct kam_db *db, struct acct_rows *rows)
{
	struct kam_res *r = db_take(db);

	memset(rows, 0, sizeof *rows);
	if (r == NULL)
		return false;
	rows->nrows = (size_t)res_rows(r);
	rows->ncols = (size_t)res_cols(r);
	rows->cell = xcalloc(rows->nrows * rows->ncols + 1, sizeof *rows->cell);
	for (size_t i = 0; i < rows->nrows; i++)
		for (size_t j = 0; j < rows->ncols; j++)
			rows->cell[i * rows->ncols + j] =
			    xstrdup(res_get(r, (int)i, (int)j));
	res_free(r);
	return true;
}

const char *
acct_rows_get(const struct acct_rows *rows, size_t row, size_t col)
{
	if (row >= rows->nrows || col >= rows->ncols)
		return NULL;
	return rows->cell[row * rows->ncols + col];
}

void
acct_rows_append(struct acct_rows *rows, struct acct_rows *more)
{
	size_t have = rows->nrows * rows->ncols, add = more->nrows * more->ncols;

	if (rows->ncols == 0) {
		free(rows->cell);
		*rows = *more;
		memset(more, 0, sizeof *more);
		return;
	}
	rows->cell = xrealloc(rows->cell, (have + add + 1) * sizeof *rows->cell);
	memcpy(rows->cell + have, more->cell, add * sizeof *more->cell);
	rows->nrows += more->nrows;
	free(more->cell);
	memset(more, 0, sizeof *more);
}

void
acct_rows_free(struct acct_rows *rows)
{
	for (size_t i = 0; i < rows->nrows * rows->ncols; i++)
		free(rows->cell[i]);
	free(rows->cell);
	memset(rows, 0, sizeof *rows);
}
