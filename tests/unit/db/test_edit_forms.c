/* The entities of the condition, service level, plan, action, account,
 * holiday and opening window forms against a real database: each reads back what its form writes
 * (so that an unchanged field and a retried save compare equal), the
 * warning about overlapping conditions, operations on the user's date,
 * refusals in plain words at their column, and the pick lists of teams
 * and parents. Runs under tests/lib/with-pg. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kam/db.h"
#include "kam/edit.h"
#include "edittest.h"
#include "pgtest.h"

static void
id_of(struct kam_db *db, const char *sql, const char *param, char *out,
    size_t size)
{
	pgtest_scalar(db, sql, param, out, size);
	assert_string_not_equal(out, "NULL");
}

static void
account(struct kam_db *db, const char *erp_id, char out[32])
{
	id_of(db, "SELECT id FROM kam.account WHERE erp_id = $1", erp_id, out, 32);
}

static void
user(struct kam_db *db, const char *role, char out[32])
{
	id_of(db, "SELECT id FROM kam.app_user WHERE role_name = $1", role, out, 32);
}

/* A new row of e on account parent with values ("column", "value"
 * pairs, NULL-ended), saved as who; its id into id. */
static void
insert_as(struct edit_case *c, const char *who, enum edit_entity e,
    const char *parent, const char *const *values, char id[32])
{
	char key[37];

	edittest_case_open(c, who, e, NULL);
	assert_true(edit_new_key(key));
	edit_str_set(&c->mine.key, key);
	edit_str_set(&c->mine.parent, parent);
	for (; values[0] != NULL; values += 2)
		edittest_set(&c->mine, values[0], values[1]);
	assert_int_equal(edittest_case_save(c), EDIT_SAVED);
	snprintf(id, 32, "%s", c->mine.id);
}

/* ... as anna. */
static void
insert(struct edit_case *c, enum edit_entity e, const char *parent,
    const char *const *values, char id[32])
{
	insert_as(c, "anna", e, parent, values, id);
}

/* What the form writes comes back the same; a save sent twice (its reply
 * lost) is saved, not a conflict. */
static void
round_trip_as(const char *who, enum edit_entity e, const char *parent,
    const char *const *values, const char *column, const char *changed)
{
	struct edit_case c;
	struct edit_row read, again;
	char id[32];

	insert_as(&c, who, e, parent, values, id);
	edittest_read_row(c.db, &read, e, id);
	for (const char *const *v = values; v[0] != NULL; v += 2) {
		const char *got = read.value[edit_column_find(e, v[0])];

		if (v[1] == NULL)
			assert_null(got);
		else
			assert_string_equal(got, v[1]);
	}
	edittest_set(&read, column, changed);
	edit_row_init(&again, e);
	edit_row_copy(&again, &read);
	assert_int_equal(edittest_save(c.db, &read, &c.theirs, &c.err), EDIT_SAVED);
	assert_int_equal(edittest_save(c.db, &again, &c.theirs, &c.err), EDIT_SAVED);
	assert_string_equal(again.version, read.version);
	edit_row_free(&read);
	edit_row_free(&again);
	edittest_case_close(&c);
}

static void
round_trip(enum edit_entity e, const char *parent, const char *const *values,
    const char *column, const char *changed)
{
	round_trip_as("anna", e, parent, values, column, changed);
}

static void
test_conditions_and_service_levels_read_as_written(void **state)
{
	struct kam_db *db = pgtest_login("anna");
	char c1[32], anna[32], desk[32];

	(void)state;
	account(db, "C1", c1);
	user(db, "anna", anna);
	id_of(db, "SELECT min(id) FROM kam.contact WHERE account_id = $1::bigint",
	    c1, desk, sizeof desk);
	const char *const condition[] = {
		"kind", "rebate", "title", "Round trip rebate", "value", "2.5",
		"unit", "percent", "scope", "spare parts", "valid_from", "2030-01-01",
		"valid_to", "2030-12-31", "approved_by", anna, NULL,
	};
	const char *const sla[] = {
		"name", "Gold", "first_response", "4 hours",
		"resolution", "1 days 4 hours 30 minutes", "support_days", "1,2,3,4,5",
		"support_from", "08:00", "support_to", "18:00",
		"time_zone", "Europe/Berlin", "channels", "phone,portal",
		"escalation_contact_id", desk, "escalation", "Call the duty manager",
		"goodwill_policy", "Line one\nLine two", "valid_from", "2030-01-01",
		"valid_to", NULL, NULL,
	};

	round_trip(EE_CONDITION, c1, condition, "value", "3");
	round_trip(EE_SERVICE_LEVEL, c1, sla, "resolution", "2 days");
	db_close(db);
}

