/* The candidate duplicate accounts (kam.duplicate_accounts(), migration
 * 0052) as a work list for the :quality screen: the likeliest pairs
 * first, a page at a time, the pairs with an account of mine, of my
 * team's, or all the user may read. Each row carries both accounts' ids
 * (DL_ACCOUNT_ID, DL_OTHER_ID), for opening either and for a merge.
 * Asynchronous like kam/quality_queue.h: duplicate_list_send() starts the
 * statement, acct_rows_recv() collects it. Managers and administrators
 * may look for duplicates; support may not. */
#ifndef KAM_DUPLICATE_LIST_H
#define KAM_DUPLICATE_LIST_H

#include <stdbool.h>

#include "kam/account_detail.h"
#include "kam/db.h"
#include "kam/quality_queue.h"

/* DL_KEY orders the list (it sorts as bytes); DL_PAIR is "LOW HIGH", the
 * ids of the pair as kam.not_duplicate keeps them. */
enum duplicate_list_field {
	DL_KEY, DL_PAIR, DL_SCORE, DL_ACCOUNT, DL_OTHER, DL_REASONS,
	DL_ACCOUNT_ID, DL_OTHER_ID, DL_NFIELDS
};

struct duplicate_list_req {
	const char		*after_key;	/* the last row's DL_KEY; NULL: the top */
	int			 limit;
	enum quality_scope	 scope;
};

bool	duplicate_list_send(struct kam_db *db,
	    const struct duplicate_list_req *req);

#endif
