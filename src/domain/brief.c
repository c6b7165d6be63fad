/* The brief's statements: fixed text, the account's id as $1. The
 * figures are kam.portfolio's, for that one account (the subquery's
 * filter goes down into the view, which then reads one account). */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "kam/brief.h"
#include "kam/countof.h"
#include "kam/log.h"

#define YEAR "extract(year FROM current_date)::integer"

static const char head_sql[] =
	"SELECT to_char(current_date, 'YYYY-MM-DD') AS today, a.name, a.erp_id,"
	" a.legal_name, a.vat_id, a.tier, a.lifecycle, a.status, a.industry,"
	" a.city, a.country, a.address, pa.name AS parent, a.currency,"
	" a.credit_limit, a.payment_terms, o.display_name AS owner,"
	" o.email AS owner_email, a.team,"
	" (SELECT string_agg(u.display_name, ', ' ORDER BY u.display_name)"
	"   FROM kam.app_user u WHERE u.team = a.team AND u.active"
	"    AND u.kind = 'manager' AND u.id IS DISTINCT FROM a.owner_id)"
	"  AS team_members,"
	" " YEAR " AS year, pl.status AS plan_status, p.talk, p.talk_on,"
	" pl.objectives, pl.innovation_access AS innovation,"
	" (SELECT count(*) FROM kam.plan_action x WHERE x.plan_id = pl.id"
	"   AND x.status = 'done') AS actions_done,"
	" (SELECT count(*) FROM kam.plan_action x WHERE x.plan_id = pl.id"
	"   AND x.status <> 'dropped') AS actions_total,"
	" p.revenue_year AS revenue, p.revenue_target AS target, p.target_pct,"
	" kam.spark_levels(p.months) AS spark,"
	" to_char(current_date - interval '23 months', 'YYYY-MM') AS spark_from,"
	" to_char(current_date, 'YYYY-MM') AS spark_to,"
	" (SELECT max(m) FROM unnest(p.months) m) AS month_max,"
	" p.growth_pct AS growth, p.overdue_invoices,"
	" p.overdue_amount AS overdue, p.contact_days"
	" FROM kam.account a"
	" LEFT JOIN kam.account pa ON pa.id = a.parent_id"
	" LEFT JOIN kam.app_user o ON o.id = a.owner_id"
	" LEFT JOIN kam.account_plan pl ON pl.account_id = a.id"
	"  AND pl.year = " YEAR
	" LEFT JOIN (SELECT q.id, q.talk, q.talk_on, q.revenue_year,"
	"  q.revenue_target, q.target_pct, q.months, q.growth_pct,"
	"  q.overdue_invoices, q.overdue_amount, q.contact_days"
	"  FROM kam.portfolio q WHERE q.id = $1::bigint) p ON true"
	" WHERE a.id = $1::bigint";

static const char *const head_names[BH_NFIELDS] = {
	[BH_TODAY] = "today", [BH_NAME] = "name", [BH_ERP_ID] = "erp_id",
	[BH_LEGAL_NAME] = "legal_name", [BH_VAT_ID] = "vat_id",
	[BH_TIER] = "tier", [BH_LIFECYCLE] = "lifecycle",
	[BH_STATUS] = "status", [BH_INDUSTRY] = "industry",
	[BH_CITY] = "city", [BH_COUNTRY] = "country",
	[BH_ADDRESS] = "address", [BH_PARENT] = "parent",
	[BH_CURRENCY] = "currency", [BH_CREDIT_LIMIT] = "credit_limit",
	[BH_PAYMENT_TERMS] = "payment_terms", [BH_OWNER] = "owner",
	[BH_OWNER_EMAIL] = "owner_email", [BH_TEAM] = "team",
	[BH_TEAM_MEMBERS] = "team_members", [BH_YEAR] = "year",
	[BH_PLAN_STATUS] = "plan_status", [BH_TALK] = "talk",
	[BH_TALK_ON] = "talk_on", [BH_OBJECTIVES] = "objectives",
	[BH_INNOVATION] = "innovation", [BH_ACTIONS_DONE] = "actions_done",
	[BH_ACTIONS_TOTAL] = "actions_total", [BH_REVENUE] = "revenue",
	[BH_TARGET] = "target", [BH_TARGET_PCT] = "target_pct",
	[BH_SPARK] = "spark", [BH_SPARK_FROM] = "spark_from",
	[BH_SPARK_TO] = "spark_to", [BH_MONTH_MAX] = "month_max",
	[BH_GROWTH] = "growth", [BH_OVERDUE_INVOICES] = "overdue_invoices",
	[BH_OVERDUE] = "overdue", [BH_CONTACT_DAYS] = "contact_days",
};

/* Open actions first, the soonest due first. */
static const char actions_sql[] =
	"SELECT x.title, x.kind, u.display_name AS owner, x.due_on, x.status,"
	" x.done_on FROM kam.plan_action x"
	" JOIN kam.account_plan pl ON pl.id = x.plan_id"
	" LEFT JOIN kam.app_user u ON u.id = x.owner_id"
	" WHERE pl.account_id = $1::bigint AND pl.year = " YEAR
	" ORDER BY x.status <> 'open', x.due_on NULLS LAST, x.id LIMIT $2::int";
static const char *const action_names[BA_NFIELDS] = {
	[BA_TITLE] = "title", [BA_KIND] = "kind", [BA_OWNER] = "owner",
	[BA_DUE] = "due_on", [BA_STATUS] = "status", [BA_DONE_ON] = "done_on",
};

