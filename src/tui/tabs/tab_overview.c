/* The 360-degree view of an account: master data, owner and team, tier,
 * lifecycle, ERP figures (revenue this year against the plan's target,
 * open and overdue invoices), contact dates, the service level in short,
 * active conditions, plan status and open complaints, and the account's
 * data-quality score with its findings (for whoever may read plans: the
 * rules read them, migration 0024), and its tickets' breached milestones
 * by month (migration 0033); its group, the children and the group's
 * figures (0049), and its account team (0050). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "card_tab.h"
#include "client.h"
#include "cmdline.h"
#include "message.h"
#include "prompt.h"
#include "form_view.h"
#include "forms.h"
#include "requests.h"
#include "kam/account_detail.h"
#include "kam/money.h"
#include "kam/sla.h"
#include "kam/words.h"
#include "kam/xalloc.h"

enum {
	SLOT_OVERVIEW, SLOT_SLA, SLOT_QUALITY, SLOT_BREACHES, SLOT_CHILDREN,
	SLOT_GROUP, SLOT_TEAM
};

struct tab_overview {
	struct card_tab		 ct;
	struct acct_rows	 ov;
	struct sla_card		 sla;
	struct acct_rows	 quality;
	struct acct_rows	 breaches;
	struct acct_rows	 children, group, team;
	bool			 have_ov, have_sla, have_quality, have_breaches;
	struct kam_buf		 b;
};

#define TO(v) ((struct tab_overview *)(v))

static const char *
f(const struct tab_overview *to, enum ov_field k)
{
	return acct_rows_get(&to->ov, 0, (size_t)k);
}

static void
add(struct tab_overview *to, const char *label, const char *value,
    enum theme_elem role)
{
	card_add(&to->ct.card, label, value, role);
}

/* Formats into the scratch buffer and adds the line. */
static void
addf(struct tab_overview *to, const char *label, enum theme_elem role,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
addf(struct tab_overview *to, const char *label, enum theme_elem role,
    const char *fmt, ...)
{
	va_list ap;

	buf_reset(&to->b);
	va_start(ap, fmt);
	buf_vaddf(&to->b, fmt, ap);
	va_end(ap);
	add(to, label, to->b.data, role);
}

/* The amount with its currency (kam/money.h), in b. */
static const char *
money(struct kam_buf *b, const char *num, const char *currency)
{
	buf_reset(b);
	money_format(b, num, currency);
	return b->data;
}

static void
master_data(struct tab_overview *to)
{
	struct kam_buf m;

	buf_init(&m);
	card_heading(&to->ct.card, "Master data");
	addf(to, "Account", TE_NORMAL, "%s%s%s%s", f(to, OV_NAME),
	    f(to, OV_ERP_ID) ? " (ERP " : "", f(to, OV_ERP_ID) ? f(to, OV_ERP_ID) : "",
	    f(to, OV_ERP_ID) ? ")" : "");
	add(to, "Legal name", f(to, OV_LEGAL_NAME), TE_NORMAL);
	add(to, "VAT id", f(to, OV_VAT_ID), TE_NORMAL);
	add(to, "Industry", f(to, OV_INDUSTRY), TE_NORMAL);
	addf(to, "Location", TE_NORMAL, "%s%s%s", f(to, OV_CITY) ? f(to, OV_CITY) : "",
	    f(to, OV_CITY) && f(to, OV_COUNTRY) ? ", " : "",
	    f(to, OV_COUNTRY) ? f(to, OV_COUNTRY) : "");
	add(to, "Address", f(to, OV_ADDRESS), TE_NORMAL);
	add(to, "Parent", f(to, OV_PARENT), TE_NORMAL);
	if (f(to, OV_CREDIT_LIMIT))
		add(to, "Credit limit", money(&m, f(to, OV_CREDIT_LIMIT),
		    f(to, OV_CURRENCY)), TE_NORMAL);
	add(to, "Payment terms", f(to, OV_PAYMENT_TERMS), TE_NORMAL);
	buf_free(&m);
}

static enum theme_elem
status_role(const char *s)
{
	if (s == NULL || strcmp(s, "active") == 0)
		return TE_ACCT_ACTIVE;
	if (strcmp(s, "at_risk") == 0)
		return TE_ACCT_AT_RISK;
	return strcmp(s, "dormant") == 0 ? TE_ACCT_DORMANT : TE_ACCT_CHURNED;
}

static void
relationship(struct tab_overview *to)
{
	const char *tier = f(to, OV_TIER);

	card_heading(&to->ct.card, "Relationship");
	add(to, "Tier", tier, tier && strcmp(tier, "strategic") == 0 ?
	    TE_TIER_STRATEGIC : tier && strcmp(tier, "key") == 0 ? TE_TIER_KEY :
	    TE_TIER_STANDARD);
	add(to, "Lifecycle", f(to, OV_LIFECYCLE), TE_NORMAL);
	add(to, "Status", words_of(f(to, OV_STATUS)), status_role(f(to, OV_STATUS)));
	if (f(to, OV_OWNER))
		addf(to, "Owner", TE_NORMAL, "%s%s%s%s", f(to, OV_OWNER),
		    f(to, OV_OWNER_EMAIL) ? " <" : "",
		    f(to, OV_OWNER_EMAIL) ? f(to, OV_OWNER_EMAIL) : "",
		    f(to, OV_OWNER_EMAIL) ? ">" : "");
	add(to, "Team", f(to, OV_TEAM), TE_NORMAL);
	add(to, "Last contact", f(to, OV_LAST_CONTACT) ? f(to, OV_LAST_CONTACT) :
	    "none on record", TE_NORMAL);
	add(to, "Next follow-up", f(to, OV_NEXT_FOLLOW_UP) ?
	    f(to, OV_NEXT_FOLLOW_UP) : "none planned", TE_NORMAL);
}

static bool
nonzero(const char *num)
{
	return num != NULL && strspn(num, "-0.") != strlen(num);
}

/* The figures in the reporting currency, and the day of the rate; or
 * which currency has no rate, rather than a sum of two currencies. */
static void
reporting_figures(struct tab_overview *to, struct kam_buf *a,
    struct kam_buf *b)
{
	const char *rep = f(to, OV_REPORTING);

	if (f(to, OV_MISSING_RATE) != NULL) {
		addf(to, "In reporting currency", TE_STATUS_ERROR, "not converted: "
		    "no exchange rate from %s to %s", f(to, OV_MISSING_RATE), rep);
		return;
	}
	if (strcmp(rep, f(to, OV_CURRENCY)) == 0 && f(to, OV_RATE_ON) == NULL)
		return;	/* the account's own currency is the reporting one */
	money(a, f(to, OV_REVENUE_REPORTING), rep);
	addf(to, "In reporting currency", TE_NORMAL, "%s revenue, %s open "
	    "(rates of %s)", a->data, money(b, f(to, OV_OPEN_REPORTING), rep),
	    f(to, OV_RATE_ON));
}

static void
erp_figures(struct tab_overview *to)
{
	const char *cur = f(to, OV_CURRENCY);
	struct kam_buf a, b;

	if (f(to, OV_REPORTING) == NULL)
		return;	/* this user's role may not read ERP figures */
	buf_init(&a);
	buf_init(&b);
	card_heading(&to->ct.card, "ERP figures");
	if (f(to, OV_REVENUE) == NULL)
		addf(to, "Revenue this year", TE_STATUS_ERROR, "not summed: no "
		    "exchange rate from %s to %s", f(to, OV_MISSING_RATE), cur);
	else if (f(to, OV_PLAN_TARGET))
		addf(to, "Revenue this year", TE_NORMAL, "%s of %s target (plan %s)",
		    money(&a, f(to, OV_REVENUE), cur),
		    money(&b, f(to, OV_PLAN_TARGET), cur), f(to, OV_PLAN_YEAR));
	else
		addf(to, "Revenue this year", TE_NORMAL, "%s (no plan target)",
		    money(&a, f(to, OV_REVENUE), cur));
	if (f(to, OV_OPEN) != NULL) {
		add(to, "Open invoices", money(&a, f(to, OV_OPEN), cur), TE_NORMAL);
		add(to, "Overdue", money(&a, f(to, OV_OVERDUE), cur),
		    nonzero(f(to, OV_OVERDUE)) ? TE_OVERDUE : TE_NORMAL);
	}
	reporting_figures(to, &a, &b);
	buf_free(&a);
	buf_free(&b);
}

static void
service_level(struct tab_overview *to)
{
	const struct sla_card *s = &to->sla;
	struct kam_buf d;
	bool open;

	card_heading(&to->ct.card, "Service level (tab 4 has it all)");
	if (!to->have_sla || s->field[SLA_STATE] == NULL)
		return;
	if (s->field[SLA_NAME] == NULL) {
		add(to, "Service level", "none on record: standard support applies",
		    TE_STATUS_ERROR);
		return;
	}
	buf_init(&d);
	sla_duration(&d, s->field[SLA_FIRST_RESPONSE]);
	addf(to, "Service level", strcmp(s->field[SLA_STATE], "valid") == 0 ?
	    TE_NORMAL : TE_STATUS_ERROR, "%s (%s), first response %s",
	    s->field[SLA_NAME], s->field[SLA_STATE], d.data);
	open = s->field[SLA_OPEN_NOW] && strcmp(s->field[SLA_OPEN_NOW], "t") == 0;
	addf(to, "Support now", open ? TE_SLA_OPEN : TE_SLA_CLOSED, "%s (%s %s)",
	    open ? "OPEN" : "CLOSED", s->field[SLA_HOURS] ? s->field[SLA_HOURS] : "",
	    s->field[SLA_TIME_ZONE] ? s->field[SLA_TIME_ZONE] : "");
	buf_free(&d);
}

/* One topic of OV_VOICE, "tone US count US topic", as the cloud (:voc)
 * words it: "! Delivery 3"; its role in *role. */
static char *
voice_word(char *row, enum theme_elem *role)
{
	char *count = strchr(row, '\x1f');
	char *topic = count ? strchr(count + 1, '\x1f') : NULL;
	struct kam_buf w;

	if (count != NULL)
		*count++ = '\0';
	if (topic != NULL)
		*topic++ = '\0';
	buf_init(&w);
	buf_addf(&w, "%s %s %s", theme_voc_tone(row, role),
	    topic && *topic ? topic : "(no topic)", count ? count : "");
	return w.data;
}

/* "Voice": the account's topics of the last 90 days, most raised first,
 * in one line (OV_VOICE: topics joined by RS). */
static void
voice(struct tab_overview *to)
{
	char *v = f(to, OV_VOICE) ? xstrdup(f(to, OV_VOICE)) : NULL;
	char **texts = NULL;
	enum theme_elem *roles = NULL;
	size_t n = 0;

	if (v == NULL) {
		add(to, "Voice", "no feedback in 90 days", TE_NORMAL);
		return;
	}
	for (char *row = v, *end; row != NULL; row = end, n++) {
		if ((end = strchr(row, '\x1e')) != NULL)
			*end++ = '\0';
		texts = xrealloc(texts, (n + 1) * sizeof *texts);
		roles = xrealloc(roles, (n + 1) * sizeof *roles);
		texts[n] = voice_word(row, &roles[n]);
	}
	card_add_runs(&to->ct.card, "Voice", (const char *const *)texts, roles,
	    n);
	for (size_t i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(roles);
	free(v);
}

static void
commitments(struct tab_overview *to)
{
	card_heading(&to->ct.card, "Conditions, plan and complaints");
	add(to, "Active conditions", f(to, OV_CONDITIONS) ? f(to, OV_CONDITIONS) :
	    "none", TE_NORMAL);
	if (f(to, OV_PLAN_YEAR))
		addf(to, "Plan", TE_NORMAL, "%s, %s, %s open action%s",
		    f(to, OV_PLAN_YEAR), f(to, OV_PLAN_STATUS),
		    f(to, OV_PLAN_OPEN_ACTIONS), strcmp(f(to, OV_PLAN_OPEN_ACTIONS),
		    "1") == 0 ? "" : "s");
	else if (f(to, OV_REPORTING) != NULL)
		add(to, "Plan", "no plan yet", TE_NORMAL);
	add(to, "Open complaints", f(to, OV_COMPLAINTS) ? f(to, OV_COMPLAINTS) :
	    "none", f(to, OV_COMPLAINTS) ? TE_FB_COMPLAINT : TE_NORMAL);
	voice(to);
	add(to, "Notes", f(to, OV_NOTES), TE_NORMAL);
}

/* "Score 80 of 100", then a line per finding: its severity, what is
 * wrong and the rule's code (kam(1), DATA QUALITY, explains it). */
static void
quality(struct tab_overview *to)
{
	const struct acct_rows *q = &to->quality;
	const char *score = acct_rows_get(q, 0, QF_SCORE);

	if (!to->have_quality || q->nrows == 0)
		return;
	card_heading(&to->ct.card, "Data quality");
	if (score == NULL) {
		add(to, "Score", "not rated (churned)", TE_NORMAL);
		return;
	}
	addf(to, "Score", TE_NORMAL, "%s of 100%s", score,
	    acct_rows_get(q, 0, QF_RULE) ? "" : ", nothing to fix");
	for (size_t i = 0; i < q->nrows && acct_rows_get(q, i, QF_RULE); i++) {
		const char *sev = acct_rows_get(q, i, QF_SEVERITY);

		addf(to, sev, strcmp(sev, "high") == 0 ? TE_STATUS_ERROR : TE_NORMAL,
		    "%s (%s)", acct_rows_get(q, i, QF_DETAIL),
		    acct_rows_get(q, i, QF_RULE));
	}
}

/* "2026-11  2 first response, 1 resolution": a line per month with a
 * breach, the last six; nothing when none. */
static void
breaches(struct tab_overview *to)
{
	const struct acct_rows *b = &to->breaches;

	if (!to->have_breaches || b->nrows == 0)
		return;
	card_heading(&to->ct.card, "Ticket breaches");
	for (size_t i = 0; i < b->nrows; i++)
		addf(to, acct_rows_get(b, i, BR_MONTH), TE_STATUS_ERROR,
		    "%s first response, %s resolution",
		    acct_rows_get(b, i, BR_FIRST_RESPONSE),
		    acct_rows_get(b, i, BR_RESOLUTION));
}

/* The children by name (the first 20), each with the size of its own
 * group, and the group's figures when the user may read plans. */
static void
group(struct tab_overview *to)
{
	const struct acct_rows *c = &to->children, *g = &to->group;
	const char *rep = acct_rows_get(g, 0, GR_REPORTING);
	struct kam_buf a, b;

	if (c->nrows == 0 && g->nrows == 0)
		return;
	buf_init(&a);
	buf_init(&b);
	card_heading(&to->ct.card, "Group");
	for (size_t i = 0; i < c->nrows; i++) {
		const char *below = acct_rows_get(c, i, CHD_BELOW);

		addf(to, i == 0 ? "Children" : "", TE_NORMAL, "%s%s%s%s, %s%s%s%s",
		    acct_rows_get(c, i, CHD_NAME),
		    acct_rows_get(c, i, CHD_ERP_ID) ? " (ERP " : "",
		    acct_rows_get(c, i, CHD_ERP_ID) ? acct_rows_get(c, i, CHD_ERP_ID) : "",
		    acct_rows_get(c, i, CHD_ERP_ID) ? ")" : "",
		    acct_rows_get(c, i, CHD_TIER),
		    strcmp(below, "0") == 0 ? "" : ", ", strcmp(below, "0") == 0 ?
		    "" : below, strcmp(below, "0") == 0 ? "" : " below");
	}
	if (c->nrows > 0 && strtol(acct_rows_get(c, 0, CHD_TOTAL), NULL, 10) >
	    (long)c->nrows)
		addf(to, "", TE_NORMAL, "and %ld more", strtol(acct_rows_get(c, 0,
		    CHD_TOTAL), NULL, 10) - (long)c->nrows);
	if (g->nrows > 0) {
		addf(to, "Whole group", TE_NORMAL, "%s accounts on %s levels",
		    acct_rows_get(g, 0, GR_MEMBERS), acct_rows_get(g, 0, GR_LEVELS));
		if (strcmp(acct_rows_get(g, 0, GR_HIDDEN), "0") != 0)
			addf(to, "Hidden", TE_STATUS_ERROR, "%s accounts you may not "
			    "read are left out", acct_rows_get(g, 0, GR_HIDDEN));
		if (acct_rows_get(g, 0, GR_REVENUE) && acct_rows_get(g, 0, GR_TARGET))
			addf(to, "Group revenue", TE_NORMAL, "%s of %s target",
			    money(&a, acct_rows_get(g, 0, GR_REVENUE), rep),
			    money(&b, acct_rows_get(g, 0, GR_TARGET), rep));
		if (acct_rows_get(g, 0, GR_OVERDUE))
			add(to, "Group overdue", money(&a, acct_rows_get(g, 0,
			    GR_OVERDUE), rep), nonzero(acct_rows_get(g, 0,
			    GR_OVERDUE)) ? TE_OVERDUE : TE_NORMAL);
		if (acct_rows_get(g, 0, GR_MISSING_RATE))
			addf(to, "Group money", TE_STATUS_ERROR, "not summed: no "
			    "exchange rate from %s to %s", acct_rows_get(g, 0,
			    GR_MISSING_RATE), rep);
		addf(to, "Group service", TE_NORMAL, "%s open complaints, %s open "
		    "tickets, %s breached", acct_rows_get(g, 0, GR_COMPLAINTS),
		    acct_rows_get(g, 0, GR_TICKETS), acct_rows_get(g, 0, GR_BREACHED));
	}
	buf_free(&a);
	buf_free(&b);
}

/* Who owns the customer: a line a role, the person and the deputy. */
static void
team(struct tab_overview *to)
{
	const struct acct_rows *t = &to->team;

	if (t->nrows == 0)
		return;
	card_heading(&to->ct.card, "Account team (t changes it)");
	for (size_t i = 0; i < t->nrows; i++)
		addf(to, acct_rows_get(t, i, TM_LABEL), TE_NORMAL, "%s%s%s",
		    acct_rows_get(t, i, TM_PERSON),
		    acct_rows_get(t, i, TM_DEPUTY) ? ", deputy " : "",
		    acct_rows_get(t, i, TM_DEPUTY) ? acct_rows_get(t, i, TM_DEPUTY) : "");
}

static void
build(struct tab_overview *to)
{
	size_t top = to->ct.card.nav.top;

	card_clear(&to->ct.card);
	to->ct.card.loaded = to->have_ov;
	if (!to->have_ov)
		return;
	if (to->ov.nrows == 0) {
		add(to, "Account", "This account has gone, or you may not see it.",
		    TE_STATUS_ERROR);
		return;
	}
	master_data(to);
	relationship(to);
	erp_figures(to);
	service_level(to);
	commitments(to);
	quality(to);
	breaches(to);
	team(to);
	group(to);
	to->ct.card.nav.top = top;
}

static void
overview_reload(struct view *v, struct tui *t)
{
	req_submit(t, v, SLOT_OVERVIEW, 0);
	req_submit(t, v, SLOT_SLA, 0);
	if (t->session.plans)
		req_submit(t, v, SLOT_QUALITY, 0);
	req_submit(t, v, SLOT_BREACHES, 0);
	req_submit(t, v, SLOT_CHILDREN, 0);
	if (t->session.plans && t->session.erp_figures)
		req_submit(t, v, SLOT_GROUP, 0);
	req_submit(t, v, SLOT_TEAM, 0);
}

/* The rows a slot fills (the overview's own and the SLA card's apart). */
static struct acct_rows *
slot_rows(struct tab_overview *to, int slot, bool **have)
{
	static bool always;

	*have = &always;
	switch (slot) {
	case SLOT_QUALITY:	*have = &to->have_quality; return &to->quality;
	case SLOT_BREACHES:	*have = &to->have_breaches; return &to->breaches;
	case SLOT_CHILDREN:	return &to->children;
	case SLOT_GROUP:	return &to->group;
	case SLOT_TEAM:		return &to->team;
	default:		*have = &to->have_ov; return &to->ov;
	}
}

static bool
overview_send(struct view *v, struct tui *t, int slot, int arg)
{
	struct acct_rows_req req = { .query = AQ_OVERVIEW,
	    .account_id = tab_account_id(v), .erp_figures = t->session.erp_figures };

	(void)arg;
	static const enum acct_query query[] = {
		[SLOT_OVERVIEW] = AQ_OVERVIEW, [SLOT_QUALITY] = AQ_QUALITY,
		[SLOT_BREACHES] = AQ_BREACHES, [SLOT_CHILDREN] = AQ_CHILDREN,
		[SLOT_GROUP] = AQ_GROUP, [SLOT_TEAM] = AQ_TEAM,
	};

	if (slot == SLOT_SLA)
		return sla_card_send(t->db, tab_account_id(v));
	req.query = query[slot];
	return acct_rows_send(t->db, &req);
}

static void
overview_recv(struct view *v, struct tui *t, int slot, int arg)
{
	struct tab_overview *to = TO(v);
	struct acct_rows *rows;
	bool ok, *have;

	(void)arg;
	if (slot == SLOT_SLA) {
		sla_card_free(&to->sla);
		ok = to->have_sla = sla_card_recv(t->db, &to->sla);
	} else {
		rows = slot_rows(to, slot, &have);
		acct_rows_free(rows);
		ok = *have = acct_rows_recv(t->db, rows);
	}
	if (!ok)
		tui_db_error(t);
	build(to);
}

/* t: asks which role, as ":team ROLE" (kam.team_role's codes). */
static void
team_prompt(struct tui *t)
{
	prompt_open(&t->prompt, ':', "team ");
	t->dirty = true;
}

/* :team ROLE: that role's row of the account team, made when there is
 * none; the owner in sales is the account's (e). */
static bool
overview_command(struct view *v, struct tui *t, const struct cmd *c)
{
	struct tab_overview *to = TO(v);
	const char *id = NULL;
	const char *const preset[] = { "role", c->arg, NULL };

	if (c->kind != CMD_TEAM)
		return false;
	if (strcmp(c->arg, "sales") == 0) {
		tui_message(t, true, "The owner in sales is the account's: e edits it.");
		return true;
	}
	if (!tab_may_write(v, t, "team"))
		return true;
	for (size_t i = 0; i < to->team.nrows; i++)
		if (strcmp(acct_rows_get(&to->team, i, TM_ROLE), c->arg) == 0)
			id = acct_rows_get(&to->team, i, TM_ID);
	if (id != NULL)
		form_view_open(t, &form_team, tab_account_id(v),
		    tab_account_name(v), id);
	else
		form_view_open_with(t, &form_team, tab_account_id(v),
		    tab_account_name(v), preset);
	return true;
}

/* e: the account's own fields; t: a role of its team. */
static bool
overview_action(struct view *v, struct tui *t, enum kam_action a)
{
	if (a == ACT_FORM_TEAM) {
		if (tab_may_write(v, t, "team"))
			team_prompt(t);
		return true;
	}
	if (a != ACT_FORM_EDIT)
		return card_tab_action(v, t, a);
	if (tab_may_write(v, t, "fields"))
		form_view_open(t, &form_account, tab_account_id(v),
		    tab_account_name(v), tab_account_id(v));
	return true;
}

static void
overview_free(struct view *v)
{
	struct tab_overview *to = TO(v);

	card_tab_clear(v);
	acct_rows_free(&to->ov);
	acct_rows_free(&to->quality);
	acct_rows_free(&to->breaches);
	acct_rows_free(&to->children);
	acct_rows_free(&to->group);
	acct_rows_free(&to->team);
	sla_card_free(&to->sla);
	buf_free(&to->b);
	free(to);
}

/* the 360-degree view: something of every table of the account */
static void
overview_interest(struct view *v, struct live_interest *out)
{
	static const char *const tables[] = { "*", NULL };

	tab_interest(v, tables, out);
}

static const struct kam_view_ops overview_ops = {
	.name = "overview",
	.draw = card_tab_draw,
	.action = overview_action,
	.command = overview_command,
	.reload = overview_reload,
	.send = overview_send,
	.recv = overview_recv,
	.search = card_tab_search,
	.search_next = card_tab_search_next,
	.status = card_tab_status,
	.free = overview_free,
	.interest = overview_interest,
};

struct view *
tab_overview_new(struct view *account)
{
	struct tab_overview *to = xcalloc(1, sizeof *to);

	card_tab_init(&to->ct, &overview_ops, account, "Overview");
	buf_init(&to->b);
	return &to->ct.v;
}
