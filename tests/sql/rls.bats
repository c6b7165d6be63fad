#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Row-level security through psql: every user has a real login, so these
# rules must hold without kam in between. tests/unit/db/test_rls.c checks
# the same through kam's db layer.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

cond_of() {	# the condition's UPDATE statement for an account's ERP id
	echo "UPDATE kam.special_condition SET value = 20 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = '$1')"
}

@test "support cannot update a special condition" {
	run pg_as sam -c "$(cond_of C1)"
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied for table special_condition"* ]]
}

@test "a manager updates conditions of own and team accounts only" {
	run pg_as anna -c "$(cond_of C1)"		# own
	[ "$status" -eq 0 ]
	run pg_as anna -c "$(cond_of C3)"		# david's, same team
	[ "$status" -eq 0 ]
	run pg_as anna -c "$(cond_of C2) RETURNING id"	# bo's, other team
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(pg_as postgres -c "SELECT value FROM kam.special_condition c JOIN kam.account a ON a.id = c.account_id WHERE a.erp_id = 'C2'")" = 12.5000 ]
}

@test "a manager cannot move a condition onto another team's account" {
	run pg_as anna -c "INSERT INTO kam.special_condition (account_id, kind, title, valid_from) SELECT id, 'warranty', 'x', current_date FROM kam.account WHERE erp_id = 'C2'"
	[ "$status" -ne 0 ]
	[[ "$output" == *"row-level security"* ]]
}

@test "a manager cannot change another team's plan" {
	run pg_as anna -c "UPDATE kam.account_plan SET revenue_target = 1 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C2') RETURNING id"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(pg_as postgres -c "SELECT revenue_target FROM kam.account_plan p JOIN kam.account a ON a.id = p.account_id WHERE a.erp_id = 'C2'")" = 100000.00 ]
}

@test "support adds tickets in their own name, nothing else" {
	run pg_as sam -c "INSERT INTO kam.interaction (account_id, channel, subject) SELECT id, 'ticket', 'Login fails' FROM kam.account WHERE erp_id = 'C1' RETURNING author_id = kam.my_user_id()"
	[ "$status" -eq 0 ]
	[ "$output" = t ]
	run pg_as sam -c "INSERT INTO kam.interaction (account_id, channel, subject) SELECT id, 'call', 'x' FROM kam.account WHERE erp_id = 'C1'"
	[ "$status" -ne 0 ]
	run pg_as sam -c "INSERT INTO kam.interaction (account_id, channel, subject, author_id) SELECT id, 'ticket', 'x', 1 FROM kam.account WHERE erp_id = 'C1'"
	[ "$status" -ne 0 ]
}

@test "support reads service levels and conditions but not plans" {
	run pg_as sam -c "SELECT count(*) FROM kam.special_condition"
	[ "$output" -eq 3 ]
	run pg_as sam -c "SELECT count(*) FROM kam.account_plan"
	[ "$status" -ne 0 ]
}

@test "a manager cannot log history in someone else's name" {
	run pg_as anna -c "INSERT INTO kam.interaction (account_id, channel, subject, author_id) SELECT a.id, 'call', 'x', u.id FROM kam.account a, kam.app_user u WHERE a.erp_id = 'C1' AND u.role_name = 'bo'"
	[ "$status" -ne 0 ]
	[[ "$output" == *"row-level security"* ]]
}

@test "nobody but an admin changes app_user; nobody changes the audit log" {
	run pg_as anna -c "UPDATE kam.app_user SET kind = 'admin' WHERE role_name = 'anna'"
	[ "$status" -ne 0 ]
	run pg_as kamadmin -c "DELETE FROM kam.audit_log"
	[ "$status" -ne 0 ]
	run pg_as kamadmin -c "UPDATE kam.app_user SET email = 'anna@north.example.com' WHERE role_name = 'anna' RETURNING version"
	[ "$output" -eq 2 ]
}

@test "a login that is not a kam user sees nothing" {
	psql -X -q -c "CREATE ROLE stranger LOGIN"
	run pg_as stranger -c "SELECT count(*) FROM kam.account"
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied for schema kam"* ]]
}

