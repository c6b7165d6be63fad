#!/usr/bin/env bats
# kam --sync against the fake ERP in kam's native contract: a first sync,
# idempotent re-runs, updates, tombstones, links to unknown customers,
# kam's own data left alone, the token kept secret, one sync at a time,
# and full reconciliation.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_start native --customers 30 --contacts 50 --orders 200 --invoices 120
}

teardown_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_stop
}

setup() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_fresh
}


@test "a first sync brings every record, money exact, links right" {
	sync
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "customers fetched 30, inserted 30, updated 0, unchanged 0, deleted 0, errors 0" ]
	[ "${lines[1]}" = "contacts  fetched 50, inserted 50, updated 0, unchanged 0, deleted 0, errors 0" ]
	[ "${lines[2]}" = "orders    fetched 200, inserted 200, updated 0, unchanged 0, deleted 0, errors 0" ]
	[ "${lines[3]}" = "invoices  fetched 120, inserted 120, updated 0, unchanged 0, deleted 0, errors 0" ]
	[ "$(q "SELECT credit_limit FROM kam.account WHERE erp_id = 'C00001'")" = 1235052752923.00 ]
	[ "$(q "SELECT count(*) FROM kam.erp_order o JOIN kam.account a ON a.id = o.account_id AND a.erp_id = 'C00004'")" -gt 0 ]
	[ "$(q "SELECT address FROM kam.account WHERE erp_id = 'C00002'")" = $'70 Main Street\n74605 Stockholm' ]
	[ "$(q "SELECT status FROM kam.sync_run")" = ok ]
	[ "$(q "SELECT count(*) FROM kam.sync_state WHERE high_water_mark IS NOT NULL")" -eq 4 ]
}

@test "the database holds exactly what the ERP serves" {
	sync
	[ "$status" -eq 0 ]
	PGUSER=postgres "$PYTHON3" "$KAM_SRCDIR/tests/erp/compare.py" "$KAM_ERP_URL" "$KAM_ERP_TOKEN"
}

@test "small pages give the same result as one big page" {
	KAM_CONFIG="$BATS_TEST_TMPDIR/kam.conf"
	printf '[erp]\npage_size = 7\n' > "$KAM_CONFIG"
	KAM_CONFIG=$KAM_CONFIG sync
	[ "$status" -eq 0 ]
	erp_dump > "$BATS_TEST_TMPDIR/small"
	[ "$(erp_ctl log | "$PYTHON3" -c 'import json,sys; print(sum("/orders" in r["path"] for r in json.load(sys.stdin)))')" -ge 29 ]
	erp_forget
	sync
	erp_dump > "$BATS_TEST_TMPDIR/big"
	diff "$BATS_TEST_TMPDIR/small" "$BATS_TEST_TMPDIR/big"
}

@test "a second run changes nothing" {
	sync
	erp_dump > "$BATS_TEST_TMPDIR/first"
	audit=$(q "SELECT count(*) FROM kam.audit_log")
	sync
	[ "$status" -eq 0 ]
	[[ "${lines[2]}" == "orders    fetched "*", inserted 0, updated 0, unchanged "*", deleted 0, errors 0" ]]
	erp_dump > "$BATS_TEST_TMPDIR/second"
	diff "$BATS_TEST_TMPDIR/first" "$BATS_TEST_TMPDIR/second"
	[ "$(q "SELECT count(*) FROM kam.audit_log")" -eq "$audit" ]
}

@test "changed records are updated, tombstones mark rows deleted" {
	sync
	erp_ctl mutate '{"op": "touch", "resource": "orders", "ids": [1, 2, 3]}'
	erp_ctl mutate '{"op": "delete", "resource": "invoices", "ids": [5]}'
	erp_ctl mutate '{"op": "delete", "resource": "customers", "ids": [30]}'
	erp_ctl mutate '{"op": "delete", "resource": "contacts", "ids": [2]}'
	sync
	[ "$status" -eq 0 ]
	[[ "${lines[2]}" == "orders    fetched "*", inserted 0, updated 3, "* ]]
	[[ "${lines[3]}" == "invoices  fetched "*", inserted 0, updated 0, unchanged "*", deleted 1, errors 0" ]]
	[ "$(q "SELECT deleted FROM kam.erp_invoice WHERE erp_id = 'I0000005'")" = t ]
	[ "$(q "SELECT erp_deleted FROM kam.account WHERE erp_id = 'C00030'")" = t ]
	[ "$(q "SELECT active FROM kam.contact WHERE erp_id = 'P000002'")" = f ]
	PGUSER=postgres "$PYTHON3" "$KAM_SRCDIR/tests/erp/compare.py" "$KAM_ERP_URL" "$KAM_ERP_TOKEN"
}

