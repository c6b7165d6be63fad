/* kam --merge WINNER LOSER [--dry-run], kam --merge-contact WINNER LOSER
 * [--dry-run] and kam --unmerge MERGE-ID: kam.merge_accounts,
 * kam.merge_contacts and kam.unmerge (migration 0055), each one statement
 * and so one transaction, printing what moved table by table and the
 * fields the winner took. The database decides who may (a refusal is exit
 * 77); a dry run is the merge itself, rolled back inside the function, so
 * it shows exactly what the merge would do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/cli.h"
#include "kam/db.h"
#include "kam/log.h"
#include "kam/xalloc.h"

enum { M_ID, M_WHAT, M_DETAIL };
static const char *const merge_cols[] = {
	[M_ID] = "merge_id", [M_WHAT] = "what", [M_DETAIL] = "detail",
};
static const struct db_columns merge_columns = DB_COLUMNS("merge", merge_cols);

/* A contact by its id or its ERP id; NULL (and *code) when none. */
static char *
resolve_contact(struct kam_db *db, const char *key, int *code)
{
	const char *p[] = { key };
	struct kam_res *r;
	char *id = NULL;

	r = db_query(db, "SELECT id FROM kam.contact"
	    " WHERE erp_id = $1 OR (id::text = $1 AND $1 ~ '^[0-9]{1,18}$')", 1, p);
	if (r == NULL) {
		log_warn("%s", db_error(db));
		*code = db_error_code(db);
		return NULL;
	}
	if (res_rows(r) == 1)
		id = xstrdup(res_get(r, 0, 0));
	else {
		log_warn("no contact has the id or ERP id '%s'", key);
		*code = EX_NOINPUT;
	}
	res_free(r);
	return id;
}

/* The rows of a merge or undo as "  what: detail" lines under a head
 * and over a foot (formats of the merge's number). */
static int
print_rows(struct kam_res *r, const char *head, const char *foot)
{
	const char *id = res_rows(r) > 0 ? res_get(r, 0, M_ID) : NULL;

	printf(head, id ? id : "");
	for (int i = 0; i < res_rows(r); i++) {
		printf("  ");
		cli_put_safe(res_get(r, i, M_WHAT));
		printf(": ");
		cli_put_safe(res_get(r, i, M_DETAIL));
		printf("\n");
	}
	printf(foot, id ? id : "");
	return EX_OK;
}

static int
run(struct kam_db *db, const char *sql, int n, const char *const *p,
    const char *head, const char *foot)
{
	struct kam_res *r;
	int rc;

	r = res_columns(db, db_query(db, sql, n, p), &merge_columns);
	if (r == NULL) {
		log_warn("%s", db_error(db));
		return db_error_code(db);
	}
	rc = print_rows(r, head, foot);
	res_free(r);
	return rc;
}

static int
merge(struct kam_db *db, const struct kam_opts *o, bool contact)
{
	char *w = NULL, *l = NULL;
	const char *p[3];
	int rc;

	if (contact) {
		if ((w = resolve_contact(db, o->args[0], &rc)) != NULL)
			l = resolve_contact(db, o->args[1], &rc);
	} else if ((w = cli_resolve_account(db, o->args[0], &rc)) != NULL)
		l = cli_resolve_account(db, o->args[1], &rc);
	if (l != NULL) {
		p[0] = w;
		p[1] = l;
		p[2] = o->dry_run ? "true" : "false";
		rc = run(db, contact ?
		    "SELECT * FROM kam.merge_contacts($1::bigint, $2::bigint,"
		    " NULL, $3::boolean)" :
		    "SELECT * FROM kam.merge_accounts($1::bigint, $2::bigint,"
		    " NULL, $3::boolean)", 3, p,
		    o->dry_run ? "Dry run: the merge would change%s\n" :
		    "Merge %s:\n",
		    o->dry_run ? "Nothing was changed.%s\n" :
		    "Undo it with: kam --unmerge %s\n");
	}
	free(w);
	free(l);
	return rc;
}

int
cmd_merge(const struct kam_opts *o, const struct kam_conf *c)
{
	struct kam_db *db;
	int rc;

	if (o->unmerge != NULL) {
		if (o->nargs > 0)
			return cli_usage_error("unexpected argument '%s'", o->args[0]);
		if (o->dry_run)
			return cli_usage_error("--dry-run goes with --merge and "
			    "--merge-contact, not --unmerge");
		if (strspn(o->unmerge, "0123456789") != strlen(o->unmerge) ||
		    strlen(o->unmerge) == 0 || strlen(o->unmerge) > 18)
			return cli_usage_error("--unmerge takes a merge's number, "
			    "not '%s'", o->unmerge);
	} else if (o->nargs != 2)
		return cli_usage_error("%s takes two: the winner, then the loser",
		    o->merge_contact ? "--merge-contact" : "--merge");
	if ((db = cli_connect(c, &rc)) == NULL)
		return rc;
	if (o->unmerge != NULL)
		rc = run(db, "SELECT * FROM kam.unmerge($1::bigint)", 1,
		    (const char *[]){ o->unmerge }, "Undone, merge %s:\n", "");
	else
		rc = merge(db, o, o->merge_contact);
	db_close(db);
	return rc;
}