@test "every table has row-level security enabled and forced" {
	run pg_as postgres -c "SELECT relname FROM pg_class WHERE relnamespace = 'kam'::regnamespace AND relkind = 'r' AND NOT (relrowsecurity AND relforcerowsecurity)"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "every UPDATE policy has both USING and WITH CHECK" {
	run pg_as postgres -c "SELECT tablename || '.' || policyname FROM pg_policies WHERE schemaname = 'kam' AND cmd IN ('UPDATE', 'ALL') AND (qual IS NULL OR with_check IS NULL)"
	[ -z "$output" ]
}

@test "nobody is granted TRUNCATE" {
	run pg_as postgres -c "SELECT grantee || ' ' || table_name FROM information_schema.table_privileges WHERE table_schema = 'kam' AND privilege_type = 'TRUNCATE' AND grantee <> 'kam_owner'"
	[ -z "$output" ]
}

@test "security definer functions pin their search_path" {
	run pg_as postgres -c "SELECT proname FROM pg_proc WHERE pronamespace = 'kam'::regnamespace AND prosecdef AND NOT coalesce(array_to_string(proconfig, ',') LIKE '%search_path=%', false)"
	[ -z "$output" ]
}

@test "policies never key on settable variables" {
	run pg_as postgres -c "SELECT policyname FROM pg_policies WHERE schemaname = 'kam' AND (coalesce(qual, '') || coalesce(with_check, '')) LIKE '%current_setting%'"
	[ -z "$output" ]
}

@test "the audit log records the login that made a change" {
	pg_as anna -c "UPDATE kam.account SET status = 'at_risk' WHERE erp_id = 'C1'"
	run pg_as postgres -c "SELECT actor, old ->> 'status', new ->> 'status' FROM kam.audit_log WHERE table_name = 'account' AND op = 'UPDATE' ORDER BY id DESC LIMIT 1"
	[ "$output" = "anna|active|at_risk" ]
}

@test "audit entries of plan actions name their account" {
	pg_as anna -c "INSERT INTO kam.plan_action (plan_id, title) SELECT p.id, 'Audit me' FROM kam.account_plan p JOIN kam.account a ON a.id = p.account_id WHERE a.erp_id = 'C1'"
	run pg_as postgres -c "SELECT a.erp_id FROM kam.audit_log l JOIN kam.account a ON a.id = l.account_id WHERE l.table_name = 'plan_action' AND l.new ->> 'title' = 'Audit me'"
	[ "$output" = C1 ]
}

@test "every edit bumps version and updated_at" {
	run pg_as anna -c "UPDATE kam.account SET notes = 'v2' WHERE erp_id = 'C1' RETURNING version > 1, updated_at > created_at"
	[ "$output" = "t|t" ]
}

@test "support cannot read the sync's record errors, which carry ERP data" {
	psql -X -q -c "INSERT INTO kam.sync_run (profile, status, finished_at, error, details) VALUES ('native', 'ok', now(), 'ERP said: customer Geheim AG', '{\"errors\": [{\"id\": \"C9\", \"message\": \"credit_limit of Geheim AG\"}]}')"
	run pg_as sam -c "SELECT details FROM kam.sync_run"
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied"* ]]
	run pg_as sam -c "SELECT error FROM kam.sync_run"
	[ "$status" -ne 0 ]
	run pg_as sam -c "SELECT status, errors FROM kam.sync_run WHERE finished_at IS NOT NULL"
	[ "$status" -eq 0 ]
	[ "$output" = "ok|0" ]
	run pg_as anna -c "SELECT details->'errors'->0->>'id' FROM kam.sync_run"
	[ "$output" = C9 ]
}

@test "support reads order and invoice numbers, dates and status; amounts only when the company allows" {
	PGUSER=postgres psql -X -q -c "INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, erp_updated_at) SELECT 'O1', id, '10000392', DATE '2026-11-02', 1500000, 'EUR', 'shipped', now() FROM kam.account WHERE erp_id = 'C1'"
	run pg_as sam -c "SELECT number || ' ' || order_date || ' ' || status FROM kam.erp_order"
	[ "$status" -eq 0 ]
	[ "$output" = "10000392 2026-11-02 shipped" ]
	run pg_as sam -c "SELECT count(number || due_date || status) FROM kam.erp_invoice"
	[ "$status" -eq 0 ]
	run pg_as sam -c "SELECT amount FROM kam.erp_order"
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied"* ]]
	[ "$(pg_as sam -c "SELECT kam.support_sees_amounts()")" = f ]
	# only an administrator changes the setting, and it is logged
	run pg_as anna -c "SELECT kam.set_support_sees_amounts(true)"
	[ "$status" -ne 0 ]
	run pg_as sam -c "SELECT kam.set_support_sees_amounts(true)"
	[ "$status" -ne 0 ]
	pg_as kamadmin -c "SELECT kam.set_support_sees_amounts(true)"
	[ "$(pg_as sam -c "SELECT amount FROM kam.erp_order")" = 1500000.00 ]
	[ "$(pg_as sam -c "SELECT count(open_amount) FROM kam.erp_invoice")" = 0 ]
	pg_as kamadmin -c "SELECT kam.set_support_sees_amounts(false)"
	run pg_as sam -c "SELECT amount FROM kam.erp_order"
	[ "$status" -ne 0 ]
	[ "$(PGUSER=postgres psql -X -At -c "SELECT actor || ' ' || (new->>'support_sees_amounts') FROM kam.audit_log WHERE table_name = 'setting' ORDER BY id")" = $'kamadmin true\nkamadmin false' ]
	PGUSER=postgres psql -X -q -c "DELETE FROM kam.erp_order WHERE erp_id = 'O1'"
}
