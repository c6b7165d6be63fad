#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Migration 0052 through psql: the candidate duplicates of accounts and
# contacts that tests/sql/duplicates.sql plants are found exactly, each
# with its score and reasons; a pair marked "not a duplicate" stays quiet;
# who may mark which pair, and the audit log.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	pg_as postgres -f "$KAM_SRCDIR/tests/sql/duplicates.sql" >/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

# as USER: every account pair as "ERP-ID ERP-ID SCORE REASONS"
accounts_as() {
	pg_as "$1" -c "SELECT a.erp_id || ' ' || b.erp_id || ' ' || d.score || ' ' || d.reasons
	    FROM kam.duplicate_accounts() d JOIN kam.account a ON a.id = d.account_id
	    JOIN kam.account b ON b.id = d.other_id ORDER BY 1"
}

contacts_as() {
	pg_as "$1" -c "SELECT a.name || ' / ' || b.name || ' ' || d.score || ' ' || d.reasons
	    FROM kam.duplicate_contacts() d JOIN kam.contact a ON a.id = d.contact_id
	    JOIN kam.contact b ON b.id = d.other_id ORDER BY 1"
}

account_pairs="C1 C3 20 same e-mail domain klein.example.com
C1 D6 32 names 64 % alike
D1 D2 100 same VAT id DE111222333; names 81 % alike
D3 D4 50 same phone +49301234567; same e-mail domain schmidt-log.example.de"

contact_pairs="Eva Klein / E. Klein 60 same e-mail eva@klein.example.com
Info / Info 60 same e-mail info@mail.example.net
Johanna Schneider / Johanna Schnieder 32 names 64 % alike on one account
Weber / Dispatch 40 same phone +49301234567"

@test "the planted account pairs are found exactly, with score and reasons" {
	run accounts_as anna
	[ "$status" -eq 0 ]
	[ "$output" = "$account_pairs" ]
}

@test "the planted contact pairs are found exactly" {
	run contacts_as anna
	[ "$status" -eq 0 ]
	[ "$output" = "$contact_pairs" ]
}

@test "a pair marked not a duplicate stays quiet, and the mark is logged" {
	pg_as anna -c "INSERT INTO kam.not_duplicate (kind, low_id, high_id, note)
	    SELECT 'account', a.id, b.id, 'two plants of one group' FROM kam.account a, kam.account b
	    WHERE a.erp_id = 'D1' AND b.erp_id = 'D2'"
	run accounts_as anna
	[ "$output" = "$(grep -v '^D1 D2' <<<"$account_pairs")" ]
	run pg_as anna -c "SELECT actor || ' ' || (new ->> 'note') FROM kam.audit_log
	    WHERE table_name = 'not_duplicate'"
	[ "$output" = "anna two plants of one group" ]
	pg_as anna -c "DELETE FROM kam.not_duplicate"
	run accounts_as anna
	[ "$output" = "$account_pairs" ]
}

@test "a manager marks pairs with an account of theirs or their team's; administrators any" {
	# D4 and D6 are bo's (team south)
	run pg_as anna -c "INSERT INTO kam.not_duplicate (kind, low_id, high_id)
	    SELECT 'account', a.id, b.id FROM kam.account a, kam.account b
	    WHERE a.erp_id = 'D4' AND b.erp_id = 'D6'"
	[ "$status" -ne 0 ]
	[[ "$output" == *"row-level security"* ]]
	pg_as bo -c "INSERT INTO kam.not_duplicate (kind, low_id, high_id)
	    SELECT 'account', a.id, b.id FROM kam.account a, kam.account b
	    WHERE a.erp_id = 'D3' AND b.erp_id = 'D4'"
	pg_as kamadmin -c "INSERT INTO kam.not_duplicate (kind, low_id, high_id)
	    SELECT 'contact', a.id, b.id FROM kam.contact a, kam.contact b
	    WHERE a.name = 'Eva Klein' AND b.name = 'E. Klein'"
	run contacts_as anna
	[ "$output" = "$(grep -v '^Eva Klein' <<<"$contact_pairs")" ]
	# bo may not take the contacts' mark away (both of team north), anna
	# may take bo's (D3 is hers)
	pg_as bo -c "DELETE FROM kam.not_duplicate WHERE kind = 'contact'"
	[ "$(pg_as anna -c "SELECT count(*) FROM kam.not_duplicate")" = 2 ]
	pg_as anna -c "DELETE FROM kam.not_duplicate WHERE kind = 'account'"
	[ "$(pg_as anna -c "SELECT kind FROM kam.not_duplicate")" = contact ]
	# a pair in the wrong order is refused
	run pg_as kamadmin -c "INSERT INTO kam.not_duplicate (kind, low_id, high_id) VALUES ('account', 5, 4)"
	[ "$status" -ne 0 ]
	pg_as kamadmin -c "DELETE FROM kam.not_duplicate"
}

@test "merged tombstones are no candidates: neither accounts nor contacts" {
	# D7 and its contact were Müller Maschinenbau (D1) and Eva Klein (C1)
	# before a merge (0055): names, city and VAT id alike, the contact's
	# address the same, but both point at their winner now
	pg_as postgres -c "INSERT INTO kam.account (erp_id, name, tier, country, city,
	        vat_id, status, merged_into)
	    SELECT 'D7', 'Müller Maschinenbau GmbH', 'key', 'DE', 'Köln', 'DE111222333',
	        'churned', a.id FROM kam.account a WHERE a.erp_id = 'D1'" \
	    -c "INSERT INTO kam.contact (account_id, name, email, active, merged_into)
	    SELECT a.id, 'Eva Klein', 'eva@klein.example.com', false, c.id
	      FROM kam.account a, kam.contact c
	     WHERE a.erp_id = 'C1' AND c.name = 'Eva Klein'"
	accounts=$(accounts_as anna)
	contacts=$(contacts_as anna)
	pg_as postgres -c "DELETE FROM kam.contact WHERE merged_into IS NOT NULL" \
	    -c "DELETE FROM kam.account WHERE erp_id = 'D7'"
	[ "$accounts" = "$account_pairs" ]
	[ "$contacts" = "$contact_pairs" ]
}

@test "support may not look for duplicates" {
	run accounts_as sam
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied"* ]]
	run pg_as sam -c "SELECT count(*) FROM kam.not_duplicate"
	[ "$status" -ne 0 ]
}
