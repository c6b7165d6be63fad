#!/usr/bin/env bats
# A merged account's tombstone keeps its ERP id: what the ERP sends later
# for the loser's customer lands on the winner (the sync's customer lookup,
# src/erp/erp_resource.c, follows merged_into); and a merge while the sync
# runs loses nothing and files nothing twice (migration 0074: the merge
# locks its two accounts, the sync the accounts a page files under, before
# either moves a row).

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_start native --customers 6 --contacts 12 --orders 60 --invoices 20
}

teardown_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_stop
}

setup() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	# the last test's merges go first: they hold on to the synced accounts
	q "DELETE FROM kam.merge; DELETE FROM kam.not_duplicate;
	   UPDATE kam.account SET merged_into = NULL" >/dev/null
	erp_fresh
}

# as the administrator (synced accounts have no owner yet)
merge() {
	PGUSER=kamadmin psql -X -q -At -v ON_ERROR_STOP=1 \
	    -c "SELECT count(*) FROM kam.merge_accounts(
	          (SELECT id FROM kam.account WHERE erp_id = '$1'),
	          (SELECT id FROM kam.account WHERE erp_id = '$2'))"
}

# "orders invoices contacts" the account with this ERP id holds
holds() {
	q "SELECT (SELECT count(*) FROM kam.erp_order o WHERE o.account_id = a.id) || ' ' ||
	          (SELECT count(*) FROM kam.erp_invoice i WHERE i.account_id = a.id) || ' ' ||
	          (SELECT count(*) FROM kam.contact c WHERE c.account_id = a.id)
	     FROM kam.account a WHERE a.erp_id = '$1'"
}

@test "what the ERP sends later for the loser's customer lands on the winner" {
	sync
	[ "$status" -eq 0 ]
	read -r o1 i1 c1 <<<"$(holds C00001)"
	read -r o2 i2 c2 <<<"$(holds C00002)"
	merge C00001 C00002
	[ "$(holds C00002)" = "0 0 0" ]
	[ "$(holds C00001)" = "$((o1 + o2)) $((i1 + i2)) $((c1 + c2))" ]
	erp_ctl mutate '{"op": "add", "resource": "orders", "count": 3, "customer": "C00002"}' >/dev/null
	erp_ctl mutate '{"op": "touch", "resource": "customers", "ids": ["C00002"]}' >/dev/null
	sync
	[ "$status" -eq 0 ]
	[[ "${lines[2]}" == "orders "*", inserted 3,"* ]]
	[ "$(holds C00002)" = "0 0 0" ]
	[ "$(holds C00001)" = "$((o1 + o2 + 3)) $((i1 + i2)) $((c1 + c2))" ]
	# the tombstone keeps the ERP's data and stays a tombstone
	[ "$(q "SELECT w.erp_id || ' ' || l.status FROM kam.account l
	        JOIN kam.account w ON w.id = l.merged_into WHERE l.erp_id = 'C00002'")" = "C00001 churned" ]
}

@test "a merge while the sync runs loses nothing and files nothing twice" {
	sync
	[ "$status" -eq 0 ]
	erp_ctl mutate '{"op": "add", "resource": "orders", "count": 40, "customer": "C00004"}' >/dev/null
	erp_ctl mutate '{"op": "touch", "resource": "orders", "fraction": 0.5}' >/dev/null
	erp_ctl mutate '{"op": "touch", "resource": "contacts", "fraction": 1}' >/dev/null
	erp_ctl fault '{"kind": "latency", "ms": 150, "times": 0}' >/dev/null
	KAM_CONFIG="$BATS_TEST_TMPDIR/kam.conf"
	printf '[erp]\npage_size = 5\n' > "$KAM_CONFIG"
	KAM_CONFIG=$KAM_CONFIG "$KAM" --sync >"$BATS_TEST_TMPDIR/sync.out" 2>&1 &
	pid=$!
	# once the sync is under way (its lease taken, pages coming in)
	for _ in $(seq 100); do
		[ "$(q "SELECT count(*) FROM kam.erp_order")" -gt 60 ] && break
		sleep 0.1
	done
	merge C00003 C00004
	# the merge was done while the sync still ran
	kill -0 "$pid"
	wait "$pid"
	cat "$BATS_TEST_TMPDIR/sync.out"
	erp_ctl clear >/dev/null
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -eq 100 ]
	[ "$(holds C00004)" = "0 0 0" ]
	# a second sync finds everything in place
	sync
	[ "$status" -eq 0 ]
	[[ "${lines[2]}" == "orders "*", inserted 0, updated 0,"* ]]
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -eq 100 ]
	[ "$(holds C00004)" = "0 0 0" ]
}

@test "the sync's records for the loser's customer wait for a merge under way and land on the winner" {
	sync
	[ "$status" -eq 0 ]
	read -r o5 i5 c5 <<<"$(holds C00005)"
	read -r o6 i6 c6 <<<"$(holds C00006)"
	erp_ctl mutate '{"op": "add", "resource": "orders", "count": 3, "customer": "C00006"}' >/dev/null
	# the merge done, not yet committed, while the sync starts; committed
	# once the sync waits for it (or after 30 s)
	cat >"$BATS_TEST_TMPDIR/waited" <<'SH'
for _ in $(seq 300); do
	[ "$(PGUSER=postgres psql -X -At -c "SELECT count(*) FROM pg_stat_activity
	    WHERE usename = 'erpsync' AND wait_event_type = 'Lock'")" -gt 0 ] && { echo waited >&2; exit; }
	sleep 0.1
done
SH
	PGUSER=kamadmin psql -X -q -At -v ON_ERROR_STOP=1 >"$BATS_TEST_TMPDIR/merge.out" 2>&1 <<SQL &
BEGIN;
SELECT count(*) FROM kam.merge_accounts(
    (SELECT id FROM kam.account WHERE erp_id = 'C00005'),
    (SELECT id FROM kam.account WHERE erp_id = 'C00006'));
\\! touch "$BATS_TEST_TMPDIR/merged"; bash "$BATS_TEST_TMPDIR/waited"
COMMIT;
SQL
	pid=$!
	for _ in $(seq 100); do
		[ -e "$BATS_TEST_TMPDIR/merged" ] && break
		sleep 0.1
	done
	[ -e "$BATS_TEST_TMPDIR/merged" ]
	# the orders alone: the customers' page would wait on the loser's row
	sync --resource orders
	wait "$pid"
	cat "$BATS_TEST_TMPDIR/merge.out"
	[ "$status" -eq 0 ]
	# the sync waited for the merge
	grep -q waited "$BATS_TEST_TMPDIR/merge.out"
	[[ "$output" == *"orders "*", inserted 3,"* ]]
	[ "$(holds C00006)" = "0 0 0" ]
	[ "$(holds C00005)" = "$((o5 + o6 + 3)) $((i5 + i6)) $((c5 + c6))" ]
}
