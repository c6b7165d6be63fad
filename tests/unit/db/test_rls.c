/* Row-level security seen through kam's own db layer: the same rules that
 * tests/sql/rls.bats checks through psql. Runs under tests/lib/with-pg. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <cmocka.h>

#include "kam/db.h"
#include "pgtest.h"

#define login pgtest_login
#define scalar pgtest_scalar

static void
test_support_cannot_update_condition(void **state)
{
	struct kam_db *db = login("sam");
	const char *erp[] = { "C1" };

	(void)state;
	assert_int_equal(db_command(db, "UPDATE kam.special_condition SET value = 50 "
	    "WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = $1)",
	    1, erp), -1);
	assert_int_equal(db_error_code(db), EX_NOPERM);
	assert_string_equal(db_error_sqlstate(db), "42501");
	assert_non_null(strstr(db_error(db), "not allowed"));
	db_close(db);
}

static void
test_support_logs_tickets_only(void **state)
{
	struct kam_db *db = login("sam");
	const char *ticket[] = { "C2", "ticket" };
	const char *call[] = { "C2", "call" };
	const char *sql = "INSERT INTO kam.interaction (account_id, channel, subject) "
	    "SELECT id, $2, 'Printer offline' FROM kam.account WHERE erp_id = $1";

	(void)state;
	assert_int_equal(db_command(db, sql, 2, ticket), 1);
	assert_int_equal(db_command(db, sql, 2, call), -1);
	assert_int_equal(db_error_code(db), EX_NOPERM);
	db_close(db);
}

static void
test_manager_cannot_change_other_teams_plan(void **state)
{
	struct kam_db *db = login("anna");
	const char *bo[] = { "C2" };
	char before[64], after[64];

	(void)state;
	scalar(db, "SELECT objectives FROM kam.account_plan p JOIN kam.account a "
	    "ON a.id = p.account_id WHERE a.erp_id = $1", "C2", before, sizeof before);
	/* RLS hides the row from the UPDATE: nothing changes, no error */
	assert_int_equal(db_command(db, "UPDATE kam.account_plan SET objectives = 'mine' "
	    "WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = $1)",
	    1, bo), 0);
	scalar(db, "SELECT objectives FROM kam.account_plan p JOIN kam.account a "
	    "ON a.id = p.account_id WHERE a.erp_id = $1", "C2", after, sizeof after);
	assert_string_equal(before, after);
	db_close(db);
}

static void
test_manager_writes_own_and_team_plans(void **state)
{
	struct kam_db *db = login("anna");
	const char *own[] = { "C1" }, *team[] = { "C3" };
	const char *sql = "UPDATE kam.account_plan SET objectives = 'Win the tender' "
	    "WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = $1)";

	(void)state;
	assert_int_equal(db_command(db, sql, 1, own), 1);
	assert_int_equal(db_command(db, sql, 1, team), 1);
	db_close(db);
}

static void
test_manager_cannot_hand_account_to_other_team(void **state)
{
	struct kam_db *db = login("anna");
	const char *own[] = { "C1" };

	(void)state;
	assert_int_equal(db_command(db, "UPDATE kam.account SET team = 'south', "
	    "owner_id = (SELECT id FROM kam.app_user WHERE role_name = 'bo') "
	    "WHERE erp_id = $1", 1, own), -1);
	assert_int_equal(db_error_code(db), EX_NOPERM);
	assert_non_null(strstr(db_error(db), "row-level security"));
	db_close(db);
}

static void
test_manager_cannot_touch_erp_fields(void **state)
{
	struct kam_db *db = login("anna");
	const char *own[] = { "C1" };

	(void)state;
	assert_int_equal(db_command(db, "UPDATE kam.account SET name = 'Renamed' "
	    "WHERE erp_id = $1", 1, own), -1);
	assert_int_equal(db_error_code(db), EX_NOPERM);
	db_close(db);
}

static void
test_every_change_is_audited_with_actor(void **state)
{
	struct kam_db *db = login("anna");
	const char *own[] = { "C1" };
	char actor[64];

	(void)state;
	assert_int_equal(db_command(db, "UPDATE kam.account SET tier = 'strategic' "
	    "WHERE erp_id = $1", 1, own), 1);
	scalar(db, "SELECT actor || ' ' || (old ->> 'tier') || '->' || (new ->> 'tier') "
	    "FROM kam.audit_log WHERE table_name = 'account' AND op = 'UPDATE' "
	    "ORDER BY id DESC LIMIT 1", NULL, actor, sizeof actor);
	assert_string_equal(actor, "anna key->strategic");
	assert_int_equal(db_command(db, "DELETE FROM kam.audit_log", 0, NULL), -1);
	assert_int_equal(db_error_code(db), EX_NOPERM);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_support_cannot_update_condition),
		cmocka_unit_test(test_support_logs_tickets_only),
		cmocka_unit_test(test_manager_cannot_change_other_teams_plan),
		cmocka_unit_test(test_manager_writes_own_and_team_plans),
		cmocka_unit_test(test_manager_cannot_hand_account_to_other_team),
		cmocka_unit_test(test_manager_cannot_touch_erp_fields),
		cmocka_unit_test(test_every_change_is_audited_with_actor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
