/* Key accounts: finding one from what a person types (id, ERP id or name,
 * accent- and typo-tolerant). */
#ifndef KAM_ACCOUNT_H
#define KAM_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/db.h"

struct account_match {
	char	*id;
	char	*erp_id;	/* may be NULL */
	char	*name;
	char	*city;		/* may be NULL */
};

struct account_matches {
	struct account_match	*rows;
	size_t			 n;
};

/* Fills m with the accounts key names, in the tiers of the account
 * search (kam(1), "Finding an account"): an exact id, ERP id, VAT id or
 * name, else names with a word that starts with key, else names
 * containing key, else the closest names; ignoring case and accents.
 * The whole database as far as the login may read it, whatever a list
 * shows. At most 10 candidates. Returns an exit code (database errors
 * are printed). */
int	account_find(struct kam_db *db, const char *key, struct account_matches *m);
/* Fills m from a result whose first columns (res_columns) are the
 * search's id, erp_id, name, city; one row without an id is none. */
void	account_matches_take(const struct kam_res *r, struct account_matches *m);
/* The same, sent without waiting (the client's :account and :sla). */
bool	account_find_send(struct kam_db *db, const char *key);
bool	account_find_recv(struct kam_db *db, struct account_matches *m);
void	account_matches_free(struct account_matches *m);

#endif
