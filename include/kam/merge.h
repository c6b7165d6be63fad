/* Two accounts (or two contacts) merged in the full-screen client: the
 * fields side by side with the default winner rule's choice
 * (kam.merge_account_fields, kam.merge_contact_fields, migration 0055),
 * the merge or its dry run with the fields the user chose, the last merge
 * into an account and its undo. Asynchronous like kam/account_detail.h:
 * each *_send() starts one statement, acct_rows_recv() collects it. The
 * database decides who may (managers within what they may write,
 * administrators). */
#ifndef KAM_MERGE_H
#define KAM_MERGE_H

#include <stdbool.h>

#include "kam/account_detail.h"
#include "kam/db.h"

/* One line a field: its name, whether the ERP owns it, both values and
 * whether the default rule takes the loser's ("t"). */
enum merge_field_field {
	MF_FIELD, MF_ERP, MF_WINNER, MF_LOSER, MF_TAKE, MF_NFIELDS
};

/* What a merge, its dry run or an undo changed: the merge's number (NULL
 * in a dry run), then "what: detail" lines as kam --merge prints them. */
enum merge_summary_field { MS_ID, MS_WHAT, MS_DETAIL, MS_NFIELDS };

/* The last merge into an account not undone yet: its number, kind, the
 * loser's id and name, when and by whom. */
enum merge_last_field {
	ML_ID, ML_KIND, ML_LOSER, ML_LOSER_NAME, ML_AT, ML_BY, ML_NFIELDS
};

bool	merge_fields_send(struct kam_db *db, bool contact, const char *winner,
	    const char *loser);
/* from_loser: the fields the winner takes from the loser, comma-separated
 * ("" none); a dry run changes nothing and says what the merge would. */
bool	merge_run_send(struct kam_db *db, bool contact, const char *winner,
	    const char *loser, const char *from_loser, bool dry_run);
bool	merge_last_send(struct kam_db *db, const char *account_id);
bool	merge_undo_send(struct kam_db *db, const char *merge_id);

#endif
