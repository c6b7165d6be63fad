#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Live screens (issue 18, finding 4; 0031_live_changes.sql): a committed
# change notifies the channel kam_change with its table and account, a
# rolled back one notifies nobody, and a bulk change does not flood.
# psql prints the notifications its session received after each command.

load hooks

# notes SQL [USER]: what a session that LISTENs sees after running SQL as
# USER (anna)
notes() {
	pg_as "${2:-anna}" -c "LISTEN kam_change" -c "$1" -c "SELECT 1" |
	    sed -n 's/^Asynchronous notification "kam_change" with payload "\(.*\)" received.*/\1/p'
}

acct() {
	pg_as postgres -c "SELECT id FROM kam.account WHERE name = '$1'"
}

@test "a committed change names its table and account, nothing more" {
	run notes "UPDATE kam.contact SET job_title = 'Buyer' WHERE name = 'Jana Novak'"
	[ "$status" -eq 0 ]
	local id
	id=$(pg_as postgres -c "SELECT account_id FROM kam.contact WHERE name = 'Jana Novak'")
	[ "$output" = "contact $id" ]
}

@test "a rolled back change tells nobody" {
	run notes "BEGIN; UPDATE kam.contact SET job_title = 'Boss' WHERE name = 'Jana Novak'; ROLLBACK"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "a bulk change: the first rows by account, then one line for the table" {
	run notes "UPDATE kam.account SET city = city || ' ' WHERE true" postgres
	[ "$status" -eq 0 ]
	local n
	n=$(pg_as postgres -c "SELECT count(*) FROM kam.account")
	[ "$n" -gt 150 ]
	# 100 accounts by name, then "account *" once
	[ "$(grep -c '^account [0-9]*$' <<<"$output")" -eq 100 ]
	[ "$(grep -c '^account \*$' <<<"$output")" -eq 1 ]
	[ "$(wc -l <<<"$output")" -eq 101 ]
}

@test "a setting of the same name typed by a user cannot break a save" {
	run pg_as anna -c "SET kam.changes_told = 'nonsense'" \
	    -c "UPDATE kam.contact SET job_title = 'Head' WHERE name = 'Jana Novak'"
	[ "$status" -eq 0 ]
}

@test "orders and invoices: each account of a statement once" {
	local id
	id=$(acct 'Nordwind GmbH')
	[ "$(pg_as postgres -c "SELECT count(*) > 1 FROM kam.erp_invoice WHERE account_id = $id")" = t ]
	run notes "UPDATE kam.erp_invoice SET status = status WHERE account_id = $id" postgres
	[ "$status" -eq 0 ]
	[ "$output" = "erp_invoice $id" ]
}

@test "orders of more accounts than a transaction names: the table once, nothing by account (0061)" {
	[ "$(pg_as postgres -c "SELECT count(*) > 101 FROM kam.account")" = t ]
	# one statement, as a page of the sync: an order for every account
	run notes "INSERT INTO kam.erp_order (erp_id, account_id, number,
	    order_date, amount, currency, status, erp_updated_at)
	    SELECT 'LIVE-' || id, id, 'N' || id, current_date, 1, 'EUR', 'open', now()
	      FROM kam.account" postgres
	[ "$status" -eq 0 ]
	[ "$output" = "erp_order *" ]
}

@test "orders of a few accounts: each account once, then the table when the transaction has told 100 (0061)" {
	local id
	id=$(acct 'Nordwind GmbH')
	run notes "BEGIN; SELECT kam.notify_one('account', 1) FROM generate_series(1, 99);
	    UPDATE kam.erp_invoice SET status = status WHERE account_id = $id;
	    UPDATE kam.erp_order SET status = status WHERE true; COMMIT" postgres
	[ "$status" -eq 0 ]
	grep -qx "erp_invoice $id" <<<"$output"
	grep -qx "erp_order \*" <<<"$output"
	! grep -q "^erp_order [0-9]" <<<"$output"
}
