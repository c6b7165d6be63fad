/* What the account screen shows of one account: the 360-degree overview,
 * contacts, conditions, the plan and its actions, the history (paged, with
 * channel and feedback filters, and one entry's full text), orders and
 * invoices. Asynchronous like kam/account_list.h: acct_rows_send() starts
 * a statement, acct_rows_recv() collects it once db_poll() says DB_READY.
 * Every value comes back as text; money keeps its exact decimal text.
 * Cells are indexed by the enums below, each of which names its columns
 * in src/domain/account_detail.c: a statement that does not return one
 * of them fails (EX_SOFTWARE) rather than fill a cell with another. */
#ifndef KAM_ACCOUNT_DETAIL_H
#define KAM_ACCOUNT_DETAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/db.h"

enum acct_query {
	AQ_OVERVIEW,	/* one row: enum ov_field */
	AQ_CONTACTS,	/* enum contact_field */
	AQ_CONDITIONS,	/* enum cond_field */
	AQ_PLAN,	/* the year's plan, one row: enum plan_field */
	AQ_ACTIONS,	/* the year's plan's actions: enum action_field */
	AQ_HISTORY,	/* paged: enum hist_field */
	AQ_ENTRY,	/* one history entry in full: enum entry_field */
	AQ_MONEY,	/* orders and invoices, paged: enum money_field */
	AQ_CHANGES,	/* the audit log, newest first, paged: enum change_field */
	AQ_CHANGE,	/* one audit entry in full: enum change_entry_field */
	AQ_SLAS,	/* every service level, by validity: enum sla_row_field */
	AQ_QUALITY,	/* the data-quality score and findings: enum quality_field */
	AQ_BREACHES,	/* ticket milestones breached by month: enum breach_field */
	AQ_CHILDREN,	/* the accounts right below: enum child_field */
	AQ_GROUP,	/* the group's roll-up, one row or none: enum group_field */
	AQ_TEAM,	/* the account team, a line a role: enum team_field */
	AQ_COUNT
};

enum ov_field {
	OV_NAME, OV_LEGAL_NAME, OV_ERP_ID, OV_VAT_ID, OV_TIER, OV_LIFECYCLE,
	OV_STATUS, OV_OWNER, OV_OWNER_EMAIL, OV_TEAM, OV_INDUSTRY, OV_COUNTRY,
	OV_CITY, OV_ADDRESS, OV_PARENT, OV_CURRENCY, OV_CREDIT_LIMIT,
	OV_PAYMENT_TERMS, OV_LAST_CONTACT, OV_NEXT_FOLLOW_UP, OV_SLA,
	OV_CONDITIONS, OV_COMPLAINTS, OV_VOICE, OV_NOTES, OV_REVENUE, OV_OPEN, OV_OVERDUE,
	OV_PLAN_YEAR, OV_PLAN_STATUS, OV_PLAN_TARGET, OV_PLAN_OPEN_ACTIONS,
	OV_REPORTING, OV_REVENUE_REPORTING, OV_OPEN_REPORTING, OV_MISSING_RATE,
	OV_RATE_ON,
	OV_NFIELDS
};

enum contact_field {
	CT_NAME, CT_JOB, CT_EMAIL, CT_PHONE, CT_DECIDES, CT_CHANNEL, CT_ACTIVE,
	CT_ID, CT_VERSION, CT_NFIELDS
};

/* CD_STATE is expiring (active, ends within 30 days), active, upcoming or
 * expired; CD_SOON is t for expiring ones. */
enum cond_field {
	CD_STATE, CD_KIND, CD_TITLE, CD_VALUE, CD_SCOPE, CD_FROM, CD_TO,
	CD_SOON, CD_ID, CD_VERSION, CD_NFIELDS
};

/* PL_ID is NULL when the account has no plan of that year (PL_YEAR);
 * PL_TALK_ON is the day the annual talk is planned for, PL_TALK_HELD the
 * day it took place; PL_YEARS lists the years with a plan ("2025, 2026"). */
