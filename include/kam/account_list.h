/* The account list of the full-screen client: one page of accounts at a
 * time in any column's order (keyset paging, so 100 000 accounts never sit
 * in memory), filtered and searched, and how many there are. Asynchronous:
 * each *_send starts a statement, the matching *_recv collects it once
 * db_poll() says DB_READY. */
#ifndef KAM_ACCOUNT_LIST_H
#define KAM_ACCOUNT_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/db.h"

enum acol {
	ACOL_NAME, ACOL_TIER, ACOL_OWNER, ACOL_LIFECYCLE, ACOL_STATUS, ACOL_SLA,
	ACOL_REVENUE, ACOL_OPEN, ACOL_LAST_CONTACT, ACOL_NEXT_FOLLOW_UP,
	ACOL_COUNT
};

/* Extra values of a row beside the columns. Revenue, open and overdue
 * are in AROW_MONEY_CURRENCY: the reporting currency, else (AROW_NO_RATE
 * names the currency without a rate) the account's own. */
enum { AROW_OVERDUE = ACOL_COUNT, AROW_CURRENCY, AROW_ERP_ID,
	AROW_MONEY_CURRENCY, AROW_NO_RATE, AROW_DEPTH, AROW_MEMBERS,
	AROW_NFIELDS };
/* AROW_DEPTH and AROW_MEMBERS, in the folded list only (NULL else): a
 * row's depth below its top (0 a top) and how many accounts below it the
 * user may read. */
/* The data-quality score, not of the page's statement: read for the rows
 * shown after they came (kam/account_scores.h). NULL: not asked yet; "":
 * asked, none (churned, or not readable). */
enum { AROW_SCORE = AROW_NFIELDS, AROW_ALL };

/* Every member may be NULL (no filter); values reach SQL as parameters. */
struct acct_filter {
	char	*tier;
	char	*owner;		/* role name */
	char	*team;
	char	*lifecycle;
	char	*status;
	bool	 mine;		/* accounts the logged-in user owns */
	char	*search;	/* name, ERP id, city, VAT id; accents and
				 * typos forgiven; one or two characters
				 * start a word of them only */
	bool	 search_anywhere;	/* ... unless this is set */
	/* the account team (issue 17, item 4): accounts where team_person
	 * (a login; NULL or "me": the user) is owner in sales, person or
	 * deputy, in team_role when set; either set filters */
	char	*team_person;
	char	*team_role;
	/* groups folded: only the accounts without a parent the user may
	 * read, and below open_group (an id) its members; not while a search
	 * looks through every account */
	bool	 folded;
	char	*open_group;
};

enum acct_from {
	ACCT_FIRST,		/* the top of the order */
	ACCT_AFTER,		/* rows after key */
	ACCT_BEFORE,		/* rows before key */
	ACCT_LAST		/* the bottom of the order */
};

struct acct_key {
	char	*sort;		/* the sort column's value as text */
	char	*id;
	char	*top;		/* folded: the id of the row's top */
	char	*path;		/* ... and its path below it ("" the top) */
};

struct acct_page_req {
	const struct acct_filter *filter;
	enum acol		 sort;
	bool			 desc;
	enum acct_from		 from;
	const struct acct_key	*key;	/* ACCT_AFTER, ACCT_BEFORE */
	int			 limit;
	bool			 erp_figures;	/* may read invoices */
};

struct acct_row {
	struct acct_key	 key;
	char		*field[AROW_ALL];	/* text or NULL */
};

/* Rows always in display order, whichever way they were fetched. */
struct acct_page {
	struct acct_row	*rows;
	size_t		 n;
};

bool	 acct_page_send(struct kam_db *db, const struct acct_page_req *req);
/* from as sent. Returns false on a database error (see db_error). */
bool	 acct_page_recv(struct kam_db *db, enum acct_from from,
	    struct acct_page *page);
void	 acct_page_free(struct acct_page *page);
void	 acct_row_free(struct acct_row *row);
void	 acct_key_copy(struct acct_key *dst, const struct acct_key *src);
void	 acct_key_free(struct acct_key *key);

/* With a search, counting stops past ACCT_COUNT_CAP rows. */
#define ACCT_COUNT_CAP 10000
bool	 acct_count_send(struct kam_db *db, const struct acct_filter *f);
bool	 acct_count_recv(struct kam_db *db, long *n);

/* Whether the user may see ERP figures, plans and the audit log, the time
 * of the last successful ERP sync, the reporting currency and the rates
 * of today, in one statement. */
struct acct_session {
	bool	 erp_figures;
	bool	 plans;		/* may read account plans and their actions */
	bool	 audit_log;	/* may read the audit log */
	bool	 orders;	/* may read orders and invoices: status, dates */
	bool	 amounts;	/* and their amounts (support: as the company says) */
	char	*last_sync;	/* "YYYY-MM-DD HH:MM" or NULL */
	char	*reporting;	/* the reporting currency ("EUR") */
	char	*rates_from;	/* the oldest and newest rate the list uses */
	char	*rates_to;	/* today ("YYYY-MM-DD"), or NULL: none */
	char	*no_rate;	/* "KRW, JPY": account currencies without a
				 * rate today, or NULL */
};
bool	 acct_session_send(struct kam_db *db);
bool	 acct_session_recv(struct kam_db *db, struct acct_session *s);
void	 acct_session_free(struct acct_session *s);

void	 acct_filter_free(struct acct_filter *f);
/* The column's name as the user types it ("name", "next-follow-up"), and
 * back; -1 for an unknown name. */
const char *acol_name(enum acol c);
int	 acol_from_name(const char *name);

#endif
