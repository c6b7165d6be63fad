#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Migration 0057 through psql: kam.account_lookalikes, the accounts that
# look like one being saved (the account form's warning) or one the sync
# just brought, on the accounts tests/sql/duplicates.sql plants.

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

# as USER, the look-alikes of account ERP-ID as it is: "ERP-ID SCORE REASONS"
alike_as() {
	pg_as "$1" -c "SELECT o.erp_id || ' ' || l.score || ' ' || l.reasons
	    FROM kam.account a, kam.account_lookalikes(a.id, a.name, a.country,
	        a.city, a.vat_id) l JOIN kam.account o ON o.id = l.other_id
	    WHERE a.erp_id = '$2' ORDER BY l.score DESC, o.erp_id"
}

@test "an account's look-alikes are worded as kam.duplicate_accounts() words them" {
	run alike_as anna D1
	[ "$status" -eq 0 ]
	[ "$output" = "D2 100 same VAT id DE111222333; names 81 % alike" ]
	run alike_as anna D6
	[ "$output" = "C1 32 names 64 % alike" ]
	# every name-or-VAT pair of duplicate_accounts(), from either side
	run pg_as anna -c "SELECT count(*) FROM kam.duplicate_accounts() d
	    WHERE d.reasons ~ '(VAT|names)' AND NOT EXISTS (
	        SELECT FROM kam.account a, kam.account_lookalikes(a.id, a.name,
	            a.country, a.city, a.vat_id) l
	        WHERE a.id = d.account_id AND l.other_id = d.other_id)"
	[ "$output" = 0 ]
}

@test "a name being typed: folded, in the same country or city; the account itself left out" {
	run pg_as anna -c "SELECT o.erp_id || ' ' || l.score FROM
	    kam.account_lookalikes(NULL, 'MÜLLER Maschinenbau GmbH', 'DE', 'Köln', NULL) l
	    JOIN kam.account o ON o.id = l.other_id ORDER BY 1"
	[ "$output" = "D1 50
D2 41" ]
	# another country and city: no match by name, but by VAT id
	run pg_as anna -c "SELECT count(*) FROM kam.account_lookalikes(NULL,
	    'Müller Maschinenbau GmbH', 'AT', 'Wien', NULL)"
	[ "$output" = 0 ]
	run pg_as anna -c "SELECT l.reasons FROM kam.account_lookalikes(NULL,
	    'Anything', 'AT', 'Wien', 'de-111.222.333') l JOIN kam.account o
	    ON o.id = l.other_id ORDER BY o.erp_id"
	[ "$output" = "same VAT id DE111222333
same VAT id DE111222333" ]
}

@test "a pair marked not a duplicate stays quiet here too" {
	pg_as anna -c "INSERT INTO kam.not_duplicate (kind, low_id, high_id)
	    SELECT 'account', a.id, b.id FROM kam.account a, kam.account b
	    WHERE a.erp_id = 'D1' AND b.erp_id = 'D2'"
	run alike_as anna D1
	[ "$output" = "" ]
	run alike_as anna D2
	[ "$output" = "" ]
	pg_as kamadmin -c "DELETE FROM kam.not_duplicate"
	run alike_as anna D2
	[ "$output" = "D1 100 same VAT id DE111222333; names 81 % alike" ]
}

@test "a merged tombstone is offered neither by name nor by VAT id" {
	# D7 was Müller Maschinenbau (D1) before a merge (0055): its name,
	# city and VAT id stay so that its ERP id resolves, but it points at
	# its winner, and a merge into it would be refused
	pg_as postgres -c "INSERT INTO kam.account (erp_id, name, tier, country, city,
	        vat_id, status, merged_into)
	    SELECT 'D7', 'Müller Maschinenbau GmbH', 'key', 'DE', 'Köln', 'DE111222333',
	        'churned', a.id FROM kam.account a WHERE a.erp_id = 'D1'"
	run alike_as anna D2
	typed=$(pg_as anna -c "SELECT string_agg(o.erp_id, ' ' ORDER BY o.erp_id)
	    FROM kam.account_lookalikes(NULL, 'Müller Maschinenbau GmbH', 'DE',
	        'Köln', 'DE111222333') l JOIN kam.account o ON o.id = l.other_id")
	pg_as postgres -c "DELETE FROM kam.account WHERE erp_id = 'D7'"
	[ "$output" = "D1 100 same VAT id DE111222333; names 81 % alike" ]
	[ "$typed" = "D1 D2" ]
}

@test "support may not ask" {
	run pg_as sam -c "SELECT count(*) FROM kam.account_lookalikes(NULL, 'x', 'DE', NULL, NULL)"
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied"* ]]
}
