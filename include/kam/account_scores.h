/* The data-quality scores of a few accounts (kam.account_quality), for
 * the account list's Quality column. The rules cost milliseconds an
 * account, too much for the page's own statement: the list shows its
 * rows first and asks for the scores of those on screen next. */
#ifndef KAM_ACCOUNT_SCORES_H
#define KAM_ACCOUNT_SCORES_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/db.h"

#define ACCT_SCORES_MAX	64	/* accounts one statement asks for */

struct acct_score {
	char	*id;
	char	*score;		/* "" for an account without one (churned) */
};

struct acct_scores {
	struct acct_score	*v;
	size_t			 n;
};

/* ids: decimal account ids, at most ACCT_SCORES_MAX; false when one is
 * not (nothing is sent) or the statement could not be sent. */
bool	 acct_scores_send(struct kam_db *db, const char *const *ids, size_t n);
bool	 acct_scores_recv(struct kam_db *db, struct acct_scores *out);
void	 acct_scores_free(struct acct_scores *s);

#endif