@test "kam's own data survives a sync untouched" {
	sync
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
UPDATE kam.account SET tier = 'strategic', owner_id = (SELECT id FROM kam.app_user WHERE role_name = 'anna'), team = 'north', notes = 'Key partner', status = 'at_risk', industry = 'Optics' WHERE erp_id = 'C00001';
INSERT INTO kam.account_plan (account_id, year, revenue_target, objectives) SELECT id, 2026, 5000, 'Grow' FROM kam.account WHERE erp_id = 'C00001';
INSERT INTO kam.special_condition (account_id, kind, title, value, unit, valid_from) SELECT id, 'discount', 'Loyalty', 3, 'percent', DATE '2026-01-01' FROM kam.account WHERE erp_id = 'C00001';
UPDATE kam.contact SET decision_maker = true, preferred_channel = 'phone' WHERE erp_id = 'P000001';
SQL
	before=$(q "SELECT tier, owner_id, team, notes, status, industry, lifecycle FROM kam.account WHERE erp_id = 'C00001'")
	fixture=$(q "SELECT string_agg(name || city || tier, ',' ORDER BY erp_id) FROM kam.account WHERE erp_id IN ('C1', 'C2', 'C3')")
	erp_ctl mutate '{"op": "touch", "resource": "customers", "ids": [1]}'
	erp_ctl mutate '{"op": "touch", "resource": "contacts", "ids": [1]}'
	sync
	[ "$status" -eq 0 ]
	[ "$(q "SELECT payment_terms FROM kam.account WHERE erp_id = 'C00001'")" = "45 days net" ]
	[ "$(q "SELECT tier, owner_id, team, notes, status, industry, lifecycle FROM kam.account WHERE erp_id = 'C00001'")" = "$before" ]
	[ "$(q "SELECT count(*) FROM kam.account_plan p JOIN kam.account a ON a.id = p.account_id WHERE a.erp_id = 'C00001'")" -eq 1 ]
	[ "$(q "SELECT count(*) FROM kam.special_condition s JOIN kam.account a ON a.id = s.account_id WHERE a.erp_id = 'C00001'")" -eq 1 ]
	[ "$(q "SELECT decision_maker, preferred_channel FROM kam.contact WHERE erp_id = 'P000001'")" = "t|phone" ]
	[ "$(q "SELECT string_agg(name || city || tier, ',' ORDER BY erp_id) FROM kam.account WHERE erp_id IN ('C1', 'C2', 'C3')")" = "$fixture" ]
}

@test "the sync role may not write kam's own columns" {
	sync
	run psql -X -q -c "UPDATE kam.account SET tier = 'key' WHERE erp_id = 'C00001'"
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied"* ]]
}

@test "records of an unknown customer are errors now and stored next run" {
	sync --resource orders
	[ "$status" -eq 65 ]
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -eq 0 ]
	[[ "$stderr" == *"kam: orders O0000001: customer_id: no customer C00004 (yet); tried again next run"* ]]
	[[ "$stderr" == *"180 more record errors not shown (kam --sync --status lists the first 100)"* ]]
	[ "$(q "SELECT errors FROM kam.sync_run")" -eq 200 ]
	[ "$(q "SELECT jsonb_array_length(details->'errors') FROM kam.sync_run")" -eq 100 ]
	run "$KAM" --sync --status
	[[ "$output" == *"record errors of run "*"  orders O0000001: customer_id: no customer C00004 (yet); tried again next run"* ]]
	sync
	[ "$status" -eq 0 ]
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -eq 200 ]
}

@test "a late customer's orders wait for it, then arrive" {
	sync
	erp_ctl mutate '{"op": "add", "resource": "customers", "count": 1}'
	erp_ctl mutate '{"op": "add", "resource": "orders", "count": 3, "customer": "C00031"}'
	sync --resource orders
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"orders O0000201: customer_id: no customer C00031 (yet)"* ]]
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -eq 200 ]
	sync
	[ "$status" -eq 0 ]
	[ "$(q "SELECT count(*) FROM kam.erp_order o JOIN kam.account a ON a.id = o.account_id WHERE a.erp_id = 'C00031'")" -eq 3 ]
}

