#!/usr/bin/env bats
# kill -9 at any moment loses nothing and repeats nothing harmful: after
# twenty syncs killed at random points (the ERP changing in between) and
# one run to the end, the database holds exactly what one clean sync of
# the same ERP into an empty database gives.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_start native --customers 40 --contacts 80 --orders 500 --invoices 300 \
	    --fault '{"kind": "latency", "ms": 15, "times": 0}'
	psql -X -q -c "CREATE DATABASE kam_clean"
	PGDATABASE=kam_clean "$KAM" --db migrate >/dev/null
	PGDATABASE=kam_clean psql -X -q -f "$KAM_SRCDIR/tests/lib/fixture.sql" >/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_stop
}

setup() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	export PGUSER=erpsync
	export KAM_CONFIG=$BATS_TEST_TMPDIR/kam.conf
	printf '[erp]\npage_size = 10\n' > "$KAM_CONFIG"
}

# A sync to the end; 75 (another sync holds the lease): try again.
sync_to_end() {
	local rc
	for _ in $(seq 50); do
		"$KAM" --sync "$@" >/dev/null 2>"$BATS_TEST_TMPDIR/err" && return 0
		rc=$?
		[ "$rc" -eq 75 ] || { cat "$BATS_TEST_TMPDIR/err"; return "$rc"; }
		sleep 0.2
	done
	return 75
}

# Some change in the ERP between two kills.
change() {
	case $(( $1 % 4 )) in
	0) erp_ctl mutate "{\"op\": \"touch\", \"resource\": \"orders\", \"ids\": [$((RANDOM % 500 + 1)), $((RANDOM % 500 + 1))]}" ;;
	1) erp_ctl mutate "{\"op\": \"delete\", \"resource\": \"invoices\", \"ids\": [$((RANDOM % 300 + 1))]}" ;;
	2) erp_ctl mutate '{"op": "add", "resource": "orders", "count": 2}' ;;
	3) erp_ctl mutate "{\"op\": \"touch\", \"resource\": \"customers\", \"ids\": [$((RANDOM % 40 + 1))]}" ;;
	esac >/dev/null
}

@test "twenty kill -9 at random moments, then one run: as one clean sync" {
	RANDOM=$$
	killed=0
	for i in $(seq 20); do
		change "$i"
		"$KAM" --sync >/dev/null 2>&1 3>&- &
		pid=$!
		sleep "$(( RANDOM % 25 / 10 )).$(( RANDOM % 10 ))"
		if kill -9 "$pid" 2>/dev/null; then
			killed=$((killed + 1))
		fi
		wait "$pid" || true
		erp_lease_expire
	done
	echo "killed $killed runs mid-way"
	[ "$killed" -ge 10 ]
	sync_to_end
	[ "$(psql -X -At -c "SELECT count(*) FROM kam.sync_run WHERE error LIKE 'interrupted%'")" -ge 1 ]
	PGDATABASE=kam_clean sync_to_end
	erp_dump > "$BATS_TEST_TMPDIR/after-kills"
	erp_dump -d kam_clean > "$BATS_TEST_TMPDIR/clean"
	diff "$BATS_TEST_TMPDIR/after-kills" "$BATS_TEST_TMPDIR/clean"
	[ "$(grep -c '^o|' "$BATS_TEST_TMPDIR/clean")" -ge 500 ]
}

@test "a second run after that changes nothing" {
	sync_to_end
	erp_dump > "$BATS_TEST_TMPDIR/a"
	run --separate-stderr "$KAM" --sync
	[ "$status" -eq 0 ]
	for l in 0 1 2 3; do
		[[ "${lines[$l]}" == *", inserted 0, updated 0, unchanged "*", deleted 0, errors 0" ]]
	done
	erp_dump > "$BATS_TEST_TMPDIR/b"
	diff "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
}
