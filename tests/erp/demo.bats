#!/usr/bin/env bats
# The demo's ERP (scripts/lib/demo_erp.sh, as scripts/demo uses it) on a
# small demo: the generator writes the ERP's side, the fake ERP serves it,
# the first sync brings it into the demo's accounts, later ones only what
# changed; the server stops, starts again on its port, and keeps its
# token out of the process list. scripts/demo itself also installs and
# builds (minutes), so it is not run here.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/scripts/lib/demo_erp.sh"
	pg_test_start no-schema
	"$KAM" --db migrate >/dev/null
	export DEMO_DIR=$BATS_FILE_TMPDIR/demo DEMO_ERP_PARENT=$$
	mkdir -p "$DEMO_DIR/erp/data"
	"$KAM_SRCDIR/tests/gen/load" --accounts 12 --seed 5 --today 2026-11-22 \
	    --erp "$DEMO_DIR/erp/data" 2>/dev/null
	pgc_sync_login kamsync
	printf '[ui]\ntheme = default\n' > "$DEMO_DIR/kam.conf"
	demo_erp_start "$DEMO_DIR/erp"
	demo_erp_conf "$DEMO_DIR/kam.conf" "$DEMO_DIR/erp"
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/scripts/lib/demo_erp.sh"
	demo_erp_stop "$DEMO_DIR/erp"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	. "$KAM_SRCDIR/scripts/lib/demo_erp.sh"
}

@test "the demo, loaded with triggers off, has the agenda's follow-ups of a rebuild from scratch" {
	before=$(kept_follow_ups)
	q 'SELECT kam.follow_ups_rebuild()' >/dev/null
	[ "$(wc -l <<<"$before")" -gt 5 ]
	[ "$(kept_follow_ups)" = "$before" ]
}

# kam --sync as anna's demo does it: her login, the demo's kam.conf.
demo_sync() {
	PGUSER=anna KAM_CONFIG=$DEMO_DIR/kam.conf run --separate-stderr "$KAM" --sync
	printf '%s\n' "$output" "$stderr"
}

lines_of() {
	wc -l < "$DEMO_DIR/erp/data/$1.jsonl"
}

@test "the load leaves the ERP's side to the sync" {
	[ "$(q "SELECT count(*) FROM kam.account")" -eq 12 ]
	[ "$(q "SELECT count(*) FROM kam.erp_order") $(q "SELECT count(*) FROM kam.erp_invoice")" = "0 0" ]
	[ "$(q "SELECT count(*) FROM kam.account WHERE legal_name IS NOT NULL OR erp_updated_at IS NOT NULL")" -eq 0 ]
	[ "$(lines_of customers)" -eq 12 ]
	[ "$(lines_of orders)" -gt 100 ]
}

@test "the first sync brings the demo's ERP data into its accounts" {
	tier=$(q "SELECT string_agg(tier || owner_id || lifecycle || status, ',' ORDER BY id) FROM kam.account")
	demo_sync
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "customers fetched 12, inserted 0, updated 12, unchanged 0, deleted 0, errors 0" ]
	[[ "${lines[2]}" == "orders    fetched $(lines_of orders), inserted $(lines_of orders), updated 0, "* ]]
	[[ "${lines[3]}" == "invoices  fetched $(lines_of invoices), inserted $(lines_of invoices), "* ]]
	[ "$(q "SELECT count(*) FROM kam.account WHERE legal_name IS NULL OR erp_updated_at IS NULL")" -eq 0 ]
	[ "$(q "SELECT count(*) FROM kam.contact WHERE active AND erp_updated_at IS NULL")" -eq 0 ]
	[ "$(q "SELECT count(*) FROM kam.erp_invoice i JOIN kam.account a ON a.id = i.account_id WHERE i.currency <> a.currency")" -eq 0 ]
	[ "$(q "SELECT string_agg(tier || owner_id || lifecycle || status, ',' ORDER BY id) FROM kam.account")" = "$tier" ]
	[ "$(q "SELECT started_by || ' ' || status FROM kam.sync_run")" = "kamsync ok" ]
}