@test "--resource, --dry-run and --status" {
	sync --resource customers
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -eq 0 ]
	sync --dry-run
	[ "$status" -eq 0 ]
	[ "${lines[2]}" = "(dry run) orders    fetched 200, inserted 200, updated 0, unchanged 0, deleted 0, errors 0" ]
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -eq 0 ]
	[ "$(q "SELECT count(*) FROM kam.sync_state WHERE resource = 'orders'")" -eq 0 ]
	sync --status
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "resource   profile           changes seen up to" ]]
	[[ "${lines[1]}" == "customers  native            2025-06-01 "* ]]
	[[ "$output" == *"ok (dry run) all            400      370"* ]]
	[[ "$output" == *"ok         customers       30       30"* ]]
}

@test "usage errors are found before anything happens" {
	run --separate-stderr "$KAM" --sync --resource ledgers
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"--resource is customers, contacts, orders or invoices, not 'ledgers'"* ]]
	run --separate-stderr "$KAM" --sync --force
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --full
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"go with --sync"* ]]
	run --separate-stderr "$KAM" --sync --status --full
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --sync --export accounts
	[ "$status" -eq 64 ]
}

@test "the token is never shown, not even with -vv or on errors" {
	run "$KAM" -vv --sync
	[ "$status" -eq 0 ]
	[[ "$output" == *"GET http://127.0.0.1:"* ]]
	[[ "$output" != *"$ERP_TOKEN"* ]]
	erp_ctl fault '{"kind": "status", "status": 401}' >/dev/null
	run "$KAM" -vv --sync
	[ "$status" -eq 77 ]
	[[ "$output" == *"the ERP refused the credentials (HTTP 401)"* ]]
	[[ "$output" != *"$ERP_TOKEN"* ]]
	[ "$(q "SELECT count(*) FROM kam.sync_run WHERE details::text LIKE '%$ERP_TOKEN%' OR error LIKE '%$ERP_TOKEN%'")" -eq 0 ]
}

@test "a wrong token is refused with 77" {
	KAM_ERP_TOKEN=wrong run --separate-stderr "$KAM" --sync
	[ "$status" -eq 77 ]
	[[ "$stderr" == *"customers: the ERP refused the credentials (HTTP 401); check KAM_ERP_TOKEN or erp.token_file: bad credentials"* ]]
	[ "$(q "SELECT status FROM kam.sync_run")" = failed ]
}

@test "a failed sync prints nothing on stdout: its summary goes to stderr" {
	erp_ctl fault '{"kind": "status", "status": 401, "times": 1, "resource": "contacts"}' >/dev/null
	sync
	[ "$status" -eq 77 ]
	[ -z "$output" ]
	[[ "$stderr" == *"customers fetched 30, inserted 30, "*"contacts  fetched 0, "* ]]
}

@test "a token file must be the user's own, mode 0600, not a link" {
	tf=$BATS_TEST_TMPDIR/token
	printf '%s\n' "$ERP_TOKEN" > "$tf"
	printf '[erp]\ntoken_file = %s\n' "$tf" > "$BATS_TEST_TMPDIR/kam.conf"
	chmod 644 "$tf"
	KAM_ERP_TOKEN= run --separate-stderr "$KAM" -c "$BATS_TEST_TMPDIR/kam.conf" --sync
	[ "$status" -eq 77 ]
	[[ "$stderr" == *"may be read by others (mode 644); chmod 600 it"* ]]
	chmod 600 "$tf"
	ln -s "$tf" "$BATS_TEST_TMPDIR/link"
	printf '[erp]\ntoken_file = %s\n' "$BATS_TEST_TMPDIR/link" > "$BATS_TEST_TMPDIR/link.conf"
	KAM_ERP_TOKEN= run --separate-stderr "$KAM" -c "$BATS_TEST_TMPDIR/link.conf" --sync
	[ "$status" -eq 77 ]
	[[ "$stderr" == *"is a symbolic link"* ]]
	# a FIFO used to block kam in open() until SIGKILL
	mkfifo -m 600 "$BATS_TEST_TMPDIR/fifo"
	printf '[erp]\ntoken_file = %s\n' "$BATS_TEST_TMPDIR/fifo" > "$BATS_TEST_TMPDIR/fifo.conf"
	KAM_ERP_TOKEN= run --separate-stderr timeout -s KILL 20 "$KAM" -c "$BATS_TEST_TMPDIR/fifo.conf" --sync
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"fifo is not a regular file"* ]]
	KAM_ERP_TOKEN= run --separate-stderr "$KAM" -c "$BATS_TEST_TMPDIR/kam.conf" --sync --resource customers
	[ "$status" -eq 0 ]
	KAM_ERP_TOKEN= run --separate-stderr "$KAM" --sync
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"no ERP token: set KAM_ERP_TOKEN or erp.token_file"* ]]
}