enum plan_field {
	PL_YEAR, PL_STATUS, PL_TARGET, PL_TALK_ON, PL_OBJECTIVES, PL_INNOVATION,
	PL_ID, PL_CURRENCY, PL_TALK_HELD, PL_YEARS, PL_NFIELDS
};

/* AC_STATE is AC_STATUS, but "overdue" for an open action past its due
 * date. */
enum action_field {
	AC_DUE, AC_STATUS, AC_KIND, AC_TITLE, AC_OWNER, AC_DONE_ON, AC_ID,
	AC_VERSION, AC_STATE, AC_NFIELDS
};

/* SR_STATE in words, by kam.account_service_level (migration 0015, the
 * rule kam --sla and the card follow): "in force", "expired", "future",
 * or "overlapped by NAME" for another one valid today; SR_IN_FORCE is t
 * for the one in force; SR_TO is "open end" when it has none. */
enum sla_row_field {
	SR_NAME, SR_FROM, SR_TO, SR_STATE, SR_ID, SR_VERSION, SR_IN_FORCE,
	SR_NFIELDS
};

/* Paged rows start with their key and id (HI_KEY, HI_ID). HI_STATE says
 * in words whether its follow-up is open ("follow-up") or done ("done"),
 * its complaint "open" or "closed", and that it was "corrected"; HI_FOLLOW_UP_STATE is open, done or
 * NULL (no follow-up), HI_COMPLAINT open, closed or NULL (no complaint);
 * HI_MINE is t when the user wrote it. Feedback's loop (NULL for an entry
 * without feedback): HI_LOOP_STATE as stored ("in_progress"), HI_LOOP in
 * words ("in progress"), HI_TOPICS "Delivery, Price", HI_OWNER the loop
 * owner's name, HI_DUE a complaint's first answer's due time, HI_OVERDUE
 * t when that has passed unanswered. */
enum hist_field {
	HI_KEY, HI_ID, HI_AT, HI_CHANNEL, HI_DIRECTION, HI_CONTACT, HI_SUBJECT,
	HI_AUTHOR, HI_FEEDBACK, HI_OUTCOME, HI_FOLLOW_UP, HI_STATE,
	HI_FOLLOW_UP_STATE, HI_COMPLAINT, HI_MINE, HI_VERSION, HI_LOOP_STATE,
	HI_LOOP, HI_TOPICS, HI_OWNER, HI_DUE, HI_OVERDUE, HI_NFIELDS
};

/* EN_DONE, EN_COMPLAINT and EN_CORRECTED: when and by whom ("2026-03-02
 * 14:00 by Anna Lindqvist"), the complaint's state first ("open",
 * "closed 2026-..."); NULL when they do not apply. */
enum entry_field {
	EN_AT, EN_CHANNEL, EN_DIRECTION, EN_CONTACT, EN_SUBJECT, EN_AUTHOR,
	EN_FEEDBACK, EN_OUTCOME, EN_FOLLOW_UP, EN_DONE, EN_COMPLAINT,
	EN_CORRECTED, EN_BODY, EN_NFIELDS
};

/* MO_KIND is order or invoice; MO_OVERDUE t for an open invoice past due. */
enum money_field {
	MO_KEY, MO_ID, MO_KIND, MO_NUMBER, MO_DATE, MO_DUE, MO_AMOUNT, MO_OPEN,
	MO_CURRENCY, MO_STATUS, MO_OVERDUE, MO_NFIELDS
};

/* CH_WHAT names the row in words ("contact Jana Novak", "plan 2026");
 * CH_CHANGE is "added", "deleted", or each changed field with its old and
 * new value cut short ("phone: +49 1 → +49 2; email: ..."). Times are in
 * the session's time zone. */
