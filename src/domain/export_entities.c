/* The exportable entities and their stable columns. Column names and types
 * are a promise to scripts (kam(1) lists them): add, never rename. */
#include <string.h>

#include "kam/export.h"
#include "kam/countof.h"

/* the account columns most entities carry along */
#define ACCOUNT_REF \
	{ "account_id", COL_INT, "a.id" }, \
	{ "account_erp_id", COL_TEXT, "a.erp_id" }, \
	{ "account_name", COL_TEXT, "a.name" }

static const struct export_column accounts[] = {
	{ "id", COL_INT, "a.id" },
	{ "erp_id", COL_TEXT, "a.erp_id" },
	{ "name", COL_TEXT, "a.name" },
	{ "legal_name", COL_TEXT, "a.legal_name" },
	{ "vat_id", COL_TEXT, "a.vat_id" },
	{ "tier", COL_CODE, "a.tier" },
	{ "owner", COL_CODE, "o.role_name" },
	{ "owner_name", COL_TEXT, "o.display_name" },
	{ "team", COL_TEXT, "a.team" },
	{ "industry", COL_TEXT, "a.industry" },
	{ "country", COL_CODE, "a.country" },
	{ "city", COL_TEXT, "a.city" },
	{ "address", COL_TEXT, "a.address" },
	{ "lifecycle", COL_CODE, "a.lifecycle" },
	{ "status", COL_CODE, "a.status" },
	{ "parent_id", COL_INT, "a.parent_id" },
	{ "currency", COL_CODE, "a.currency" },
	{ "credit_limit", COL_NUMERIC, "a.credit_limit" },
	{ "payment_terms", COL_TEXT, "a.payment_terms" },
	{ "notes", COL_TEXT, "a.notes" },
	{ "created_at", COL_TIMESTAMP, "a.created_at" },
	{ "updated_at", COL_TIMESTAMP, "a.updated_at" },
};

static const struct export_column contacts[] = {
	{ "id", COL_INT, "c.id" },
	ACCOUNT_REF,
	{ "erp_id", COL_TEXT, "c.erp_id" },
	{ "name", COL_TEXT, "c.name" },
	{ "job_title", COL_TEXT, "c.job_title" },
	{ "email", COL_TEXT, "c.email" },
	{ "phone", COL_TEXT, "c.phone" },
	{ "decision_maker", COL_BOOL, "c.decision_maker" },
	{ "preferred_channel", COL_CODE, "c.preferred_channel" },
	{ "active", COL_BOOL, "c.active" },
	{ "updated_at", COL_TIMESTAMP, "c.updated_at" },
};

static const struct export_column conditions[] = {
	{ "id", COL_INT, "s.id" },
	ACCOUNT_REF,
	{ "kind", COL_CODE, "s.kind" },
	{ "title", COL_TEXT, "s.title" },
	{ "value", COL_NUMERIC, "s.value" },
	{ "unit", COL_CODE, "s.unit" },
	{ "scope", COL_TEXT, "s.scope" },
	{ "valid_from", COL_DATE, "s.valid_from" },
	{ "valid_to", COL_DATE, "s.valid_to" },
	{ "approved_by", COL_CODE, "ap.role_name" },
	{ "updated_at", COL_TIMESTAMP, "s.updated_at" },
};

static const struct export_column service_levels[] = {
	{ "id", COL_INT, "s.id" },
	ACCOUNT_REF,
	{ "name", COL_TEXT, "s.name" },
	{ "first_response", COL_INTERVAL, "s.first_response" },
	{ "resolution", COL_INTERVAL, "s.resolution" },
	{ "support_days", COL_INT_ARRAY, "s.support_days" },
	{ "support_from", COL_TIME, "s.support_from" },
	{ "support_to", COL_TIME, "s.support_to" },
	{ "time_zone", COL_TEXT, "s.time_zone" },
	{ "channels", COL_TEXT_ARRAY, "s.channels" },
	{ "escalation_contact", COL_TEXT, "ec.name" },
	{ "escalation_phone", COL_TEXT, "ec.phone" },
	{ "escalation_email", COL_TEXT, "ec.email" },
	{ "escalation", COL_TEXT, "s.escalation" },
	{ "goodwill_policy", COL_TEXT, "s.goodwill_policy" },
	{ "valid_from", COL_DATE, "s.valid_from" },
	{ "valid_to", COL_DATE, "s.valid_to" },
	{ "updated_at", COL_TIMESTAMP, "s.updated_at" },
};

