/* Saving from the client (kam/edit.h) against a real database: retries
 * that neither duplicate nor report a conflict, conflicts, refusals,
 * rows gone, constraint errors at their column, rights and operations.
 * Runs under tests/lib/with-pg. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kam/db.h"
#include "kam/edit.h"
#include "edittest.h"
#include "pgtest.h"

#define login pgtest_login
#define scalar pgtest_scalar

#define settle edittest_settle
#define drain edittest_drain
#define save edittest_save
#define set edittest_set
#define read_row edittest_read_row
#define case_open edittest_case_open
#define case_save edittest_case_save
#define case_close edittest_case_close

/* Anna's contact at C1 (the fixture's front desk). */
static void
c1_contact(char *id, size_t size)
{
	struct kam_db *db = login("anna");

	scalar(db, "SELECT min(c.id) FROM kam.contact c JOIN kam.account a "
	    "ON a.id = c.account_id WHERE a.erp_id = $1", "C1", id, size);
	db_close(db);
}

/* user editing the C1 contact */
static void
case_c1_contact(struct edit_case *c, const char *user)
{
	char id[32];

	c1_contact(id, sizeof id);
	case_open(c, user, EE_CONTACT, id);
}

static void
test_insert_retry_finds_its_row(void **state)
{
	struct kam_db *db = login("anna");
	struct edit_row mine, theirs, again;
	struct edit_error err;
	char key[37], acct[32], n[32];

	(void)state;
	edit_error_init(&err);
	assert_true(edit_new_key(key));
	scalar(db, "SELECT id FROM kam.account WHERE erp_id = $1", "C1", acct,
	    sizeof acct);
	edit_row_init(&mine, EE_INTERACTION);
	edit_row_init(&theirs, EE_INTERACTION);
	edit_str_set(&mine.key, key);
	edit_str_set(&mine.parent, acct);
	set(&mine, "occurred_at", "2026-03-01T10:00:00Z");
	set(&mine, "channel", "call");
	set(&mine, "direction", "outbound");
	set(&mine, "subject", "Retry me");
	set(&mine, "feedback", "none");
	edit_row_init(&again, EE_INTERACTION);
	edit_row_copy(&again, &mine);
	assert_int_equal(save(db, &mine, &theirs, &err), EDIT_SAVED);
	assert_non_null(mine.id);
	/* the same INSERT once more, as after a reply that was lost */
	assert_int_equal(save(db, &again, &theirs, &err), EDIT_SAVED);
	assert_string_equal(again.id, mine.id);
	assert_string_equal(scalar(db, "SELECT count(*) FROM kam.interaction "
	    "WHERE client_key = $1::uuid", key, n, sizeof n), "1");
	edit_row_free(&mine);
	edit_row_free(&again);
	edit_row_free(&theirs);
	edit_error_free(&err);
	db_close(db);
}

/* A COMMIT that fails after the INSERT's rows went out (a deferred
 * trigger here; a server that dies waiting for a synchronous standby is
 * the same to the client): not a save. Before, the client took the rows
 * and said "saved" for a row that was never there. */