static void
test_plans_and_actions_read_as_written(void **state)
{
	struct kam_db *db = pgtest_login("anna");
	struct edit_case c;
	char c1[32], anna[32], plan[32], key[37];

	(void)state;
	account(db, "C1", c1);
	user(db, "anna", anna);
	const char *const plan_values[] = {
		"year", "2031", "annual_talk_on", "2031-03-15",
		"revenue_target", "250000.5", "objectives", "Grow\nand keep",
		"innovation_access", "t", "status", "draft", NULL,
	};
	round_trip(EE_PLAN, c1, plan_values, "revenue_target", "260000");
	id_of(db, "SELECT id FROM kam.account_plan WHERE year = 2031 AND "
	    "account_id = $1::bigint", c1, plan, sizeof plan);
	const char *const action[] = {
		"plan_id", plan, "title", "Round trip action", "kind", "up_sell",
		"owner_id", anna, "due_on", "2031-06-30", "status", "done",
		"done_on", "2031-05-01", NULL,
	};
	round_trip(EE_ACTION, c1, action, "title", "Renamed");
	/* the plan of another account: not added, and said to be gone */
	id_of(db, "SELECT p.id FROM kam.account_plan p JOIN kam.account a ON "
	    "a.id = p.account_id WHERE a.erp_id = $1", "C3", plan, sizeof plan);
	edittest_case_open(&c, "anna", EE_ACTION, NULL);
	edit_str_set(&c.mine.parent, c1);
	assert_true(edit_new_key(key));
	edit_str_set(&c.mine.key, key);
	edittest_set(&c.mine, "plan_id", plan);
	edittest_set(&c.mine, "title", "Elsewhere");
	edittest_set(&c.mine, "kind", "other");
	edittest_set(&c.mine, "status", "open");
	assert_int_equal(edittest_case_save(&c), EDIT_GONE);
	edittest_case_close(&c);
	db_close(db);
}

/* Durations and times that the form could not have written are read as
 * they are, so that a save leaves them alone. */
static void
test_service_level_exact_values_are_kept(void **state)
{
	struct kam_db *admin = pgtest_login("kamadmin");
	struct edit_row row;
	char id[32];

	(void)state;
	id_of(admin, "INSERT INTO kam.service_level (account_id, name, "
	    "first_response, resolution, support_from, support_to, valid_from) "
	    "SELECT id, 'Odd', '90 minutes', '91 minutes 30 seconds', '08:30:15', '17:00', "
	    "'2030-01-01' FROM kam.account WHERE erp_id = $1 RETURNING id", "C2",
	    id, sizeof id);
	edittest_read_row(admin, &row, EE_SERVICE_LEVEL, id);
	assert_string_equal(row.value[edit_column_find(EE_SERVICE_LEVEL,
	    "first_response")], "1 hours 30 minutes");
	assert_string_equal(row.value[edit_column_find(EE_SERVICE_LEVEL,
	    "resolution")], "01:31:30");
	assert_string_equal(row.value[edit_column_find(EE_SERVICE_LEVEL,
	    "support_from")], "08:30:15");
	assert_string_equal(row.value[edit_column_find(EE_SERVICE_LEVEL,
	    "support_to")], "17:00");
	edit_row_free(&row);
	db_close(admin);
}

/* The warning's words, empty when there is nothing to warn about. */
static const char *
warning(struct kam_db *db, enum edit_warn w, struct edit_row *r,
    struct kam_buf *words)
{
	struct edit_error err;
	struct edit_lookalike other = { NULL, NULL };

	edit_error_init(&err);
	assert_true(edit_warn_send(db, w, r));
	edittest_settle(db);
	assert_true(edit_warn_recv(db, words, &other, &err));
	edittest_drain(db);
	edit_error_free(&err);
	edit_lookalike_free(&other);
	return words->data;
}