static const struct export_column plans[] = {
	{ "id", COL_INT, "p.id" },
	ACCOUNT_REF,
	{ "year", COL_INT, "p.year" },
	{ "annual_talk_on", COL_DATE, "p.annual_talk_on" },
	{ "revenue_target", COL_NUMERIC, "p.revenue_target" },
	{ "objectives", COL_TEXT, "p.objectives" },
	{ "innovation_access", COL_BOOL, "p.innovation_access" },
	{ "status", COL_CODE, "p.status" },
	{ "talk_held_on", COL_DATE, "p.talk_held_on" },
	{ "updated_at", COL_TIMESTAMP, "p.updated_at" },
	/* a target is in its account's currency; compared across accounts
	 * only in the reporting currency (migration 0017), empty when no
	 * rate exists */
	{ "currency", COL_CODE, "a.currency" },
	{ "reporting_currency", COL_CODE, "kam.reporting_currency()" },
	{ "revenue_target_reporting", COL_NUMERIC, "kam.convert_amount("
	  "p.revenue_target, a.currency, kam.reporting_currency(), current_date)" },
};

static const struct export_column actions[] = {
	{ "id", COL_INT, "x.id" },
	{ "plan_id", COL_INT, "p.id" },
	{ "year", COL_INT, "p.year" },
	ACCOUNT_REF,
	{ "title", COL_TEXT, "x.title" },
	{ "kind", COL_CODE, "x.kind" },
	{ "owner", COL_CODE, "xo.role_name" },
	{ "due_on", COL_DATE, "x.due_on" },
	{ "status", COL_CODE, "x.status" },
	{ "done_on", COL_DATE, "x.done_on" },
	{ "updated_at", COL_TIMESTAMP, "x.updated_at" },
};

/* history and feedback: the same rows, feedback only those with any, and
 * with the state of its loop (migration 0027) after them */
#define HISTORY_COLUMNS \
	{ "id", COL_INT, "i.id" }, \
	ACCOUNT_REF, \
	{ "occurred_at", COL_TIMESTAMP, "i.occurred_at" }, \
	{ "channel", COL_CODE, "i.channel" }, \
	{ "direction", COL_CODE, "i.direction" }, \
	{ "contact", COL_TEXT, "c.name" }, \
	{ "subject", COL_TEXT, "i.subject" }, \
	{ "body", COL_TEXT, "i.body" }, \
	{ "author", COL_CODE, "au.role_name" }, \
	{ "outcome", COL_TEXT, "i.outcome" }, \
	{ "follow_up_on", COL_DATE, "i.follow_up_on" }, \
	{ "feedback", COL_CODE, "i.feedback" }

static const struct export_column history[] = {
	HISTORY_COLUMNS,
};

static const struct export_column feedback[] = {
	HISTORY_COLUMNS,
	{ "topics", COL_TEXT_ARRAY, "ARRAY(SELECT t.name FROM kam.topic t "
	  "WHERE t.id = ANY (i.topic_ids) ORDER BY t.name)" },
	{ "loop_state", COL_CODE, "i.loop_state" },
	{ "loop_owner", COL_CODE, "(SELECT u.role_name FROM kam.app_user u "
	  "WHERE u.id = i.loop_owner_id)" },
	{ "answer_due_at", COL_TIMESTAMP, "i.answer_due_at" },
	{ "acknowledged_at", COL_TIMESTAMP, "i.acknowledged_at" },
	{ "answered_at", COL_TIMESTAMP, "i.answered_at" },
	{ "answer_id", COL_INT, "i.answer_id" },
};

