/* The findings of the data-quality rules (kam.quality_finding, migrations
 * 0024 and 0051) as a work list: worst severity first, then the tier
 * (strategic before key before standard), then the account and the rule,
 * a page at a time, for the user's own accounts, the user's team's, or
 * all the user may read. Asynchronous like kam/account_detail.h:
 * quality_queue_send() starts the statement, acct_rows_recv() collects
 * it. Managers and administrators may read the rules; support may not. */
#ifndef KAM_QUALITY_QUEUE_H
#define KAM_QUALITY_QUEUE_H

#include <stdbool.h>

#include "kam/account_detail.h"
#include "kam/db.h"

/* QQ_KEY orders the list (it sorts as bytes); QQ_ENTITY and QQ_FIELD say
 * what to fix (kam(1), DATA QUALITY), QQ_ENTITY_ID which row. */
enum quality_queue_field {
	QQ_KEY, QQ_ID, QQ_SEVERITY, QQ_TIER, QQ_ACCOUNT, QQ_RULE, QQ_FIELD,
	QQ_DETAIL, QQ_ACCOUNT_ID, QQ_ENTITY, QQ_ENTITY_ID, QQ_NFIELDS
};

enum quality_scope { QUALITY_MINE, QUALITY_TEAM, QUALITY_ALL };

struct quality_queue_req {
	const char		*after_key;	/* the last row's QQ_KEY; NULL: the top */
	int			 limit;
	enum quality_scope	 scope;
};

bool		 quality_queue_send(struct kam_db *db,
		    const struct quality_queue_req *req);
/* "mine", "team", "all" */
const char	*quality_scope_name(enum quality_scope s);

#endif
