#!/usr/bin/env bats
# kam --sync through PgBouncer 1.18 in transaction pooling with its default
# settings (tests/lib/pgbouncer.bash): nothing of the sync outlives one
# transaction, so syncs after syncs and syncs beside other clients of the
# same login work; one sync at a time by a lease row, which a sync that
# died leaves for the next to take over once it has run out.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	erp_file_start native --customers 30 --contacts 50 --orders 200 --invoices 120
	pgb_start
}

teardown_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	pgb_stop
	erp_file_stop
}

setup() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
	erp_fresh
	pgb_env
	printf '[erp]\npage_size = 7\n' > "$BATS_TEST_TMPDIR/kam.conf"
	export KAM_CONFIG=$BATS_TEST_TMPDIR/kam.conf
}

teardown() {
	[ -z "${LOAD:-}" ] || { kill $LOAD 2>/dev/null; wait $LOAD 2>/dev/null || true; }
}

# Other clients of the sync's login, in short transactions: PgBouncer then
# lends the sync's transactions whichever server connection is free.
load() {
	local i
	LOAD=
	for i in 1 2 3; do
		while :; do
			psql -X -q -c "SELECT pg_sleep(0.01)" >/dev/null 2>&1
		done 3>&- &
		LOAD="$LOAD $!"
	done
}

# Runs the ERP's data against kam's, as a clean direct sync would have it.
same_as_erp() {
	PGUSER=postgres "$PYTHON3" "$KAM_SRCDIR/tests/erp/compare.py" "$KAM_ERP_URL" "$KAM_ERP_TOKEN"
}

@test "syncs after syncs through one pool, beside other clients" {
	load
	for args in "" "--full --resource orders" "" "--full --resource invoices"; do
		sync $args
		[ "$status" -eq 0 ]
	done
	same_as_erp
	[ "$(q "SELECT count(*) FROM kam.sync_run WHERE status = 'ok'")" -eq 4 ]
	[ "$(q "SELECT count(*) FROM kam.sync_seen")" -eq 0 ]
	[ "$(q "SELECT count(*) FROM kam.sync_lease")" -eq 0 ]
}

@test "two syncs at once through PgBouncer: the second says who runs and exits 75" {
	erp_ctl fault '{"kind": "latency", "ms": 3000, "times": 1}' >/dev/null
	"$KAM" --sync >/dev/null 2>&1 3>&- &
	pid=$!
	for _ in $(seq 50); do
		[ "$(q "SELECT count(*) FROM kam.sync_run WHERE status = 'running'")" -eq 1 ] && break
		sleep 0.1
	done
	sync
	[ "$status" -eq 75 ]
	[[ "$stderr" == *"another sync is running (user erpsync, kam on $(hostname), process $pid; started "*", last page "*"; its lease runs out "*"); try again when it has finished"* ]]
	run "$KAM" --sync --status
	[[ "$output" == *"sync running: user erpsync, kam on $(hostname), process $pid; started "* ]]
	wait "$pid"
	[ "$(q "SELECT count(*) FROM kam.sync_run")" -eq 1 ]
	same_as_erp
	run "$KAM" --sync --status
	[[ "$output" == *"no sync is running"* ]]
}

@test "a sync that died: its lease holds until it runs out, then the next takes over" {
	erp_ctl fault '{"kind": "latency", "ms": 500, "times": 0, "resource": "orders"}' >/dev/null
	"$KAM" --sync >/dev/null 2>&1 3>&- &
	pid=$!
	for _ in $(seq 100); do
		[ "$(q "SELECT count(*) FROM kam.erp_order")" -gt 0 ] && break
		sleep 0.1
	done
	kill -9 "$pid"
	wait "$pid" || true
	erp_ctl clear >/dev/null
	sync
	[ "$status" -eq 75 ]
	run "$KAM" --sync --status
	[[ "$output" == *"sync running: user erpsync"* ]]
	# time passes: the lease runs out
	erp_lease_expire
	run "$KAM" --sync --status
	[[ "$output" == *"sync stopped without a word (the next sync takes over): user erpsync"* ]]
	sync
	[ "$status" -eq 0 ]
	[ "$(q "SELECT string_agg(status, ',' ORDER BY id) FROM kam.sync_run")" = failed,ok ]
	same_as_erp
	[ "$(q "SELECT count(*) FROM kam.sync_lease")" -eq 0 ]
}