static const struct export_column orders[] = {
	{ "id", COL_INT, "r.id" },
	{ "erp_id", COL_TEXT, "r.erp_id" },
	ACCOUNT_REF,
	{ "number", COL_TEXT, "r.number" },
	{ "order_date", COL_DATE, "r.order_date" },
	{ "amount", COL_NUMERIC, "r.amount" },
	{ "currency", COL_CODE, "r.currency" },
	{ "status", COL_TEXT, "r.status" },
	{ "erp_updated_at", COL_TIMESTAMP, "r.erp_updated_at" },
};

static const struct export_column invoices[] = {
	{ "id", COL_INT, "v.id" },
	{ "erp_id", COL_TEXT, "v.erp_id" },
	ACCOUNT_REF,
	{ "number", COL_TEXT, "v.number" },
	{ "invoice_date", COL_DATE, "v.invoice_date" },
	{ "due_date", COL_DATE, "v.due_date" },
	{ "amount", COL_NUMERIC, "v.amount" },
	{ "open_amount", COL_NUMERIC, "v.open_amount" },
	{ "overdue", COL_BOOL, "(v.open_amount > 0 AND v.due_date < current_date)" },
	{ "currency", COL_CODE, "v.currency" },
	{ "status", COL_TEXT, "v.status" },
	{ "erp_updated_at", COL_TIMESTAMP, "v.erp_updated_at" },
};

#define HISTORY_FROM \
	"kam.interaction i JOIN kam.account a ON a.id = i.account_id " \
	"LEFT JOIN kam.contact c ON c.id = i.contact_id " \
	"LEFT JOIN kam.app_user au ON au.id = i.author_id WHERE true"

/* The score per account (kam.account_quality, migration 0024). */
static const struct export_column quality[] = {
	ACCOUNT_REF,
	{ "owner", COL_CODE, "o.role_name" },
	{ "team", COL_TEXT, "a.team" },
	{ "tier", COL_CODE, "a.tier" },
	{ "score", COL_INT, "q.score" },
	{ "findings", COL_INT, "q.findings" },
	{ "high", COL_INT, "q.high" },
	{ "medium", COL_INT, "q.medium" },
	{ "low", COL_INT, "q.low" },
};

/* One row per finding (kam.quality_finding); kam --quality prints these. */
static const struct export_column findings[] = {
	ACCOUNT_REF,
	{ "owner", COL_CODE, "o.role_name" },
	{ "team", COL_TEXT, "a.team" },
	{ "tier", COL_CODE, "a.tier" },
	{ "score", COL_INT, "f.score" },
	{ "rule", COL_CODE, "f.rule" },
	{ "kind", COL_CODE, "f.kind" },
	{ "severity", COL_CODE, "f.severity" },
	{ "entity", COL_CODE, "f.entity" },
	{ "entity_id", COL_INT, "f.entity_id" },
	{ "field", COL_CODE, "f.field" },
	{ "detail", COL_TEXT, "f.detail" },
};

/* One row per ticket with its milestones (kam.ticket_status, 0033). */
static const struct export_column tickets[] = {
	{ "id", COL_INT, "t.id" },
	ACCOUNT_REF,
	{ "opened_at", COL_TIMESTAMP, "t.opened_at" },
	{ "subject", COL_TEXT, "t.subject" },
	{ "priority", COL_CODE, "t.priority" },
	{ "state", COL_CODE, "t.state" },
	{ "sla", COL_TEXT, "t.sla_name" },
	{ "order_id", COL_INT, "t.order_id" },
	{ "first_response_due", COL_TIMESTAMP, "t.first_response_due" },
	{ "first_response_at", COL_TIMESTAMP, "t.first_response_at" },
	{ "first_response_state", COL_CODE, "t.first_response_state" },
	{ "first_response_breached_at", COL_TIMESTAMP, "t.first_response_breached_at" },
	{ "resolution_due", COL_TIMESTAMP, "t.resolution_due" },
	{ "resolved_at", COL_TIMESTAMP, "t.resolved_at" },
	{ "resolution_state", COL_CODE, "t.resolution_state" },
	{ "resolution_breached_at", COL_TIMESTAMP, "t.resolution_breached_at" },
	{ "closed_at", COL_TIMESTAMP, "t.closed_at" },
	{ "paused_since", COL_TIMESTAMP, "t.paused_since" },
	{ "next_due_at", COL_TIMESTAMP, "t.next_due_at" },
	{ "at_risk", COL_BOOL, "t.at_risk" },
	{ "breached", COL_BOOL, "t.breached" },
	{ "escalation", COL_TEXT, "t.escalation" },
};

