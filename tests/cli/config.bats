#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# kam.conf: errors as file:line, exit 78, and precedence
# flags > environment > file > defaults (seen through the connection target).

setup() {
	CONF=$BATS_TEST_TMPDIR/kam.conf
}

@test "a bad line is reported as file:line: message with exit 78" {
	printf '[database]\nconnect_timeout = 5\nport = 5432\n' > "$CONF"
	run --separate-stderr "$KAM" --config "$CONF" --db status
	[ "$status" -eq 78 ]
	[ "$stderr" = "$CONF:3: unknown setting 'database.port'" ]
	[ -z "$output" ]
}

@test "a bad value names the setting and the allowed range" {
	printf '[database]\nconnect_timeout = 0\n' > "$CONF"
	run --separate-stderr "$KAM" --config "$CONF" --db status
	[ "$status" -eq 78 ]
	[ "$stderr" = "$CONF:2: database.connect_timeout: 0 is out of range (1 to 3600)" ]
}

@test "--config with a missing file exits 78" {
	run --separate-stderr "$KAM" --config "$BATS_TEST_TMPDIR/none.conf" --db status
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"none.conf: No such file or directory" ]]
}

@test "KAM_CONFIG names the file when --config is absent" {
	printf '[ui]\nmouse = perhaps\n' > "$CONF"
	KAM_CONFIG=$CONF run --separate-stderr "$KAM" --db status
	[ "$status" -eq 78 ]
	[ "$stderr" = "$CONF:2: ui.mouse: 'perhaps' is not yes or no" ]
}

@test "the XDG default file is read, and a missing one is fine" {
	mkdir -p "$BATS_TEST_TMPDIR/xdg/kam"
	printf '[database]\nconninfo = host=/nonexistent/from-file connect_timeout=1\n' \
	    > "$BATS_TEST_TMPDIR/xdg/kam/kam.conf"
	XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/xdg run --separate-stderr "$KAM" --db status
	[ "$status" -eq 69 ]
	[[ "$stderr" == *"/nonexistent/from-file"* ]]
	XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/empty run "$KAM" --help
	[ "$status" -eq 0 ]
}

@test "environment beats file, flag beats environment" {
	printf '[database]\nconninfo = host=/nonexistent/from-file connect_timeout=1\n' > "$CONF"
	run --separate-stderr "$KAM" -c "$CONF" --db status
	[[ "$stderr" == *"/nonexistent/from-file"* ]]
	KAM_DATABASE='host=/nonexistent/from-env connect_timeout=1' \
	    run --separate-stderr "$KAM" -c "$CONF" --db status
	[[ "$stderr" == *"/nonexistent/from-env"* ]]
	KAM_DATABASE='host=/nonexistent/from-env connect_timeout=1' \
	    run --separate-stderr "$KAM" -c "$CONF" \
	    -d 'host=/nonexistent/from-flag connect_timeout=1' --db status
	[[ "$stderr" == *"/nonexistent/from-flag"* ]]
	[ "$status" -eq 69 ]
}

@test "every example in kam.conf(5) parses" {
	sed -n '/^\.Bd -literal/,/^\.Ed/p' "$KAM_SRCDIR/man/kam.conf.5" |
	    sed '1d;$d' > "$CONF"
	grep -q '^\[database\]' "$CONF"
	# the example's database is unreachable on purpose: 69 means it parsed
	run --separate-stderr "$KAM" -c "$CONF" -d 'host=/nonexistent connect_timeout=1' --db status
	[ "$status" -eq 69 ]
}

@test "a line without end is cut while reading, not read whole first" {
	# a FIFO in the test's folder: 8 kB without a line break, then nothing
	# for a while; kam must stop at the cap, not wait for the line's end
	mkfifo "$BATS_TEST_TMPDIR/conf"
	bash -c 'head -c 8192 /dev/zero | tr "\\0" x; exec sleep 30' > "$BATS_TEST_TMPDIR/conf" &
	writer=$!
	run --separate-stderr timeout -s KILL 15 "$KAM" --config "$BATS_TEST_TMPDIR/conf" --db status
	kill "$writer" 2>/dev/null || true
	wait "$writer" || true
	[ "$status" -eq 78 ]
	[ "$stderr" = "$BATS_TEST_TMPDIR/conf:1: line too long" ]
}

@test "a config file may start with a UTF-8 byte order mark" {
	printf '\357\273\277[ui]\nmouse = perhaps\n' > "$CONF"
	run --separate-stderr "$KAM" --config "$CONF" --db status
	[ "$status" -eq 78 ]
	[ "$stderr" = "$CONF:2: ui.mouse: 'perhaps' is not yes or no" ]
}