static const char *
overlap(struct kam_db *db, struct edit_row *r, struct kam_buf *words)
{
	return warning(db, EW_CONDITION_OVERLAP, r, words);
}

/* The same person twice on one account: by name (case, accents and
 * spaces aside, or alike), by email or by phone in E.164, with the
 * reasons. */
static void
test_duplicate_contacts_are_warned_about(void **state)
{
	struct kam_db *db = pgtest_login("anna");
	struct edit_row r;
	struct kam_buf w;
	char c1[32], c2[32], desk[32];

	(void)state;
	buf_init(&w);
	account(db, "C1", c1);
	account(db, "C2", c2);
	edit_row_init(&r, EE_CONTACT);
	edit_str_set(&r.parent, c1);
	edittest_set(&r, "name", "  FRONT  desk ");
	assert_string_equal(warning(db, EW_CONTACT_DUPLICATE, &r, &w),
	    "Front desk, desk@c1.example.com (names 100 % alike)");
	edittest_set(&r, "name", "Front dsk");
	assert_string_equal(warning(db, EW_CONTACT_DUPLICATE, &r, &w),
	    "Front desk, desk@c1.example.com (names 62 % alike)");
	edittest_set(&r, "name", "Jana Novak");
	edittest_set(&r, "email", "DESK@c1.example.com");
	assert_string_equal(warning(db, EW_CONTACT_DUPLICATE, &r, &w),
	    "Front desk, desk@c1.example.com (same e-mail)");
	edittest_set(&r, "email", "jana@c1.example.com");
	assert_string_equal(warning(db, EW_CONTACT_DUPLICATE, &r, &w), "");
	/* another account's desk is another desk */
	edit_str_set(&r.parent, c2);
	edittest_set(&r, "email", "desk@c1.example.com");
	assert_string_equal(warning(db, EW_CONTACT_DUPLICATE, &r, &w), "");
	/* a contact is not its own duplicate */
	edit_str_set(&r.parent, c1);
	edittest_set(&r, "name", "Front desk");
	id_of(db, "SELECT id FROM kam.contact WHERE account_id = $1::bigint",
	    c1, desk, sizeof desk);
	edit_str_set(&r.id, desk);
	assert_string_equal(warning(db, EW_CONTACT_DUPLICATE, &r, &w), "");
	edit_row_free(&r);
	buf_free(&w);
	db_close(db);
}

static void
test_overlapping_conditions_are_warned_about(void **state)
{
	struct kam_db *db = pgtest_login("anna");
	struct edit_row r;
	struct kam_buf w;
	char c1[32], volume[32];

	(void)state;
	buf_init(&w);
	account(db, "C1", c1);
	edit_row_init(&r, EE_CONDITION);
	edit_str_set(&r.parent, c1);
	edittest_set(&r, "kind", "discount");
	edittest_set(&r, "valid_from", "2026-05-01");
	edittest_set(&r, "valid_to", "2026-06-30");
	/* the fixture's volume discount runs from 2026-01-01 without an end */
	assert_string_equal(overlap(db, &r, &w),
	    "Volume discount (2026-01-01 to open end)");
	edittest_set(&r, "valid_from", "2025-01-01");
	edittest_set(&r, "valid_to", "2025-12-31");
	assert_string_equal(overlap(db, &r, &w), "");
	edittest_set(&r, "valid_to", "2026-01-01");	/* both ends count */
	assert_string_not_equal(overlap(db, &r, &w), "");
	edittest_set(&r, "valid_to", NULL);
	edittest_set(&r, "kind", "warranty");
	assert_string_equal(overlap(db, &r, &w), "");
	/* a row does not overlap itself */
	id_of(db, "SELECT id FROM kam.special_condition WHERE kind = 'discount' "
	    "AND account_id = $1::bigint", c1, volume, sizeof volume);
	edit_str_set(&r.id, volume);
	edittest_set(&r, "kind", "discount");
	edittest_set(&r, "valid_from", "2026-01-01");
	assert_string_equal(overlap(db, &r, &w), "");
	edit_row_free(&r);
	buf_free(&w);
	db_close(db);
}