@test "plain http is refused for other hosts, a missing URL is a config error" {
	KAM_ERP_URL=http://erp.example.com/api run --separate-stderr "$KAM" --sync
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"must use https"* ]]
	KAM_ERP_URL= run --separate-stderr "$KAM" --sync
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"erp.base_url is not set"* ]]
	KAM_ERP_PROFILE=nosuch run --separate-stderr "$KAM" --sync
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"no such profile"* ]]
}

@test "an unreachable ERP is 69 after retries" {
	port=$("$PYTHON3" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	KAM_ERP_URL=http://127.0.0.1:$port run --separate-stderr timeout 60 "$KAM" --sync --resource customers
	[ "$status" -eq 69 ]
	[[ "$stderr" == *"cannot reach the ERP"*"gave up after 5 tries"* ]]
}

@test "plain http goes to this machine only: never a hostile name, never through a proxy" {
	for url in http://127.example.com:$ERP_PORT http://127.0.0.1.nip.io:$ERP_PORT \
	    http://localhost.example.com:$ERP_PORT; do
		KAM_ERP_URL=$url run --separate-stderr "$KAM" --sync --resource customers
		[ "$status" -eq 78 ]
		[[ "$stderr" == *"erp.base_url must use https (plain http is allowed only to this machine"* ]]
	done
	[ "$(erp_ctl log | grep -c '"path"')" -eq 0 ]
	# a proxy would read the token: plain http to this machine goes direct
	port=$("$PYTHON3" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	http_proxy=http://127.0.0.1:$port HTTP_PROXY=http://127.0.0.1:$port \
	    ALL_PROXY=http://127.0.0.1:$port sync --resource customers
	[ "$status" -eq 0 ]
}

@test "profile = native, the default, is found: in the build tree, through KAM_DATADIR, the user's own first" {
	# the kam built here, not installed, finds its own profiles
	KAM_ERP_PROFILE=native sync --resource customers
	[ "$status" -eq 0 ]
	(unset KAM_ERP_PROFILE; "$KAM" --sync --resource customers >/dev/null)
	# KAM_DATADIR names kam's folder instead
	mkdir -p "$BATS_TEST_TMPDIR/data/profiles" "$BATS_TEST_TMPDIR/xdg/kam/profiles"
	sed 's|"/customers"|"/nowhere"|' "$KAM_SRCDIR/profiles/native.json" \
	    > "$BATS_TEST_TMPDIR/data/profiles/native.json"
	KAM_DATADIR=$BATS_TEST_TMPDIR/data KAM_ERP_PROFILE=native sync --resource customers
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"customers: the ERP has no such path (HTTP 404)"* ]]
	# the user's own profile comes before kam's
	cp "$KAM_SRCDIR/profiles/native.json" "$BATS_TEST_TMPDIR/xdg/kam/profiles/"
	XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/xdg KAM_DATADIR=$BATS_TEST_TMPDIR/data \
	    KAM_ERP_PROFILE=native sync --resource customers
	[ "$status" -eq 0 ]
	# none anywhere: where kam looked
	KAM_DATADIR=$BATS_TEST_TMPDIR/none KAM_ERP_PROFILE=native sync --resource customers
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"erp.profile: no such profile 'native' (looked for "*"/kam/profiles/native.json or $BATS_TEST_TMPDIR/none/profiles/native.json; KAM_DATADIR names kam's data folder)"* ]]
}

@test "a user without the sync role is refused with 77" {
	PGUSER=anna run --separate-stderr "$KAM" --sync --resource customers
	[ "$status" -eq 77 ]
	[[ "$stderr" == *"the database login anna is not allowed to sync: it is not a member of kam_sync"* ]]
}

