/* Result columns by name (res_columns, db_send_columns): a statement
 * whose columns drifted from what its reader names fails loudly, and
 * every statement of src/domain returns the columns its reader names.
 * Runs under tests/lib/with-pg. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <cmocka.h>

#include "kam/account.h"
#include "kam/account_detail.h"
#include "kam/account_list.h"
#include "kam/agenda.h"
#include "kam/countof.h"
#include "kam/db.h"
#include "kam/sla.h"
#include "kam/user.h"
#include "edittest.h"
#include "pgtest.h"

enum { T_FIRST, T_SECOND, T_NCOLS };
static const char *const names[T_NCOLS] = {
	[T_FIRST] = "first", [T_SECOND] = "second",
};
static const struct db_columns cols = DB_COLUMNS("test", names);

static void
assert_column_error(struct kam_db *db, const char *words)
{
	assert_int_equal(db_error_code(db), EX_SOFTWARE);
	assert_string_equal(db_error_sqlstate(db), "");
	assert_non_null(strstr(db_error(db), "the test statement"));
	assert_non_null(strstr(db_error(db), words));
}

/* The reader's order, whatever the statement's. */
static void
test_columns_are_read_by_name(void **state)
{
	struct kam_db *db = pgtest_login("anna");
	struct kam_res *r;

	(void)state;
	r = res_columns(db, db_query(db, "SELECT 2 AS second, 0 AS other, "
	    "1 AS first", 0, NULL), &cols);
	assert_non_null(r);
	assert_int_equal(res_cols(r), T_NCOLS);
	assert_string_equal(res_get(r, 0, T_FIRST), "1");
	assert_string_equal(res_get(r, 0, T_SECOND), "2");
	assert_string_equal(res_col_name(r, T_SECOND), "second");
	assert_null(res_get(r, 0, T_NCOLS));	/* outside the named ones */
	res_free(r);
	db_close(db);
}

/* A column renamed, lost or doubled by a change to the SELECT. */
static void
test_drifted_columns_fail_loudly(void **state)
{
	struct kam_db *db = pgtest_login("anna");

	(void)state;
	assert_null(res_columns(db, db_query(db, "SELECT 1 AS first, "
	    "2 AS secnd", 0, NULL), &cols));
	assert_column_error(db, "returns no column \"second\"");
	assert_null(res_columns(db, db_query(db, "SELECT 1 AS first", 0, NULL),
	    &cols));
	assert_column_error(db, "returns no column \"second\"");
	assert_null(res_columns(db, db_query(db, "SELECT 1 AS first, "
	    "2 AS second, 3 AS first", 0, NULL), &cols));
	assert_column_error(db, "returns twice the column \"first\"");
	/* names are exact: no case folding */
	assert_null(res_columns(db, db_query(db, "SELECT 1 AS \"First\", "
	    "2 AS second", 0, NULL), &cols));
	assert_column_error(db, "returns no column \"first\"");
	db_close(db);
}

/* A table of names with a hole: an enum value added, its name not. */
static void
test_unnamed_column_fails_loudly(void **state)
{
	static const char *const holes[T_NCOLS] = { [T_SECOND] = "second" };
	static const struct db_columns want = DB_COLUMNS("test", holes);
	struct kam_db *db = pgtest_login("anna");

	(void)state;
	assert_null(res_columns(db, db_query(db, "SELECT 1 AS first, "
	    "2 AS second", 0, NULL), &want));
	assert_column_error(db, "names no column 0");
	db_close(db);
}

static struct kam_res *
take(struct kam_db *db)
{
	struct kam_res *r;

	edittest_settle(db);
	r = db_take(db);
	edittest_drain(db);
	return r;
}

/* The check travels with the statement sent, and with it only. */
static void
test_sent_columns_are_checked_on_take(void **state)
{
	struct kam_db *db = pgtest_login("anna");
	struct kam_res *r;

	(void)state;
	assert_true(db_send_columns(db, "SELECT 1 AS second", 0, NULL, &cols));
	assert_null(take(db));
	assert_column_error(db, "returns no column \"first\"");
	assert_true(db_send(db, "SELECT 1 AS second", 0, NULL));
	assert_non_null(r = take(db));
	assert_string_equal(res_get(r, 0, 0), "1");
	res_free(r);
	assert_true(db_send_columns(db, "SELECT 2 AS second, 1 AS first", 0,
	    NULL, &cols));
	assert_non_null(r = take(db));
	assert_string_equal(res_get(r, 0, T_FIRST), "1");
	res_free(r);
	db_close(db);
}

static void
account_id(struct kam_db *db, const char *erp_id, char *out, size_t size)
{
	pgtest_scalar(db, "SELECT id FROM kam.account WHERE erp_id = $1", erp_id,
	    out, size);
}

static void
detail_query(struct kam_db *db, struct acct_rows_req *req)
{
	struct acct_rows rows;

	assert_true(acct_rows_send(db, req));
	edittest_settle(db);
	if (!acct_rows_recv(db, &rows))
		fail_msg("query %d: %s", (int)req->query, db_error(db));
	acct_rows_free(&rows);
	edittest_drain(db);
}