static enum edit_outcome
op(struct kam_db *db, enum edit_op o, const char *id, const char *version,
    const char *value)
{
	struct edit_error err;
	enum edit_outcome r;

	edit_error_init(&err);
	assert_true(edit_op_send_value(db, o, id, version, value));
	edittest_settle(db);
	r = edit_op_recv(db, &err);
	edittest_drain(db);
	edit_error_free(&err);
	return r;
}

static enum edit_outcome
done(struct kam_db *db, enum edit_op o, const char *id, const char *value)
{
	struct edit_error err;
	enum edit_outcome r;

	edit_error_init(&err);
	assert_true(edit_op_done_send_value(db, o, id, value));
	edittest_settle(db);
	r = edit_op_done_recv(db, &err);
	edittest_drain(db);
	edit_error_free(&err);
	return r;
}

static void
test_operations_take_the_users_date(void **state)
{
	struct kam_db *db = pgtest_login("anna");
	char id[32], v[32], out[32];

	(void)state;
	id_of(db, "INSERT INTO kam.special_condition (account_id, kind, title, "
	    "valid_from) SELECT id, 'other', 'To end', '2026-01-01' FROM "
	    "kam.account WHERE erp_id = $1 RETURNING id", "C1", id, sizeof id);
	pgtest_scalar(db, "SELECT version FROM kam.special_condition WHERE id = "
	    "$1::bigint", id, v, sizeof v);
	assert_int_equal(op(db, EOP_CONDITION_END, id, v, "2026-06-30"), EDIT_SAVED);
	/* sent again at the old version: changes nothing, and is done */
	assert_int_equal(op(db, EOP_CONDITION_END, id, v, "2026-06-30"), EDIT_UNSURE);
	assert_int_equal(done(db, EOP_CONDITION_END, id, "2026-06-30"), EDIT_SAVED);
	assert_int_equal(done(db, EOP_CONDITION_END, id, "2026-06-29"), EDIT_UNSURE);
	assert_string_equal(pgtest_scalar(db, "SELECT valid_to FROM "
	    "kam.special_condition WHERE id = $1::bigint", id, out, sizeof out),
	    "2026-06-30");

	id_of(db, "INSERT INTO kam.plan_action (plan_id, title) SELECT p.id, "
	    "'To do' FROM kam.account_plan p JOIN kam.account a ON a.id = "
	    "p.account_id WHERE a.erp_id = $1 AND p.year = 2026 RETURNING id", "C1",
	    id, sizeof id);
	assert_int_equal(done(db, EOP_ACTION_COMPLETE, id, "2026-03-02"), EDIT_UNSURE);
	assert_int_equal(op(db, EOP_ACTION_COMPLETE, id, "1", "2026-03-02"), EDIT_SAVED);
	assert_int_equal(done(db, EOP_ACTION_COMPLETE, id, "2026-03-02"), EDIT_SAVED);
	assert_string_equal(pgtest_scalar(db, "SELECT status || ' ' || done_on FROM "
	    "kam.plan_action WHERE id = $1::bigint", id, out, sizeof out),
	    "done 2026-03-02");
	assert_int_equal(op(db, EOP_ACTION_DROP, id, "2", NULL), EDIT_SAVED);
	assert_int_equal(done(db, EOP_ACTION_DROP, id, NULL), EDIT_SAVED);
	assert_string_equal(pgtest_scalar(db, "SELECT status || ' ' || "
	    "coalesce(done_on::text, '-') FROM kam.plan_action WHERE id = "
	    "$1::bigint", id, out, sizeof out), "dropped -");
	db_close(db);
}

/* A save refused with the field it is about and plain words. */
static void
refused(struct edit_case *c, const char *column, const char *words)
{
	assert_int_equal(edittest_case_save(c), EDIT_FAILED);
	assert_int_equal(c->err.column, column ? edit_column_find(c->mine.entity,
	    column) : -1);
	assert_non_null(strstr(c->err.words.data, words));
	assert_false(c->err.lost);
}

