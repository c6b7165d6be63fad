/* The merge in the full-screen client (kam/merge.h): fixed text, values
 * as parameters. The fields the winner takes reach
 * kam.merge_accounts/merge_contacts as one parameter split in SQL; the
 * function checks each name against its list. */
#include "kam/merge.h"

static const char *const field_names[MF_NFIELDS] = {
	[MF_FIELD] = "field", [MF_ERP] = "erp_owned", [MF_WINNER] = "winner_value",
	[MF_LOSER] = "loser_value", [MF_TAKE] = "take_loser",
};
static const struct db_columns field_cols = DB_COLUMNS("merge fields",
    field_names);

static const char *const summary_names[MS_NFIELDS] = {
	[MS_ID] = "merge_id", [MS_WHAT] = "what", [MS_DETAIL] = "detail",
};
static const struct db_columns summary_cols = DB_COLUMNS("merge",
    summary_names);

static const char *const last_names[ML_NFIELDS] = {
	[ML_ID] = "id", [ML_KIND] = "kind", [ML_LOSER] = "loser_id",
	[ML_LOSER_NAME] = "loser_name", [ML_AT] = "merged_at", [ML_BY] = "merged_by",
};
static const struct db_columns last_cols = DB_COLUMNS("last merge",
    last_names);

bool
merge_fields_send(struct kam_db *db, bool contact, const char *winner,
    const char *loser)
{
	const char *p[] = { winner, loser };

	return db_send_columns(db, contact ?
	    "SELECT * FROM kam.merge_contact_fields($1::bigint, $2::bigint)" :
	    "SELECT * FROM kam.merge_account_fields($1::bigint, $2::bigint)",
	    2, p, &field_cols);
}

bool
merge_run_send(struct kam_db *db, bool contact, const char *winner,
    const char *loser, const char *from_loser, bool dry_run)
{
	const char *p[] = { winner, loser, from_loser, dry_run ? "true" : "false" };

	return db_send_columns(db, contact ?
	    "SELECT * FROM kam.merge_contacts($1::bigint, $2::bigint,"
	    " string_to_array($3, ','), $4::boolean)" :
	    "SELECT * FROM kam.merge_accounts($1::bigint, $2::bigint,"
	    " string_to_array($3, ','), $4::boolean)", 4, p, &summary_cols);
}

/* A contact's merge counts for its account (kam.merge.account_id). */
bool
merge_last_send(struct kam_db *db, const char *account_id)
{
	const char *p[] = { account_id };

	return db_send_columns(db,
	    "SELECT m.id, m.kind, m.loser_id, coalesce(a.name, c.name) AS loser_name,"
	    " to_char(m.merged_at, 'YYYY-MM-DD HH24:MI') AS merged_at, m.merged_by"
	    " FROM kam.merge m"
	    " LEFT JOIN kam.account a ON m.kind = 'account' AND a.id = m.loser_id"
	    " LEFT JOIN kam.contact c ON m.kind = 'contact' AND c.id = m.loser_id"
	    " WHERE m.account_id = $1::bigint AND m.undone_at IS NULL"
	    " ORDER BY m.id DESC LIMIT 1", 1, p, &last_cols);
}

bool
merge_undo_send(struct kam_db *db, const char *merge_id)
{
	const char *p[] = { merge_id };

	return db_send_columns(db, "SELECT * FROM kam.unmerge($1::bigint)", 1, p,
	    &summary_cols);
}