static void
test_account_screen_statements_name_their_columns(void **state)
{
	struct kam_db *db = pgtest_login("kamadmin");
	char id[32];
	struct acct_rows_req req = { .account_id = id, .limit = 5 };

	(void)state;
	account_id(db, "C1", id, sizeof id);
	for (int q = 0; q < AQ_COUNT; q++) {
		req.query = (enum acct_query)q;
		req.erp_figures = true;
		detail_query(db, &req);
	}
	req.query = AQ_OVERVIEW;
	req.erp_figures = false;
	detail_query(db, &req);
	/* History's G: its backward statement names the same columns */
	req.query = AQ_HISTORY;
	req.backwards = true;
	detail_query(db, &req);
	db_close(db);
}

static void
test_agenda_names_its_columns(void **state)
{
	struct kam_db *db = pgtest_login("anna");
	struct agenda_req req = { .limit = 5 };
	struct acct_rows rows;

	(void)state;
	assert_true(agenda_send(db, &req));
	edittest_settle(db);
	if (!acct_rows_recv(db, &rows))
		fail_msg("%s", db_error(db));
	acct_rows_free(&rows);
	edittest_drain(db);
	db_close(db);
}

static void
list_page(struct kam_db *db, const struct acct_page_req *req)
{
	struct acct_page page;

	assert_true(acct_page_send(db, req));
	edittest_settle(db);
	if (!acct_page_recv(db, req->from, &page))
		fail_msg("%s", db_error(db));
	acct_page_free(&page);
	edittest_drain(db);
}

/* Each way build_page builds a page: a walk, the matches first, the
 * window; with and without ERP figures, from a key. */
static void
test_account_list_names_its_columns(void **state)
{
	static const char *const searches[] = { NULL, "No", "Nord", "Nordwnd" };
	struct kam_db *db = pgtest_login("kamadmin");
	struct acct_filter f = { 0 };
	struct acct_key key = { .sort = "Nordwind", .id = "1" };
	struct acct_key in_group = { .sort = "Nordwind", .id = "2", .top = "1",
	    .path = "muller" };
	struct acct_page_req req = { .filter = &f, .limit = 5 };
	struct acct_session s;
	long n;

	(void)state;
	for (size_t i = 0; i < countof(searches) * 4; i++) {
		f.search = (char *)searches[i % countof(searches)];
		req.sort = i / countof(searches) % 2 ? ACOL_TIER : ACOL_NAME;
		req.erp_figures = i / countof(searches) < 2;
		list_page(db, &req);
	}
	req.sort = ACOL_NAME;
	req.from = ACCT_AFTER;
	req.key = &key;
	list_page(db, &req);
	/* folded, a group shown, on a team: from the top, from a top's key
	 * and from a member's, back from one, and counted */
	f.search = NULL;
	f.folded = true;
	f.open_group = "1";
	f.team_role = "sales";
	for (int from = ACCT_FIRST; from <= ACCT_LAST; from++) {
		req.from = (enum acct_from)from;
		req.key = from == ACCT_BEFORE ? &in_group : &key;
		list_page(db, &req);
	}
	req.key = &in_group;
	req.from = ACCT_AFTER;
	list_page(db, &req);
	for (int i = 0; i < 2; i++) {
		assert_true(acct_count_send(db, &f));
		edittest_settle(db);
		assert_true(acct_count_recv(db, &n));
		edittest_drain(db);
		f.folded = false;
		f.team_role = f.open_group = NULL;
	}
	assert_true(acct_session_send(db));
	edittest_settle(db);
	assert_true(acct_session_recv(db, &s));
	assert_true(s.erp_figures);
	acct_session_free(&s);
	edittest_drain(db);
	db_close(db);
}

static void
test_cli_statements_name_their_columns(void **state)
{
	struct kam_db *db = pgtest_login("anna");
	struct account_matches m;
	struct sla_card card;
	struct kam_user me;
	char id[32];

	(void)state;
	assert_int_equal(user_whoami(db, &me), EX_OK);
	assert_string_equal(me.role_name, "anna");
	assert_string_equal(me.team, "north");
	user_free(&me);
	assert_int_equal(account_find(db, "Nordwind", &m), EX_OK);
	assert_int_equal(m.n, 1);
	assert_string_equal(m.rows[0].erp_id, "C1");
	assert_string_equal(m.rows[0].city, "Hamburg");
	account_matches_free(&m);
	account_id(db, "C1", id, sizeof id);
	assert_int_equal(sla_card_load(db, id, &card), EX_OK);
	assert_string_equal(card.field[SLA_ACCOUNT], "Nordwind GmbH");
	assert_string_equal(card.field[SLA_STATE], "missing");
	sla_card_free(&card);
	assert_true(sla_card_send(db, id));
	edittest_settle(db);
	assert_true(sla_card_recv(db, &card));
	assert_string_equal(card.field[SLA_ERP_ID], "C1");
	sla_card_free(&card);
	edittest_drain(db);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_are_read_by_name),
		cmocka_unit_test(test_drifted_columns_fail_loudly),
		cmocka_unit_test(test_unnamed_column_fails_loudly),
		cmocka_unit_test(test_sent_columns_are_checked_on_take),
		cmocka_unit_test(test_account_screen_statements_name_their_columns),
		cmocka_unit_test(test_agenda_names_its_columns),
		cmocka_unit_test(test_account_list_names_its_columns),
		cmocka_unit_test(test_cli_statements_name_their_columns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