@test "a second sync waits for none: it says who runs and exits 75" {
	erp_ctl fault '{"kind": "latency", "ms": 3000, "times": 1}' >/dev/null
	"$KAM" --sync --resource customers >/dev/null 2>&1 3>&- &
	pid=$!
	for _ in $(seq 50); do
		[ "$(q "SELECT count(*) FROM kam.sync_run WHERE status = 'running'")" -eq 1 ] && break
		sleep 0.1
	done
	run --separate-stderr "$KAM" --sync
	[ "$status" -eq 75 ]
	[[ "$stderr" == *"another sync is running (user erpsync, kam on $(hostname), process $pid; started "*", last page "*"; its lease runs out "*"); try again when it has finished"* ]]
	wait "$pid"
}

@test "a manager login cannot block the sync: the lock is kam_sync's alone" {
	# the old lock: an advisory key any login could take
	PGUSER=anna psql -X -q -c "SELECT pg_advisory_lock(7037293, 1), pg_sleep(30)" >/dev/null 2>&1 &
	locker=$!
	for _ in $(seq 50); do
		[ "$(q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 7037293")" -eq 1 ] && break
		sleep 0.1
	done
	sync --resource customers
	kill "$locker"
	wait "$locker" || true
	q "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 7037293" >/dev/null
	[ "$status" -eq 0 ]
	# the lease (migration 0021): a manager may not write it, nor lock its row
	for sql in "INSERT INTO kam.sync_lease (holder, client, expires_at) VALUES (gen_random_uuid(), 'x', now() + interval '1 day')" \
	    "UPDATE kam.sync_lease SET expires_at = expires_at" "DELETE FROM kam.sync_lease" \
	    "SELECT * FROM kam.sync_lease FOR UPDATE"; do
		run env PGUSER=anna psql -X -q -v ON_ERROR_STOP=1 -c "$sql"
		[ "$status" -ne 0 ]
		[[ "$output" == *"permission denied for table sync_lease"* ]]
	done
}

@test "a sync that never took the lock lets nothing go" {
	erp_ctl fault '{"kind": "latency", "ms": 6000, "times": 1}' >/dev/null
	"$KAM" --sync --resource customers >/dev/null 2>&1 3>&- &
	pid=$!
	for _ in $(seq 50); do
		[ "$(q "SELECT count(*) FROM kam.sync_run WHERE status = 'running'")" -eq 1 ] && break
		sleep 0.1
	done
	before=$(grep -c "you don't own a lock" "$PG_TEST_DIR/log" || true)
	run --separate-stderr "$KAM" --sync
	[ "$status" -eq 75 ]
	PGUSER=anna run --separate-stderr "$KAM" --sync
	[ "$status" -eq 77 ]
	# the first still holds it
	run --separate-stderr "$KAM" --sync
	[ "$status" -eq 75 ]
	wait "$pid"
	[ "$(grep -c "you don't own a lock" "$PG_TEST_DIR/log" || true)" -eq "$before" ]
}

@test "a sync that loses its lease stops before its next page is stored" {
	printf '[erp]\npage_size = 10\n' > "$BATS_TEST_TMPDIR/kam.conf"
	erp_ctl fault '{"kind": "latency", "ms": 500, "times": 0, "resource": "orders"}' >/dev/null
	KAM_CONFIG=$BATS_TEST_TMPDIR/kam.conf "$KAM" --sync >"$BATS_TEST_TMPDIR/out" \
	    2>"$BATS_TEST_TMPDIR/err" 3>&- &
	pid=$!
	for _ in $(seq 100); do
		[ "$(q "SELECT count(*) FROM kam.erp_order")" -gt 0 ] && break
		sleep 0.1
	done
	# as if its lease had run out and another sync had taken it
	q "UPDATE kam.sync_lease SET holder = gen_random_uuid()" >/dev/null
	rc=0
	wait "$pid" || rc=$?
	cat "$BATS_TEST_TMPDIR/err"
	[ "$rc" -eq 75 ]
	grep -q "the sync's lease ran out and another sync took it over; stopped, so that no two syncs run at once" "$BATS_TEST_TMPDIR/err"
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -lt 200 ]
	[ "$(q "SELECT status FROM kam.sync_run")" = failed ]
}