enum change_field {
	CH_KEY, CH_ID, CH_AT, CH_WHO, CH_WHAT, CH_CHANGE, CH_NFIELDS
};

/* A row per field, in name order; CE_OP is added, changed or deleted.
 * CE_OLD is NULL for an added row, CE_NEW for a deleted one (and either
 * for a value that was or became empty). */
enum change_entry_field {
	CE_AT, CE_WHO, CE_WHAT, CE_OP, CE_FIELD, CE_OLD, CE_NEW, CE_NFIELDS
};

/* One row per finding, worst first, each with the account's score; one
 * row with QF_SCORE only when there is none (migration 0024). QF_SCORE is
 * NULL for a churned account. Readable by whoever may read plans. */
enum quality_field {
	QF_SCORE, QF_SEVERITY, QF_RULE, QF_FIELD, QF_DETAIL, QF_NFIELDS
};

/* The last six months with a breach of a ticket's milestone, newest
 * first (kam.ticket_breach, migration 0033): YYYY-MM and the breaches of
 * first response and of resolution that month. */
enum breach_field {
	BR_MONTH, BR_FIRST_RESPONSE, BR_RESOLUTION, BR_NFIELDS
};

/* The first 20 children by name; CHD_TOTAL is how many there are, CHD_BELOW
 * how many accounts are below the child (migration 0049). */
enum child_field {
	CHD_NAME, CHD_ERP_ID, CHD_TIER, CHD_STATUS, CHD_BELOW, CHD_TOTAL,
	CHD_NFIELDS
};

/* kam.group_rollup (migration 0049) of an account with children or with
 * hidden ones; money in GR_REPORTING, NULL when a rate is missing
 * (GR_MISSING_RATE names the currency). */
enum group_field {
	GR_MEMBERS, GR_HIDDEN, GR_LEVELS, GR_REPORTING, GR_REVENUE, GR_TARGET,
	GR_OVERDUE, GR_MISSING_RATE, GR_COMPLAINTS, GR_TICKETS, GR_BREACHED,
	GR_NFIELDS
};

/* kam.account_team_list (migration 0050): the owner in sales first (its
 * TM_ID NULL: it is the account's owner), then the roles in order. */
enum team_field {
	TM_LABEL, TM_PERSON, TM_DEPUTY, TM_ROLE, TM_ID, TM_VERSION, TM_NFIELDS
};

struct acct_rows_req {
	enum acct_query	 query;
	const char	*account_id;	/* AQ_ENTRY, AQ_CHANGE: the entry's id */
	const char	*after_key;	/* paged: the last row's key and id */
	const char	*after_id;
	int		 limit;		/* paged */
	bool		 backwards;	/* paged (AQ_HISTORY): the page before
					   the key, the last one without */
	const char	*channel;	/* AQ_HISTORY: NULL for all */
	const char	*feedback;	/* AQ_HISTORY: a kind, "any", or NULL */
	bool		 erp_figures;	/* AQ_OVERVIEW: may read invoices, plans */
	bool		 amounts;	/* AQ_MONEY: may read amounts (else NULL) */
	const char	*year;		/* AQ_PLAN, AQ_ACTIONS: NULL this year */
};

struct acct_rows {
	size_t	  nrows;
	size_t	  ncols;
	char	**cell;		/* nrows * ncols, row by row; NULL for NULL */
};

bool	 acct_rows_send(struct kam_db *db, const struct acct_rows_req *req);
/* Returns false on a database error (see db_error). */
bool	 acct_rows_recv(struct kam_db *db, struct acct_rows *rows);
void	 acct_rows_free(struct acct_rows *rows);
/* The cell, or NULL (also outside the rows). */
const char *acct_rows_get(const struct acct_rows *rows, size_t row, size_t col);
/* Appends the rows of more to rows (same columns); more is emptied. */
void	 acct_rows_append(struct acct_rows *rows, struct acct_rows *more);

#endif