@test "a later sync asks only for what changed" {
	demo_sync
	[ "$status" -eq 0 ]
	[[ "${lines[2]}" == "orders    fetched "*", inserted 0, updated 0, "* ]]
	[ "$(q "SELECT sum(fetched) < 100 FROM kam.sync_run WHERE id = (SELECT max(id) FROM kam.sync_run)")" = t ]
	"$PYTHON3" "$KAM_SRCDIR/tests/erp/fake_erp.py" ctl --port-file "$DEMO_DIR/erp/port" \
	    mutate '{"op": "touch", "resource": "orders", "ids": [1, 2]}' >/dev/null
	demo_sync
	[[ "${lines[2]}" == "orders    fetched "*", inserted 0, updated 2, "* ]]
}

# The id of a live record of the demo's ERP whose digits are not its place
# in the file, so that naming it by number would hit another record.
id_not_at_its_place() {
	"$PYTHON3" -c '
import json, re, sys
for n, line in enumerate(open(sys.argv[1]), 1):
    r = json.loads(line)
    if not r.get("deleted") and int(re.sub(r"\D", "", r["id"])) != n:
        print(r["id"]); break' "$DEMO_DIR/erp/data/$1.jsonl"
}

erp_ctl() {
	"$PYTHON3" "$KAM_SRCDIR/tests/erp/fake_erp.py" ctl --port-file "$DEMO_DIR/erp/port" "$@" >/dev/null
}

@test "a touch changes what a user sees; a delete removes the record it names" {
	oid=$(id_not_at_its_place orders)
	pid=$(id_not_at_its_place contacts)
	[ -n "$oid" ] && [ -n "$pid" ]
	order_before=$(q "SELECT status FROM kam.erp_order WHERE erp_id = '$oid'")
	terms_before=$(q "SELECT payment_terms FROM kam.account WHERE erp_id = 'C000003'")
	active_before=$(q "SELECT count(*) FROM kam.contact WHERE active")
	erp_ctl mutate "{\"op\": \"touch\", \"resource\": \"orders\", \"ids\": [\"$oid\"]}"
	erp_ctl mutate '{"op": "touch", "resource": "customers", "ids": ["C000003"]}'
	erp_ctl mutate "{\"op\": \"delete\", \"resource\": \"contacts\", \"ids\": [\"$pid\"]}"
	demo_sync
	[ "$status" -eq 0 ]
	[ "$(q "SELECT status FROM kam.erp_order WHERE erp_id = '$oid'")" != "$order_before" ]
	[ "$(q "SELECT payment_terms FROM kam.account WHERE erp_id = 'C000003'")" != "$terms_before" ]
	[ "$(q "SELECT active FROM kam.contact WHERE erp_id = '$pid'")" = f ]
	[ "$(q "SELECT count(*) FROM kam.contact WHERE active")" -eq $((active_before - 1)) ]
	# an id the ERP never had is refused, not taken for another record
	run "$PYTHON3" "$KAM_SRCDIR/tests/erp/fake_erp.py" ctl --port-file "$DEMO_DIR/erp/port" \
	    mutate '{"op": "delete", "resource": "contacts", "ids": ["P9999999"]}'
	[ "$status" -ne 0 ]
	[[ "$output" == *"no record P9999999"* ]]
}

@test "the token is the user's own file, never on the command line" {
	[ "$(stat -c %a "$DEMO_DIR/erp/token")" = 600 ]
	token=$(cat "$DEMO_DIR/erp/token")
	[ "${#token}" -ge 32 ]
	! tr '\0' ' ' < "/proc/$(cat "$DEMO_DIR/erp/pid")/cmdline" | grep -qF "$token"
	! grep -qF "$token" "$DEMO_DIR/kam.conf"
	grep -qx "token_file = $DEMO_DIR/erp/token" "$DEMO_DIR/kam.conf"
	grep -qx "conninfo = user=kamsync" "$DEMO_DIR/kam.conf"
}