@test "a sync killed mid-run is closed as interrupted by the next" {
	erp_ctl fault '{"kind": "latency", "ms": 3000, "times": 1}' >/dev/null
	"$KAM" --sync >/dev/null 2>&1 3>&- &
	pid=$!
	for _ in $(seq 50); do
		[ "$(q "SELECT count(*) FROM kam.sync_run WHERE status = 'running'")" -eq 1 ] && break
		sleep 0.1
	done
	kill -9 "$pid"
	wait "$pid" || true
	erp_lease_expire
	sync
	[ "$status" -eq 0 ]
	[ "$(q "SELECT error FROM kam.sync_run ORDER BY id LIMIT 1")" = "interrupted: the sync stopped without finishing" ]
}

@test "--full marks what the ERP lost, up to 5 % without --force" {
	sync
	erp_ctl mutate '{"op": "vanish", "resource": "orders", "ids": [10, 20, 30]}'
	sync --full --resource orders
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "orders    fetched 197, inserted 0, updated 0, unchanged 197, deleted 3, errors 0" ]
	[ "$(q "SELECT string_agg(erp_id, ',' ORDER BY erp_id) FROM kam.erp_order WHERE deleted")" = "O0000010,O0000020,O0000030" ]
	erp_ctl mutate '{"op": "vanish", "resource": "invoices", "fraction": 0.1}'
	sync --full --resource invoices
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"invoices: the ERP no longer lists 12 of 120; kam marks more than 5 % deleted only with --force"* ]]
	[ "$(q "SELECT count(*) FROM kam.erp_invoice WHERE deleted")" -eq 0 ]
	sync --full --force --resource invoices
	[ "$status" -eq 0 ]
	[ "$(q "SELECT count(*) FROM kam.erp_invoice WHERE deleted")" -eq 12 ]
}

@test "a full sync marks customers the ERP lost, never deletes them" {
	sync
	erp_ctl mutate '{"op": "vanish", "resource": "customers", "ids": [7]}'
	# the fixture's own accounts carry ERP ids this ERP does not know
	sync --full --force --resource customers
	[ "$status" -eq 0 ]
	[ "$(q "SELECT string_agg(erp_id, ',' ORDER BY erp_id) FROM kam.account WHERE erp_deleted")" = "C00007,C1,C2,C3" ]
	[ "$(q "SELECT count(*) FROM kam.account")" -eq 33 ]
}

@test "a progress line on a terminal, none otherwise" {
	printf '[erp]\npage_size = 20\n' > "$BATS_TEST_TMPDIR/kam.conf"
	run script -qefc "'$KAM' -c '$BATS_TEST_TMPDIR/kam.conf' --sync --resource customers" /dev/null
	[ "$status" -eq 0 ]
	# the two connections may commit the short last page (10) first, as
	# in --progress-fd's test below
	[[ "$output" == *$'\r'"customers 1 pages, 20 records, "*"/s"* ||
	   "$output" == *$'\r'"customers 1 pages, 10 records, "*"/s"* ]]
	[[ "$output" == *$'\r'"customers 2 pages, 30 records, "*"/s"* ]]
	[[ "$output" == *"customers fetched 30, inserted 30, updated 0, unchanged 0"* ]]
	sync -c "$BATS_TEST_TMPDIR/kam.conf" --resource customers
	[[ "$stderr" != *"pages,"* ]]
}

@test "--progress-fd: page, done and fail events for a program" {
	printf '[erp]\npage_size = 20\n' > "$BATS_TEST_TMPDIR/kam.conf"
	ev=$BATS_TEST_TMPDIR/events
	run --separate-stderr "$KAM" -c "$BATS_TEST_TMPDIR/kam.conf" --sync --progress-fd 3 3>"$ev"
	[ "$status" -eq 0 ]
	# pages are applied on two connections (erp.connections) and counted
	# as they commit: the short last page (10) may commit before the first
	first=$(sed -n 1p "$ev")
	[[ $first == $'page\tcustomers\t1\t20\t'*$'\t0' ||
	   $first == $'page\tcustomers\t1\t10\t'*$'\t0' ]]
	[[ "$(sed -n 2p "$ev")" == $'page\tcustomers\t2\t30\t'* ]]
	grep -qx $'done\tcustomers\t30\t30\t0\t0\t0\t0' "$ev"
	grep -qx $'done\tinvoices\t120\t120\t0\t0\t0\t0' "$ev"
	! grep -q '^fail' "$ev"
	[ "$(grep -c '^done' "$ev")" -eq 4 ]
	erp_ctl fault '{"kind": "status", "status": 401}' >/dev/null
	run --separate-stderr "$KAM" --sync --progress-fd 2
	[ "$status" -eq 77 ]
	[[ "$stderr" == *$'\nfail\tcustomers: the ERP refused the credentials (HTTP 401); '* ]]
	[[ "$stderr" != *"$ERP_TOKEN"* ]]
	run --separate-stderr "$KAM" --sync --progress-fd 9
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"--progress-fd 9 is not open for writing"* ]]
	run --separate-stderr "$KAM" --sync --progress-fd two
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --progress-fd 2
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"go with --sync"* ]]
}