/* One row per candidate pair (kam.duplicate_accounts() and
 * kam.duplicate_contacts(), migration 0052); kam --duplicates prints
 * these. For a pair of contacts, the accounts are theirs. */
static const struct export_column duplicates[] = {
	{ "kind", COL_CODE, "d.kind" },
	{ "score", COL_INT, "d.score" },
	{ "reasons", COL_TEXT, "d.reasons" },
	{ "id", COL_INT, "d.id" },
	{ "name", COL_TEXT, "d.name" },
	{ "other_id", COL_INT, "d.other_id" },
	{ "other_name", COL_TEXT, "d.other_name" },
	ACCOUNT_REF,
	{ "other_account_id", COL_INT, "b.id" },
	{ "other_account_erp_id", COL_TEXT, "b.erp_id" },
	{ "other_account_name", COL_TEXT, "b.name" },
};

#define DUPLICATES_FROM "(SELECT 'account' AS kind, d.account_id AS id, " \
	"x.name, d.other_id, y.name AS other_name, d.account_id AS one, " \
	"d.other_id AS other, d.score, d.reasons " \
	"FROM kam.duplicate_accounts() d JOIN kam.account x ON x.id = d.account_id " \
	"JOIN kam.account y ON y.id = d.other_id UNION ALL " \
	"SELECT 'contact', d.contact_id, x.name, d.other_id, y.name, x.account_id, " \
	"y.account_id, d.score, d.reasons FROM kam.duplicate_contacts() d " \
	"JOIN kam.contact x ON x.id = d.contact_id " \
	"JOIN kam.contact y ON y.id = d.other_id) d " \
	"JOIN kam.account a ON a.id = d.one JOIN kam.account b ON b.id = d.other " \
	"WHERE true"

/* The reports of kam --report (issue 17): the portfolio's figures as
 * kam.portfolio (migrations 0030, 0044, 0045) gives them to the screen,
 * unrounded; amounts in the account's currency and, where a rate exists,
 * the reporting currency's. */
static const struct export_column portfolio[] = {
	ACCOUNT_REF,
	{ "tier", COL_CODE, "a.tier" },
	{ "status", COL_CODE, "a.status" },
	{ "owner", COL_CODE, "a.owner_role" },
	{ "team", COL_TEXT, "a.team" },
	{ "currency", COL_CODE, "a.currency" },
	{ "reporting_currency", COL_CODE, "a.reporting_currency" },
	{ "revenue", COL_NUMERIC, "a.revenue_year" },
	{ "revenue_reporting", COL_NUMERIC, "a.revenue_reporting" },
	{ "target", COL_NUMERIC, "a.revenue_target" },
	{ "target_reporting", COL_NUMERIC, "a.target_reporting" },
	{ "target_pct", COL_INT, "a.target_pct" },
	{ "growth_pct", COL_NUMERIC, "a.growth_pct" },
	{ "overdue_invoices", COL_INT, "a.overdue_invoices" },
	{ "overdue", COL_NUMERIC, "a.overdue_amount" },
	{ "overdue_reporting", COL_NUMERIC, "a.overdue_reporting" },
	{ "condition_ends_on", COL_DATE, "a.condition_ends_on" },
	{ "condition", COL_TEXT, "a.condition_title" },
	{ "talk", COL_CODE, "a.talk" },
	{ "talk_on", COL_DATE, "a.talk_on" },
	{ "contact_days", COL_INT, "a.contact_days" },
	{ "complaints", COL_INT, "a.open_complaints" },
	{ "alarms", COL_INT, "a.breaches" },
	{ "alarm_kinds", COL_TEXT, "a.breach_kinds" },
};

