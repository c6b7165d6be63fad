/* A tab that is one table (contacts, conditions, orders, history,
 * feedback, changes) or a screen that is one (the agenda): reads its rows,
 * a page at a time when its definition says so, moves, finds, and with
 * the definition's hooks filters, opens an entry, changes a row. */
#ifndef KAM_TUI_TABLE_TAB_H
#define KAM_TUI_TABLE_TAB_H

#include "cmdline.h"
#include "row_op.h"
#include "tab.h"
#include "table.h"
#include "kam/account_detail.h"

struct table_tab;
struct table_tab_def {
	const char		*what;		/* "Contacts", for the status */
	enum acct_query		 query;
	const struct table_col	*cols;
	int			 currency;	/* of TC_MONEY columns; 0: none */
	int			 ncols;
	table_role		 role;
	int			 page;		/* rows a fetch; 0: all at once */
	/* send(), or the query's backward statement (AQ_HISTORY), reads
	 * backwards when the table says so (table.h): G reads the last page
	 * alone, not every page before it */
	bool			 back;
	const char		*empty;		/* when there are none */
	/* optional, for a live table (view.h, interest): the tables its rows
	 * come from (NULL-terminated), and the rows' column of a row's id,
	 * which keeps the cursor on its row when they are read again */
	const char *const	*live;
	int			 id_field;
	/* optional: more of the request (filters), Enter, other actions */
	void	(*fill)(struct tui *t, struct acct_rows_req *req);
	void	(*enter)(struct table_tab *tt, struct tui *t);
	bool	(*action)(struct table_tab *tt, struct tui *t, enum kam_action a);
	/* optional: Enter's entry in full comes from entry_query and show
	 * puts it on the screen (else it is a history entry) */
	enum acct_query		 entry_query;
	void	(*show)(struct tui *t, const struct acct_rows *rows);
	/* optional: whether the user's role may read the rows; when it may
	 * not, or the database refuses anyway, the table says refused */
	bool	(*allowed)(const struct tui *t);
	const char		*refused;
	/* optional: the columns this user sees, when not cols (a role that
	 * may not read some of them does not get them empty, but not at all) */
	const struct table_col *(*columns)(const struct tui *t, int *ncols);
	/* optional, for a table that is a screen of its own, not a tab of
	 * one account (the agenda): its statement, title, ":" commands and
	 * more of the status line */
	bool	(*send)(struct table_tab *tt, struct tui *t);
	void	(*title)(struct table_tab *tt, struct tui *t, struct kam_buf *out);
	bool	(*command)(struct table_tab *tt, struct tui *t, const struct cmd *c);
	void	(*status)(struct table_tab *tt, struct tui *t, struct kam_buf *out);
	/* optional: the cursor is on another row (table_cursor_moved), the
	 * first rows' coming included: what is shown beside the row follows
	 * it (the queue's SLA card); a read it needs goes through
	 * req_submit_after, so that fast keys read once */
	void	(*moved)(struct table_tab *tt, struct tui *t);
	/* optional: the rows are about to be read again for a change of
	 * the data (view.h, reload), before the statement is sent: what was
	 * kept from the rows before goes */
	void	(*reloading)(struct table_tab *tt, struct tui *t);
	/* optional: a page of rows has been taken into the table, before
	 * anything typed ahead runs: what the next statement needs from
	 * them is kept here */
	void	(*arrived)(struct table_tab *tt, struct tui *t);
};

struct table_tab {
	struct view			 v;
	struct table			 tb;
	const struct table_tab_def	*def;
	char				*entry_id;	/* the entry to read in full */
	struct row_op			 op;		/* D and x on the row */
	enum kam_action			 ahead;		/* typed before the rows came */
	bool				 refused;	/* def->refused is shown */
};

struct view	*table_tab_new(struct view *account, const struct table_tab_def *def);
/* Reads the table again from the top. */
void		 table_tab_refetch(struct table_tab *tt, struct tui *t);
/* Asks question, then runs op on row id at version; done is the
 * message after it. The account is read again afterwards. */
void		 table_tab_op(struct table_tab *tt, struct tui *t, enum edit_op op,
		    const char *id, const char *version, const char *done,
		    const char *question);
/* The key and id of the last row read (NULL before the first), where the
 * next page starts; reading backwards, the first row's; id may be NULL. */
void		 table_tab_last_key(const struct table_tab *tt, const char **key,
		    const char **id);
/* Whether v is a table_tab made from def. */
bool		 table_tab_is(const struct view *v, const struct table_tab_def *def);
/* The same for an operation that takes a value (kam/edit.h). */
void		 table_tab_op_value(struct table_tab *tt, struct tui *t,
		    enum edit_op op, const char *id, const char *version,
		    const char *value, const char *done, const char *question);
/* The same without asking (what a ":" command said). */
void		 table_tab_op_now(struct table_tab *tt, struct tui *t,
		    enum edit_op op, const char *id, const char *version,
		    const char *value, const char *done);
/* Reads one history entry in full and shows it in a pager. */
void		 table_tab_open_entry(struct table_tab *tt, struct tui *t,
		    const char *id);

/* Whether cell (row, field) of rows is v. */
bool		 table_cell_is(const struct acct_rows *rows, size_t row, int field,
		    const char *v);

#endif
