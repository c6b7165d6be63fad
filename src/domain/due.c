#include <sysexits.h>

#include "kam/due.h"
#include "kam/log.h"

/* The agenda's talks are left to the cadence, which raises them the
 * tier's days ahead (and a missing plan too); its follow-ups and actions
 * are due once their day has come. */
static const char due_sql[] =
	"SELECT to_char(d.due, 'YYYY-MM-DD') AS due, d.kind, d.account_id, "
	"d.account, d.what, json_build_object('due', d.due, 'kind', d.kind, "
	"'account_id', d.account_id, 'account', d.account, 'what', d.what) "
	"AS json FROM ("
	"SELECT m.due, m.kind, m.account_id, m.account, m.what "
	"FROM kam.agenda_items() m "
	"WHERE m.kind IN ('follow-up', 'action') AND m.due <= current_date "
	"UNION ALL "
	"SELECT b.due, b.kind, b.account_id, b.account, b.what "
	"FROM kam.cadence_breaches(current_date, kam.my_user_id()) b) d "
	"ORDER BY d.due, d.kind, d.account, d.what";

static const char *const due_names[DUE_NFIELDS] = {
	[DUE_DAY] = "due", [DUE_KIND] = "kind", [DUE_ACCOUNT_ID] = "account_id",
	[DUE_ACCOUNT] = "account", [DUE_WHAT] = "what", [DUE_JSON] = "json",
};

static const struct db_columns due_cols = DB_COLUMNS("due items", due_names);

int
due_list(struct kam_db *db, due_fn emit, void *ctx)
{
	struct kam_res *r;
	const char *field[DUE_NFIELDS];

	r = res_columns(db, db_query(db, due_sql, 0, NULL), &due_cols);
	if (r == NULL) {
		log_warn("%s", db_error(db));
		return db_error_code(db);
	}
	for (int i = 0; i < res_rows(r); i++) {
		for (int f = 0; f < DUE_NFIELDS; f++)
			field[f] = res_get(r, i, f);
		emit(ctx, field);
	}
	res_free(r);
	return EX_OK;
}