/* Today's cadence alarms, one row each, as kam --due and the agenda
 * tell them (kam.cadence_breaches, migration 0045). */
static const struct export_column cadence[] = {
	ACCOUNT_REF,
	{ "tier", COL_CODE, "b.tier" },
	{ "owner", COL_CODE, "o.role_name" },
	{ "team", COL_TEXT, "a.team" },
	{ "kind", COL_CODE, "b.kind" },
	{ "due", COL_DATE, "b.due" },
	{ "on_day", COL_DATE, "b.on_day" },
	{ "what", COL_TEXT, "b.what" },
};

/* The conditions not yet ended, soonest end first; the portfolio shows
 * each account's first of them. */
static const struct export_column expiring[] = {
	{ "id", COL_INT, "s.id" },
	ACCOUNT_REF,
	{ "tier", COL_CODE, "a.tier" },
	{ "owner", COL_CODE, "o.role_name" },
	{ "team", COL_TEXT, "a.team" },
	{ "kind", COL_CODE, "s.kind" },
	{ "title", COL_TEXT, "s.title" },
	{ "valid_to", COL_DATE, "s.valid_to" },
	{ "days_left", COL_INT, "s.valid_to - current_date" },
};

/* This year's annual talk of every account, as the portfolio's talk
 * column states it. */
static const struct export_column talks[] = {
	ACCOUNT_REF,
	{ "tier", COL_CODE, "a.tier" },
	{ "owner", COL_CODE, "a.owner_role" },
	{ "team", COL_TEXT, "a.team" },
	{ "talk", COL_CODE, "a.talk" },
	{ "talk_on", COL_DATE, "a.talk_on" },
};


#define QUALITY_FROM "kam.account a JOIN kam.account_quality q " \
	"ON q.account_id = a.id LEFT JOIN kam.app_user o ON o.id = a.owner_id"