static void
test_commit_failing_after_the_rows_is_no_save(void **state)
{
	struct kam_db *su = login("postgres"), *db = login("anna");
	struct edit_row mine, theirs;
	struct edit_error err;
	char key[37], acct[32], n[32];

	(void)state;
	assert_true(db_script(su, "CREATE FUNCTION public.fail_at_commit() "
	    "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
	    "'refused at commit'; END $$; CREATE CONSTRAINT TRIGGER fail_at_commit "
	    "AFTER INSERT ON kam.interaction DEFERRABLE INITIALLY DEFERRED "
	    "FOR EACH ROW WHEN (NEW.subject = 'Fails at commit') "
	    "EXECUTE FUNCTION public.fail_at_commit()"));
	edit_error_init(&err);
	assert_true(edit_new_key(key));
	scalar(db, "SELECT id FROM kam.account WHERE erp_id = $1", "C1", acct,
	    sizeof acct);
	edit_row_init(&mine, EE_INTERACTION);
	edit_row_init(&theirs, EE_INTERACTION);
	edit_str_set(&mine.key, key);
	edit_str_set(&mine.parent, acct);
	set(&mine, "occurred_at", "2026-03-01T10:00:00Z");
	set(&mine, "channel", "call");
	set(&mine, "direction", "outbound");
	set(&mine, "subject", "Fails at commit");
	set(&mine, "feedback", "none");
	assert_int_equal(save(db, &mine, &theirs, &err), EDIT_FAILED);
	assert_non_null(strstr(err.words.data, "refused at commit"));
	assert_false(err.lost);
	assert_string_equal(scalar(su, "SELECT count(*) FROM kam.interaction "
	    "WHERE client_key = $1::uuid", key, n, sizeof n), "0");
	assert_true(db_script(su, "DROP TRIGGER fail_at_commit ON kam.interaction; "
	    "DROP FUNCTION public.fail_at_commit()"));
	edit_row_free(&mine);
	edit_row_free(&theirs);
	edit_error_free(&err);
	db_close(db);
	db_close(su);
}

static void
test_update_retry_is_not_a_conflict(void **state)
{
	struct kam_db *db = login("anna");
	struct edit_row mine, theirs, again;
	struct edit_error err;
	char id[32], v[32];

	(void)state;
	edit_error_init(&err);
	c1_contact(id, sizeof id);
	read_row(db, &mine, EE_CONTACT, id);
	edit_row_init(&theirs, EE_CONTACT);
	edit_row_init(&again, EE_CONTACT);
	set(&mine, "job_title", "Buyer");
	edit_row_copy(&again, &mine);
	assert_int_equal(save(db, &mine, &theirs, &err), EDIT_SAVED);
	assert_int_equal(strtol(mine.version, NULL, 10),
	    strtol(again.version, NULL, 10) + 1);
	assert_int_equal(save(db, &again, &theirs, &err), EDIT_SAVED);
	assert_string_equal(again.version, mine.version);
	assert_string_equal(scalar(db, "SELECT version FROM kam.contact WHERE id = $1",
	    id, v, sizeof v), mine.version);
	edit_row_free(&mine);
	edit_row_free(&again);
	edit_row_free(&theirs);
	edit_error_free(&err);
	db_close(db);
}

static void
test_someone_elses_change_is_a_conflict(void **state)
{
	struct kam_db *david = login("david");
	struct edit_case c;
	char id[32];
	const char *p[1] = { id };

	(void)state;
	c1_contact(id, sizeof id);
	case_open(&c, "anna", EE_CONTACT, id);
	assert_int_equal(db_command(david, "UPDATE kam.contact SET phone = '+1 555' "
	    "WHERE id = $1::bigint", 1, p), 1);
	set(&c.mine, "job_title", "Chief buyer");
	assert_int_equal(case_save(&c), EDIT_CONFLICT);
	assert_string_equal(c.theirs.value[edit_column_find(EE_CONTACT, "phone")],
	    "+1 555");
	case_close(&c);
	db_close(david);
}

static void
test_other_team_is_refused(void **state)
{
	struct edit_case c;

	(void)state;
	case_c1_contact(&c, "bo");
	set(&c.mine, "job_title", "Not yours");
	assert_int_equal(case_save(&c), EDIT_REFUSED);
	case_close(&c);
}

static void
test_deleted_row_is_gone(void **state)
{
	struct kam_db *admin = login("kamadmin");
	struct edit_case c;
	char id[32];
	const char *p[1] = { id };

	(void)state;
	scalar(admin, "INSERT INTO kam.contact (account_id, name) SELECT id, 'Temp' "
	    "FROM kam.account WHERE erp_id = $1 RETURNING id", "C1", id, sizeof id);
	case_open(&c, "anna", EE_CONTACT, id);
	assert_int_equal(db_command(admin, "DELETE FROM kam.contact WHERE id = "
	    "$1::bigint", 1, p), 1);
	set(&c.mine, "phone", "123");
	assert_int_equal(case_save(&c), EDIT_GONE);
	case_close(&c);
	db_close(admin);
}