static void
test_refusals_in_plain_words(void **state)
{
	struct kam_db *db = pgtest_login("anna");
	struct edit_case c;
	char c1[32], id[32], bo[32], key[37];

	(void)state;
	account(db, "C1", c1);
	insert(&c, EE_SERVICE_LEVEL, c1, (const char *const[]){ "name", "Zone",
	    "first_response", "1 hours", "resolution", "2 hours",
	    "support_days", "1", "time_zone", "UTC", "channels", "email",
	    "valid_from", "2030-01-01", NULL }, id);
	edittest_case_close(&c);
	edittest_case_open(&c, "anna", EE_SERVICE_LEVEL, id);
	edittest_set(&c.mine, "time_zone", "Mars/Olympus");
	refused(&c, "time_zone", "not a time zone");
	edittest_set(&c.mine, "time_zone", "UTC");
	edittest_set(&c.mine, "support_from", "08:00");
	edittest_set(&c.mine, "support_to", "08:00");
	refused(&c, "support_to", "is the same as Support from");
	edittest_set(&c.mine, "support_from", "24:00");
	refused(&c, "support_from", "is the end of the day");
	edittest_case_close(&c);
	/* a contact's phone: the trigger's refusal at its field (0019) */
	edittest_case_open(&c, "anna", EE_CONTACT, NULL);
	assert_true(edit_new_key(key));
	edit_str_set(&c.mine.key, key);
	edit_str_set(&c.mine.parent, c1);
	edittest_set(&c.mine, "name", "Maybe");
	edittest_set(&c.mine, "phone", "call me maybe");
	refused(&c, "phone", "is not a phone number");
	edittest_case_close(&c);

	/* the fixture's plan for 2026 */
	edittest_case_open(&c, "anna", EE_PLAN, NULL);
	assert_true(edit_new_key(key));
	edit_str_set(&c.mine.key, key);
	edit_str_set(&c.mine.parent, c1);
	edittest_set(&c.mine, "year", "2026");
	edittest_set(&c.mine, "innovation_access", "f");
	edittest_set(&c.mine, "status", "draft");
	refused(&c, "year", "one plan per account and year");
	edittest_case_close(&c);

	/* handing her account to another team's manager and team */
	user(db, "bo", bo);
	edittest_case_open(&c, "anna", EE_ACCOUNT, c1);
	edittest_set(&c.mine, "owner_id", bo);
	edittest_set(&c.mine, "team", "south");
	refused(&c, NULL, "must stay yours or your team's");
	edittest_set(&c.mine, "team", "north");
	assert_int_equal(edittest_case_save(&c), EDIT_SAVED);
	edittest_case_close(&c);
	db_close(db);
}

/* A calendar's holidays and windows (0039): what the forms write reads
 * back the same (24:00, a window across midnight), a deletion only at
 * the version shown and done once the row is gone, and nobody but an
 * administrator writes them, in plain words. */
static void
test_holidays_and_windows(void **state)
{
	struct kam_db *db = pgtest_login("kamadmin");
	struct edit_case c;
	char cal[32], id[32], key[37];

	(void)state;
	id_of(db, "INSERT INTO kam.calendar (name, time_zone) VALUES ($1, "
	    "'Europe/Berlin') RETURNING id", "Form desk", cal, sizeof cal);
	round_trip_as("kamadmin", EE_HOLIDAY, cal, (const char *const[]){
	    "day", "2030-12-24", "closed_from", "12:00", "closed_to", NULL,
	    "name", "Christmas Eve", NULL }, "closed_to", "24:00");
	round_trip_as("kamadmin", EE_WINDOW, cal, (const char *const[]){
	    "isodow", "6", "opens", "22:00", "closes", "06:00", NULL },
	    "closes", "24:00");
	id_of(db, "SELECT id FROM kam.calendar_holiday WHERE calendar_id = "
	    "$1::bigint", cal, id, sizeof id);
	assert_int_equal(op(db, EOP_HOLIDAY_DELETE, id, "1", NULL), EDIT_UNSURE);
	assert_int_equal(done(db, EOP_HOLIDAY_DELETE, id, NULL), EDIT_UNSURE);
	assert_int_equal(op(db, EOP_HOLIDAY_DELETE, id, "2", NULL), EDIT_SAVED);
	assert_int_equal(done(db, EOP_HOLIDAY_DELETE, id, NULL), EDIT_SAVED);
	id_of(db, "SELECT id FROM kam.calendar_window WHERE calendar_id = "
	    "$1::bigint", cal, id, sizeof id);
	assert_int_equal(op(db, EOP_WINDOW_DELETE, id, "2", NULL), EDIT_SAVED);

	insert_as(&c, "kamadmin", EE_HOLIDAY, cal, (const char *const[]){
	    "day", "2030-05-01", "name", "Labour Day", NULL }, id);
	edittest_set(&c.mine, "closed_from", "12:00");
	edittest_set(&c.mine, "closed_to", "10:00");
	refused(&c, "closed_to", "is not after Closed from");
	edittest_case_close(&c);
	/* a manager reads them, and is refused */
	edittest_case_open(&c, "anna", EE_HOLIDAY, id);
	edittest_set(&c.mine, "name", "May Day");
	refused(&c, NULL, "administrators only");
	edittest_case_close(&c);
	edittest_case_open(&c, "anna", EE_HOLIDAY, NULL);
	assert_true(edit_new_key(key));
	edit_str_set(&c.mine.key, key);
	edit_str_set(&c.mine.parent, cal);
	edittest_set(&c.mine, "day", "2030-05-02");
	edittest_set(&c.mine, "name", "Mine");
	refused(&c, NULL, "administrators only");
	edittest_case_close(&c);
	db_close(db);
}