static const struct export_entity entities[] = {
	{ "accounts", "kam.account a LEFT JOIN kam.app_user o ON o.id = a.owner_id "
	  "WHERE true", "a.updated_at", "a.id", 0, accounts, countof(accounts) },
	{ "contacts", "kam.contact c JOIN kam.account a ON a.id = c.account_id "
	  "WHERE true", "c.updated_at", "c.id", 0, contacts, countof(contacts) },
	{ "conditions", "kam.special_condition s "
	  "JOIN kam.account a ON a.id = s.account_id "
	  "LEFT JOIN kam.app_user ap ON ap.id = s.approved_by WHERE true",
	  "s.valid_from", "s.id", EXPORT_VALIDITY, conditions, countof(conditions) },
	{ "service-levels", "kam.service_level s "
	  "JOIN kam.account a ON a.id = s.account_id "
	  "LEFT JOIN kam.contact ec ON ec.id = s.escalation_contact_id WHERE true",
	  "s.valid_from", "s.id", EXPORT_VALIDITY, service_levels,
	  countof(service_levels) },
	{ "plans", "kam.account_plan p JOIN kam.account a ON a.id = p.account_id "
	  "WHERE true", "p.annual_talk_on", "p.id", 0, plans, countof(plans) },
	{ "actions", "kam.plan_action x JOIN kam.account_plan p ON p.id = x.plan_id "
	  "JOIN kam.account a ON a.id = p.account_id "
	  "LEFT JOIN kam.app_user xo ON xo.id = x.owner_id WHERE true",
	  "x.due_on", "x.id", 0, actions, countof(actions) },
	{ "history", HISTORY_FROM, "i.occurred_at", "i.id", 0, history,
	  countof(history) },
	{ "feedback", HISTORY_FROM " AND i.feedback <> 'none'", "i.occurred_at",
	  "i.id", 0, feedback, countof(feedback) },
	{ "orders", "kam.erp_order r JOIN kam.account a ON a.id = r.account_id "
	  "WHERE NOT r.deleted", "r.order_date", "r.id", 0, orders, countof(orders) },
	{ "invoices", "kam.erp_invoice v JOIN kam.account a ON a.id = v.account_id "
	  "WHERE NOT v.deleted", "v.invoice_date", "v.id", 0, invoices,
	  countof(invoices) },
	/* worst first: lowest score, then by severity */
	{ "quality", QUALITY_FROM " WHERE true", "a.updated_at",
	  "q.score, a.name, a.id", 0, quality, countof(quality) },
	/* the findings with their scores (0070): the rules evaluated once,
	 * where joining kam.account_quality evaluated them twice */
	{ "findings", "kam.account a JOIN kam.quality_finding_scored f "
	  "ON f.account_id = a.id LEFT JOIN kam.app_user o ON o.id = a.owner_id "
	  "WHERE true", "a.updated_at",
	  "f.score, a.name, a.id, f.severity_rank, f.rule, f.entity_id", 0,
	  findings, countof(findings) },
	{ "tickets", "kam.ticket_status t JOIN kam.account a ON a.id = t.account_id "
	  "WHERE true", "t.opened_at", "t.id", 0, tickets, countof(tickets) },
	/* likeliest first */
	{ "duplicates", DUPLICATES_FROM, "a.updated_at",
	  "d.score DESC, d.kind, d.id, d.other_id", 0, duplicates,
	  countof(duplicates) },
	/* kam --report: the portfolio by team and name, the talks most
	 * pressing first, as the screen sorts them */
	{ "portfolio", "kam.portfolio a WHERE true", "a.talk_on",
	  "a.team, kam.fold(a.name), a.id", 0, portfolio, countof(portfolio) },
	{ "cadence", "kam.cadence_breaches(current_date, NULL) b "
	  "JOIN kam.account a ON a.id = b.account_id "
	  "LEFT JOIN kam.app_user o ON o.id = a.owner_id WHERE true", "b.due",
	  "b.due, kam.fold(a.name), a.id, b.kind, b.subject_id", 0, cadence,
	  countof(cadence) },
	{ "expiring", "kam.special_condition s "
	  "JOIN kam.account a ON a.id = s.account_id "
	  "LEFT JOIN kam.app_user o ON o.id = a.owner_id "
	  "WHERE s.valid_to >= current_date", "s.valid_to",
	  "s.valid_to, kam.fold(a.name), s.id", 0, expiring, countof(expiring) },
	{ "talks", "kam.portfolio a WHERE true", "a.talk_on",
	  "array_position(ARRAY['overdue', 'due', 'not set', 'no plan', "
	  "'planned', 'held', 'closed'], a.talk), a.talk_on, kam.fold(a.name), "
	  "a.id", 0, talks, countof(talks) },
};

const struct export_entity *
export_entities(size_t *n)
{
	*n = countof(entities);
	return entities;
}

const struct export_entity *
export_entity_find(const char *name)
{
	for (size_t i = 0; i < countof(entities); i++)
		if (strcmp(entities[i].name, name) == 0)
			return &entities[i];
	return NULL;
}

const char *
col_type_name(enum col_type t)
{
	static const char *names[] = {
		[COL_TEXT] = "text", [COL_CODE] = "text", [COL_INT] = "integer",
		[COL_NUMERIC] = "numeric", [COL_BOOL] = "boolean",
		[COL_DATE] = "date", [COL_TIMESTAMP] = "timestamptz",
		[COL_INTERVAL] = "interval", [COL_TEXT_ARRAY] = "text[]",
		[COL_INT_ARRAY] = "integer[]", [COL_TIME] = "time",
	};

	return names[t];
}