@test "stopped, the ERP is gone; started again, it serves on its port" {
	pid=$(cat "$DEMO_DIR/erp/pid")
	port=$(cat "$DEMO_DIR/erp/port")
	demo_erp_running "$DEMO_DIR/erp"
	demo_erp_stop "$DEMO_DIR/erp"
	! kill -0 "$pid" 2>/dev/null
	! demo_erp_running "$DEMO_DIR/erp"
	demo_erp_start "$DEMO_DIR/erp"
	demo_erp_running "$DEMO_DIR/erp"
	[ "$(cat "$DEMO_DIR/erp/pid")" != "$pid" ]
	demo_erp_conf "$DEMO_DIR/kam.conf" "$DEMO_DIR/erp"
	grep -qx "base_url = http://127.0.0.1:$(cat "$DEMO_DIR/erp/port")" "$DEMO_DIR/kam.conf"
	[ "$(grep -c '^\[erp\]' "$DEMO_DIR/kam.conf")" -eq 1 ]
	demo_sync
	[ "$status" -eq 0 ]
	# a running server is left as it is
	pid=$(cat "$DEMO_DIR/erp/pid")
	demo_erp_start "$DEMO_DIR/erp"
	[ "$(cat "$DEMO_DIR/erp/pid")" = "$pid" ]
}

# A copy of the demo's scripts in the test's folder, so that what the demo
# writes (.demo/, _build/) stays there; its bootstrap installs nothing.
demo_tree() {
	tree=$BATS_TEST_TMPDIR/tree
	mkdir -p "$tree/tests/gen"
	cp -r "$KAM_SRCDIR/scripts" "$tree/"
	cp "$KAM_SRCDIR/tests/gen/load" "$tree/tests/gen/"
	printf '#!/bin/sh\nexit 0\n' > "$tree/scripts/bootstrap"
}

@test "scripts/demo --as a stranger stops at once, before building, in plain words" {
	demo_tree
	run --separate-stderr "$tree/scripts/demo" --as nobody --no-ui
	[ "$status" -eq 67 ]
	[[ "$stderr" == *"no demo user 'nobody'"* ]]
	[[ "$stderr" != *FATAL* ]]
	[ ! -e "$tree/_build" ]
	run --separate-stderr "$tree/scripts/demo" --as nobody --env
	[ "$status" -eq 67 ]
	[ -z "$output" ]
}

@test "after eval \"\$(scripts/demo --env)\" the bare kam is the demo's" {
	demo_tree
	mkdir -p "$tree/_build/demo"
	printf '#!/bin/sh\n' > "$tree/_build/demo/kam"
	chmod +x "$tree/_build/demo/kam"
	run --separate-stderr "$tree/scripts/demo" --as sam --env
	[ "$status" -eq 0 ]
	eval "$output"
	[ "$(type -P kam)" = "$tree/_build/demo/kam" ]
	[ "$PGUSER" = sam ]
}

@test "scripts/demo --as USER --env finds the user while the demo's database runs, whatever PGDATABASE says" {
	# the second "scripts/demo" of the README asks the running database;
	# its superuser's psql went to the database named by the environment
	# (none: "postgres", which has no kam schema) and called sam a stranger
	demo_tree
	mkdir -p "$tree/.demo" "$tree/_build/demo"
	echo "$PG_TEST_DIR" > "$tree/.demo/cluster"
	printf '#!/bin/sh\n' > "$tree/_build/demo/kam"
	chmod +x "$tree/_build/demo/kam"
	[ "$(psql -X -At -c "SELECT count(*) FROM kam.app_user WHERE role_name = 'sam' AND active")" = 1 ]
	run --separate-stderr env -u PGDATABASE "$tree/scripts/demo" --as sam --env
	[ "$status" -eq 0 ]
	[[ "$stderr" != *ERROR* ]]
	eval "$output"
	[ "$PGUSER" = sam ]
}

@test "the build says nothing while autoreconf goes well, everything when it fails" {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p bin src
	printf '#!/bin/sh\necho "configure.ac:8: installing '\''build-aux/missing'\''" >&2\nprintf "#!/bin/sh\\nprintf \\"all:\\\\\\\\n\\" > Makefile\\n" > configure\nchmod +x configure\nexit ${FAIL:-0}\n' > bin/autoreconf
	chmod +x bin/autoreconf
	touch src/configure.ac src/Makefile.am
	cd src
	. "$KAM_SRCDIR/scripts/lib/build.sh"
	# not the jobserver of the make that runs this test: its -j warning is
	# not the build speaking
	MAKEFLAGS= MFLAGS= MAKELEVEL= PATH=$BATS_TEST_TMPDIR/bin:$PATH run kam_build out
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -f out/Makefile ]
	rm configure
	FAIL=1 PATH=$BATS_TEST_TMPDIR/bin:$PATH run kam_build out
	[ "$status" -ne 0 ]
	[[ "$output" == *"installing 'build-aux/missing'"* ]]
}
