/* What every data command does first: connect, check the schema, and turn
 * what the user typed into one account. */
#include <stdio.h>
#include <sysexits.h>

#include "kam/account.h"
#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/log.h"
#include "kam/migrate.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

static struct kam_db *
connect_over(const struct kam_conf *c, const char *over, bool check,
    int *code)
{
	struct kam_db *db = db_connect_over(c->db_conninfo, over, "erp.conninfo",
	    c->db_connect_timeout, c->db_retry_for, code);

	if (db != NULL && check && (*code = migrate_require(db)) != EX_OK) {
		db_close(db);
		return NULL;
	}
	return db;
}

struct kam_db *
cli_connect(const struct kam_conf *c, int *code)
{
	return connect_over(c, NULL, true, code);
}

struct kam_db *
cli_connect_unchecked(const struct kam_conf *c, int *code)
{
	return connect_over(c, NULL, false, code);
}

struct kam_db *
cli_connect_sync(const struct kam_conf *c, int *code)
{
	return connect_over(c, c->erp_conninfo, true, code);
}

static void
list_candidates(const struct account_matches *m)
{
	struct kam_buf line, safe;

	buf_init(&line);
	buf_init(&safe);
	for (size_t i = 0; i < m->n; i++) {
		buf_reset(&line);
		buf_reset(&safe);
		buf_addf(&line, "  %-8s %-10s %s%s%s", m->rows[i].id,
		    m->rows[i].erp_id ? m->rows[i].erp_id : "-", m->rows[i].name,
		    m->rows[i].city ? ", " : "", m->rows[i].city ? m->rows[i].city : "");
		utf8_sanitize(&safe, line.data, line.len);
		fprintf(stderr, "%s\n", safe.data);
	}
	buf_free(&line);
	buf_free(&safe);
}

char *
cli_pick_account(const struct account_matches *m, const char *key, int *code)
{
	if (m->n == 1)
		return xstrdup(m->rows[0].id);
	if (m->n == 0) {
		log_warn("no account matches '%s'", key);
		*code = EX_NOINPUT;
	} else {
		log_warn("'%s' matches several accounts; name one by id or ERP id:",
		    key);
		list_candidates(m);
		*code = EX_DATAERR;
	}
	return NULL;
}

char *
cli_resolve_account(struct kam_db *db, const char *key, int *code)
{
	struct account_matches m;
	char *id;

	if ((*code = account_find(db, key, &m)) != EX_OK)
		return NULL;
	id = cli_pick_account(&m, key, code);
	account_matches_free(&m);
	return id;
}
