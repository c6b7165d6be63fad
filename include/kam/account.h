/* Key accounts: finding one from what a person types (id, ERP id or name,
 * accent- and typo-tolerant). */
#ifndef KAM_ACCOUNT_H
#define KAM_ACCOUNT_H

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

/* Fills m with the accounts key names: an exact id or ERP id, else an
 * exact name, else names containing key, else the closest names by
 * trigram similarity; ignoring case and accents. At most 10 candidates.
 * Returns an exit code (database errors are printed). */
int	account_find(struct kam_db *db, const char *key, struct account_matches *m);
void	account_matches_free(struct account_matches *m);

#endif
