#!/usr/bin/env bats
# :sync in the full-screen client against the fake ERP: the sync runs in
# the background while the screen stays usable, its progress shows in the
# status line, its outcome (or why it failed) on the bottom line, the last
# sync's time and the synced data afterwards; quitting stops it cleanly.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	screen_db_start
	erp_sync_role
	erp_start native --customers 5 --contacts 8 --orders 20 --invoices 10
}

teardown_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_stop
	screen_db_stop
}

setup() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	export PGUSER=anna
	erp_ctl reset >/dev/null
	forget_synced
	# anna's client syncs as the sync's own login
	mkdir -p "$BATS_TEST_TMPDIR/xdg/kam"
	printf '[erp]\nconninfo = user=erpsync\npage_size = 5\n' \
	    > "$BATS_TEST_TMPDIR/xdg/kam/kam.conf"
}

teardown() {
	screen_stop
}


# What a sync brought from the fake ERP (its ids have more digits than
# the screen data's), and the record of the runs.
forget_synced() {
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
DELETE FROM kam.erp_invoice WHERE erp_id ~ '^I[0-9]{7}$';
DELETE FROM kam.erp_order WHERE erp_id ~ '^O[0-9]{7}$';
DELETE FROM kam.contact WHERE erp_id ~ '^P[0-9]{6}$';
DELETE FROM kam.account WHERE erp_id ~ '^C[0-9]{5}$';
DELETE FROM kam.sync_state;
DELETE FROM kam.sync_run;
SQL
}

# Orders pages come slowly, so that the sync is seen running: slowly
# enough that a screen test on two cores held at a load of 50 still sees
# a page come and types a command before the last one (CI missed 700 and
# 1500 ms pages).
slow_orders() {
	erp_ctl fault "{\"kind\": \"latency\", \"ms\": $1, \"resource\": \"orders\"}" >/dev/null
}

# kam with a :sync on its slow orders.
slow_sync_running() {
	slow_orders 4000
	screen_start
	screen_keys :
	screen_type sync
	screen_keys Enter
	screen_wait "syncing orders: " 20
}

@test ":sync runs in the background: progress, outcome, last sync, data" {
	slow_orders 3000
	screen_start
	[[ "$(screen_text)" == *"| ERP sync never"* ]]
	screen_keys :
	screen_type sync
	screen_keys Enter
	screen_wait "syncing orders: " 20
	# (at 80 columns the role's field gives way to the sync's; the next
	# page may have come since)
	[[ "$(screen_text)" == *"db ok | syncing orders: "*" records, "*"/s"* ]]
	# the screen answers while the sync runs
	screen_keys j
	[[ "$(screen_text)" == *"row 2 of"* ]]
	screen_wait "ERP sync done: 43 fetched, 43 new, 0 updated, 0 deleted, 0 unchanged." 30
	run screen_text
	[[ "$output" == *"| ERP sync $(date -u +%Y-)"* ]]
	[[ "$output" != *"syncing"* ]]
	[ "$(q "SELECT started_by || ' ' || status FROM kam.sync_run")" = "erpsync ok" ]
	# the list was read again: the ERP's customers are there, with orders
	number=$(q "SELECT o.number FROM kam.erp_order o JOIN kam.account a ON a.id = o.account_id
	    WHERE a.erp_id = 'C00001' ORDER BY o.order_date DESC, o.number LIMIT 1")
	screen_keys :
	screen_type "account C00001"
	screen_keys Enter
	screen_wait "Master data"
	screen_keys 7
	screen_wait "$number"
}

@test "a second :sync asks only for what changed" {
	screen_start
	screen_keys :
	screen_type sync
	screen_keys Enter
	screen_wait "ERP sync done: 43 fetched, 43 new" 30
	erp_ctl mutate '{"op": "touch", "resource": "orders", "ids": [3]}' >/dev/null
	screen_keys :
	screen_type sync
	screen_keys Enter
	screen_wait "ERP sync done: " 30
	screen_wait ", 0 new, 1 updated, 0 deleted, " 5
	[ "$(q "SELECT count(*) FROM kam.sync_run WHERE status = 'ok'")" -eq 2 ]
}

@test "a login outside kam_sync is told why, in words" {
	printf '[erp]\npage_size = 5\n' > "$BATS_TEST_TMPDIR/xdg/kam/kam.conf"
	screen_start
	screen_keys :
	screen_type sync
	screen_keys Enter
	screen_wait "ERP sync failed: the database login anna is not allowed to sync: it is not a member of kam_sync" 20
	[[ "$(screen_text)" == *"| ERP sync never"* ]]
}

@test "credentials the ERP refuses are named" {
	screen_start KAM_ERP_TOKEN=wrong
	screen_keys :
	screen_type sync
	screen_keys Enter
	screen_wait "ERP sync failed: customers: the ERP refused the credentials (HTTP 401)" 20
	[ "$(q "SELECT status FROM kam.sync_run")" = failed ]
}

# the sync's lease (migration 0021) is held by some sync
sync_lock_held="SELECT count(*) FROM kam.sync_lease"

@test "another sync running is named, and nothing waits for it" {
	q "INSERT INTO kam.sync_lease (holder, held_by, client, expires_at) VALUES (gen_random_uuid(), 'erpsync', 'kam on elsewhere, process 1', now() + interval '1 hour')" >/dev/null
	screen_start
	screen_keys :
	screen_type sync
	screen_keys Enter
	screen_wait "ERP sync failed: another sync is running (user erpsync, kam on elsewhere, process 1; " 20
	q "DELETE FROM kam.sync_lease" >/dev/null
}

@test ":sync stop stops it between pages; what was stored stays" {
	slow_sync_running
	screen_keys :
	screen_type "sync stop"
	screen_keys Enter
	screen_wait "ERP sync stopped; what it stored stays, and the next sync goes on from there." 20
	[ "$(q "SELECT count(*) FROM kam.account WHERE erp_id ~ '^C[0-9]{5}\$'")" -eq 5 ]
	[[ "$(q "SELECT status || ': ' || error FROM kam.sync_run")" == "failed: stopped before the end, as asked"* ]]
}

@test "quitting during a sync stops it first, then kam ends" {
	slow_sync_running
	tm send-keys q
	screen_wait "KAM-EXITED" 20
	[ "$(cat "$SCREEN_EXIT")" -eq 0 ]
	[[ "$(q "SELECT status || ': ' || error FROM kam.sync_run")" == "failed: stopped before the end, as asked"* ]]
	[ "$(q "$sync_lock_held")" -eq 0 ]
	# the next sync goes on from where it stopped
	PGUSER=erpsync run "$KAM" --sync
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "customers fetched "*", inserted 0, "* ]]
}