/* In force or to come; ending within 90 days is a point of the talk. */
static const char conditions_sql[] =
	"SELECT w.kind, w.title, trim_scale(w.value) AS value, w.unit,"
	" w.valid_from, w.valid_to,"
	" w.valid_to <= current_date + 90 AS ending"
	" FROM kam.special_condition w WHERE w.account_id = $1::bigint"
	" AND (w.valid_to IS NULL OR w.valid_to >= current_date)"
	" ORDER BY w.valid_to NULLS LAST, w.id LIMIT $2::int";
static const char *const condition_names[BC_NFIELDS] = {
	[BC_KIND] = "kind", [BC_TITLE] = "title", [BC_VALUE] = "value",
	[BC_UNIT] = "unit", [BC_FROM] = "valid_from", [BC_TO] = "valid_to",
	[BC_ENDING] = "ending",
};

/* Open as the portfolio counts complaints (not closed) and as the voice
 * of the customer counts ideas (their loop not answered yet). */
static const char feedback_sql[] =
	"SELECT i.feedback AS kind, to_char(i.occurred_at, 'YYYY-MM-DD') AS on,"
	" i.subject, i.loop_state AS state,"
	" to_char(i.answer_due_at, 'YYYY-MM-DD HH24:MI') AS due"
	" FROM kam.interaction i WHERE i.account_id = $1::bigint"
	" AND ((i.feedback = 'complaint' AND i.complaint_closed_at IS NULL)"
	"  OR (i.feedback = 'idea' AND i.loop_state IN ('new', 'acknowledged',"
	"  'in_progress')))"
	" ORDER BY i.feedback, i.occurred_at DESC, i.id DESC LIMIT $2::int";
static const char *const feedback_names[BF_NFIELDS] = {
	[BF_KIND] = "kind", [BF_ON] = "on", [BF_SUBJECT] = "subject",
	[BF_STATE] = "state", [BF_DUE] = "due",
};

static const char contacts_sql[] =
	"SELECT to_char(i.occurred_at, 'YYYY-MM-DD') AS on, i.channel,"
	" i.direction, i.subject, c.name AS contact, u.display_name AS author"
	" FROM kam.interaction i"
	" LEFT JOIN kam.contact c ON c.id = i.contact_id"
	" LEFT JOIN kam.app_user u ON u.id = i.author_id"
	" WHERE i.account_id = $1::bigint AND i.direction <> 'internal'"
	" ORDER BY i.occurred_at DESC, i.id DESC LIMIT $2::int";
static const char *const contact_names[BT_NFIELDS] = {
	[BT_ON] = "on", [BT_CHANNEL] = "channel", [BT_DIRECTION] = "direction",
	[BT_SUBJECT] = "subject", [BT_CONTACT] = "contact",
	[BT_AUTHOR] = "author",
};

/* The roles of the account team in the order an administrator gave
 * them, as the Overview lists them (migration 0050); the owner in sales
 * is the head's. */
static const char roles_sql[] =
	"SELECT t.label, t.person, t.deputy FROM kam.account_team_list t"
	" WHERE t.account_id = $1::bigint AND t.role <> 'sales'"
	" ORDER BY t.position, t.role LIMIT $2::int";
static const char *const role_names[BR_NFIELDS] = {
	[BR_LABEL] = "label", [BR_PERSON] = "person", [BR_DEPUTY] = "deputy",
};

static const struct db_columns head_cols = DB_COLUMNS("brief", head_names);

static const struct {
	const char		*sql;
	struct db_columns	 cols;
	int			 limit;
} lists[BL_NLISTS] = {
	[BL_ACTIONS] = { actions_sql, DB_COLUMNS("brief's actions",
	    action_names), BRIEF_ACTIONS },
	[BL_CONDITIONS] = { conditions_sql, DB_COLUMNS("brief's conditions",
	    condition_names), BRIEF_CONDITIONS },
	[BL_FEEDBACK] = { feedback_sql, DB_COLUMNS("brief's feedback",
	    feedback_names), BRIEF_FEEDBACK },
	[BL_CONTACTS] = { contacts_sql, DB_COLUMNS("brief's contacts",
	    contact_names), BRIEF_CONTACTS },
	[BL_ROLES] = { roles_sql, DB_COLUMNS("brief's account team",
	    role_names), BRIEF_ROLES },
};

static int
failed(struct kam_db *db, struct brief *b)
{
	log_warn("%s", db_error(db));
	brief_free(b);
	return db_error_code(db);
}

int
brief_load(struct kam_db *db, const char *account_id, struct brief *b)
{
	char limit[16];
	const char *params[] = { account_id, limit };
	int rc;

	memset(b, 0, sizeof *b);
	if ((b->head = res_columns(db, db_query(db, head_sql, 1, params),
	    &head_cols)) == NULL)
		return failed(db, b);
	if (res_rows(b->head) != 1) {
		brief_free(b);
		log_warn("account %s has gone", account_id);
		return EX_NOINPUT;
	}
	for (int i = 0; i < BL_NLISTS; i++) {
		/* one more than is shown: to say that there are more */
		snprintf(limit, sizeof limit, "%d", lists[i].limit + 1);
		if ((b->list[i] = res_columns(db, db_query(db, lists[i].sql, 2,
		    params), &lists[i].cols)) == NULL)
			return failed(db, b);
	}
	if ((rc = sla_card_load(db, account_id, &b->sla)) != EX_OK)
		brief_free(b);
	return rc;
}

void
brief_free(struct brief *b)
{
	res_free(b->head);
	for (int i = 0; i < BL_NLISTS; i++)
		res_free(b->list[i]);
	sla_card_free(&b->sla);
	memset(b, 0, sizeof *b);
}
