/* The merge of two accounts or two contacts, side by side (J on a pair of
 * the duplicates, J on two contacts): each field with the winner's value
 * and the loser's, the one kept marked "*" (the default winner rule's to
 * begin with); Enter flips the field under the cursor, h keeps the
 * winner's, l takes the loser's, X swaps winner and loser. Below, the dry
 * run of the merge as it stands (kam --merge --dry-run), read again after
 * each change. J merges (asked first), in one transaction; U then undoes
 * it. From an account, U shows the last merge into it and undoes that. */
#ifndef KAM_TUI_MERGE_SCREEN_H
#define KAM_TUI_MERGE_SCREEN_H

#include <stdbool.h>

#include "client.h"

void	view_merge_open(struct tui *t, bool contact, const char *winner,
	    const char *loser);
/* The last merge into the account (or into one of its contacts), to undo. */
void	view_merge_undo_open(struct tui *t, const char *account_id,
	    const char *account_name);

#endif