static void
test_accounts_are_not_added(void **state)
{
	(void)state;
	assert_false(edit_can_insert(EE_ACCOUNT));
	assert_true(edit_can_insert(EE_CONDITION));
	assert_true(edit_can_insert(EE_ACTION));
}

static void
pick(struct kam_db *db, enum edit_pick p, const char *acct, const char *current,
    struct edit_choices *c)
{
	assert_true(edit_pick_send(db, p, acct, current));
	edittest_settle(db);
	assert_true(edit_pick_recv(db, c));
	edittest_drain(db);
}

static void
test_teams_and_parents_to_pick(void **state)
{
	struct kam_db *db = pgtest_login("anna");
	struct kam_db *admin = pgtest_login("kamadmin");
	struct edit_choices c;
	char c1[32], c3[32];
	const char *p[1] = { c1 };

	(void)state;
	account(db, "C1", c1);
	account(db, "C3", c3);
	assert_false(edit_pick_by_id(EP_TEAMS));
	assert_true(edit_pick_by_id(EP_PARENTS));
	/* the account's team first, and a team no manager has any more */
	pick(db, EP_TEAMS, c1, "east", &c);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.item[0].value, "north");
	assert_string_equal(c.item[1].value, "east");
	assert_string_equal(c.item[2].value, "south");
	edit_choices_free(&c);
	/* C3 under C1: C1 may head C3, C3 may not head C1 (a loop) */
	assert_int_equal(db_command(admin, "UPDATE kam.account SET parent_id = "
	    "$1::bigint WHERE erp_id = 'C3'", 1, p), 1);
	pick(db, EP_PARENTS, c1, NULL, &c);
	for (size_t i = 0; i < c.n; i++) {
		assert_string_not_equal(c.item[i].value, c1);
		assert_string_not_equal(c.item[i].value, c3);
	}
	edit_choices_free(&c);
	pick(db, EP_PARENTS, c3, c1, &c);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.item[0].value, c1);
	assert_string_equal(c.item[0].label, "Nordwind GmbH (C1)");
	edit_choices_free(&c);
	assert_int_equal(db_command(admin, "UPDATE kam.account SET parent_id = NULL "
	    "WHERE erp_id = 'C3'", 0, NULL), 1);
	db_close(admin);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conditions_and_service_levels_read_as_written),
		cmocka_unit_test(test_plans_and_actions_read_as_written),
		cmocka_unit_test(test_service_level_exact_values_are_kept),
		cmocka_unit_test(test_overlapping_conditions_are_warned_about),
		cmocka_unit_test(test_duplicate_contacts_are_warned_about),
		cmocka_unit_test(test_operations_take_the_users_date),
		cmocka_unit_test(test_refusals_in_plain_words),
		cmocka_unit_test(test_accounts_are_not_added),
		cmocka_unit_test(test_holidays_and_windows),
		cmocka_unit_test(test_teams_and_parents_to_pick),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