@test "a TERM stops the run between pages: recorded as stopped, nothing lost" {
	printf '[erp]\npage_size = 20\n' > "$BATS_TEST_TMPDIR/kam.conf"
	erp_ctl fault '{"kind": "latency", "ms": 1000, "resource": "orders"}' >/dev/null
	"$KAM" -c "$BATS_TEST_TMPDIR/kam.conf" --sync >/dev/null 2>"$BATS_TEST_TMPDIR/err" 3>&- &
	pid=$!
	for _ in $(seq 100); do
		[ "$(q "SELECT count(*) FROM kam.erp_order")" -gt 0 ] && break
		sleep 0.1
	done
	kill -TERM "$pid"
	rc=0
	wait "$pid" || rc=$?
	[ "$rc" -eq 75 ]
	grep -q "kam: stopped before the end, as asked; what was stored stays" "$BATS_TEST_TMPDIR/err"
	[ "$(q "SELECT status FROM kam.sync_run")" = failed ]
	[[ "$(q "SELECT error FROM kam.sync_run")" == "stopped before the end, as asked"* ]]
	[ "$(q "SELECT count(*) FROM kam.contact WHERE erp_id IS NOT NULL")" -eq 50 ]
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -lt 200 ]
	erp_ctl clear >/dev/null
	sync
	[ "$status" -eq 0 ]
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -eq 200 ]
	PGUSER=postgres "$PYTHON3" "$KAM_SRCDIR/tests/erp/compare.py" "$KAM_ERP_URL" "$KAM_ERP_TOKEN"
}

@test "erp.conninfo: the sync logs in as its own login, whoever runs it" {
	printf '[erp]\nconninfo = user=erpsync\n' > "$BATS_TEST_TMPDIR/kam.conf"
	PGUSER=anna run --separate-stderr "$KAM" -c "$BATS_TEST_TMPDIR/kam.conf" --sync --resource customers
	[ "$status" -eq 0 ]
	[ "$(q "SELECT started_by FROM kam.sync_run")" = erpsync ]
	PGUSER=anna run --separate-stderr "$KAM" -c "$BATS_TEST_TMPDIR/kam.conf" --sync --status
	[ "$status" -eq 0 ]
	printf '[erp]\nconninfo = erpsync\n' > "$BATS_TEST_TMPDIR/kam.conf"
	run --separate-stderr "$KAM" -c "$BATS_TEST_TMPDIR/kam.conf" --sync
	[ "$status" -eq 78 ]
	[[ "$stderr" == "kam: erp.conninfo: missing \"=\" after \"erpsync\" in connection info string" ]]
}

# libcurl is opened when a sync starts (src/erp/erp_curl.c): where it
# cannot be loaded (a file under its name that is no library, found first
# through LD_LIBRARY_PATH) the sync says why, exits 69 and records nothing
@test "without libcurl the sync says why, exits 69 and starts no run" {
	local lib=$BATS_TEST_TMPDIR/lib runs
	mkdir -p "$lib"
	echo 'not a library' >"$lib/libcurl.so.4"
	runs=$(q "SELECT count(*) FROM kam.sync_run")
	run --separate-stderr env LD_LIBRARY_PATH="$lib" "$KAM" --sync
	[ "$status" -eq 69 ]
	[[ "$stderr" == *"the ERP sync needs libcurl.so.4, which cannot be loaded: "*"install libcurl 4"* ]]
	[ "$(q "SELECT count(*) FROM kam.sync_run")" = "$runs" ]
}