static void
test_constraint_names_its_column(void **state)
{
	struct edit_case c;

	(void)state;
	case_c1_contact(&c, "anna");
	set(&c.mine, "email", "not an address");
	assert_int_equal(case_save(&c), EDIT_FAILED);
	assert_int_equal(c.err.column, edit_column_find(EE_CONTACT, "email"));
	assert_false(c.err.lost);
	assert_non_null(strstr(c.err.words.data, "not an email address"));
	set(&c.mine, "email", NULL);
	set(&c.mine, "name", NULL);
	drain(c.db);
	assert_int_equal(case_save(&c), EDIT_FAILED);
	assert_int_equal(c.err.column, edit_column_find(EE_CONTACT, "name"));
	assert_string_equal(c.err.words.data, "is required");
	case_close(&c);
}

static void
rights(const char *user, const char *erp_id, bool write, bool tickets)
{
	struct kam_db *db = login(user);
	struct edit_rights r;
	char acct[32];

	scalar(db, "SELECT id FROM kam.account WHERE erp_id = $1", erp_id, acct,
	    sizeof acct);
	assert_true(edit_rights_send(db, acct));
	settle(db);
	assert_true(edit_rights_recv(db, &r));
	drain(db);
	assert_int_equal(r.write, write);
	assert_int_equal(r.tickets, tickets);
	db_close(db);
}

static void
test_rights_mirror_the_policies(void **state)
{
	(void)state;
	rights("anna", "C1", true, false);
	rights("david", "C1", true, false);	/* same team */
	rights("anna", "C2", false, false);	/* bo's team */
	rights("sam", "C1", false, true);
	rights("kamadmin", "C2", true, false);
}

static void
test_operation_retry_counts_as_done(void **state)
{
	struct kam_db *db = login("anna");
	struct edit_error err;
	char id[32], v[32];

	(void)state;
	edit_error_init(&err);
	scalar(db, "INSERT INTO kam.contact (account_id, name) SELECT id, 'Leaving' "
	    "FROM kam.account WHERE erp_id = $1 RETURNING id", "C1", id, sizeof id);
	scalar(db, "SELECT version FROM kam.contact WHERE id = $1::bigint", id, v,
	    sizeof v);
	for (int i = 0; i < 2; i++) {
		assert_true(edit_op_send(db, EOP_CONTACT_DEACTIVATE, id, v));
		settle(db);
		assert_int_equal(edit_op_recv(db, &err), i == 0 ? EDIT_SAVED : EDIT_UNSURE);
		drain(db);
	}
	assert_true(edit_op_done_send(db, EOP_CONTACT_DEACTIVATE, id));
	settle(db);
	assert_int_equal(edit_op_done_recv(db, &err), EDIT_SAVED);
	drain(db);
	edit_error_free(&err);
	db_close(db);
}

static void
test_pick_lists_active_contacts(void **state)
{
	struct kam_db *db = login("sam");
	struct edit_choices c;
	char acct[32];

	(void)state;
	scalar(db, "SELECT id FROM kam.account WHERE erp_id = $1", "C2", acct,
	    sizeof acct);
	assert_true(edit_pick_send(db, EP_CONTACTS, acct, NULL));
	settle(db);
	assert_true(edit_pick_recv(db, &c));
	drain(db);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.item[0].label, "Front desk");
	edit_choices_free(&c);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_retry_finds_its_row),
		cmocka_unit_test(test_commit_failing_after_the_rows_is_no_save),
		cmocka_unit_test(test_update_retry_is_not_a_conflict),
		cmocka_unit_test(test_someone_elses_change_is_a_conflict),
		cmocka_unit_test(test_other_team_is_refused),
		cmocka_unit_test(test_deleted_row_is_gone),
		cmocka_unit_test(test_constraint_names_its_column),
		cmocka_unit_test(test_rights_mirror_the_policies),
		cmocka_unit_test(test_operation_retry_counts_as_done),
		cmocka_unit_test(test_pick_lists_active_contacts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
