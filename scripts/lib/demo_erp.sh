# The demo's ERP (bash; source it): tests/erp/fake_erp.py serving the ERP
# side of the demo data (tests/gen/load --erp), on 127.0.0.1 only, kept
# running between demo runs like the demo's database. Everything lives in
# one folder DIR:
#   DIR/data/*.jsonl   what the ERP serves     DIR/token  its token (0600)
#   DIR/pid, DIR/port  the running server      DIR/log    its output
# Sourced by scripts/demo and by the demo's test.

demo_erp_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Whether DIR's server runs: its pid is alive and is the fake ERP (not a
# process that got the pid later).
demo_erp_running() {
	local pid
	pid=$(cat "$1/pid" 2>/dev/null) || return 1
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
	    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'fake_erp\.py serve'
}

# A random token, made once, readable by the user only.
demo_erp_token() {
	[ -s "$1/token" ] && return 0
	(umask 077 && od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$1/token.new" &&
	    echo >>"$1/token.new" && mv "$1/token.new" "$1/token")
}

# demo_erp_start DIR: starts the server unless it runs, on the port it had
# before when that is free. Detached (setsid): it outlives the demo's
# terminal, as the database does, until demo_erp_stop (a test sets
# DEMO_ERP_PARENT to a pid whose end stops it too).
demo_erp_start() {
	local dir=$1 port i
	demo_erp_running "$dir" && return 0
	[ -s "$dir/data/customers.jsonl" ] || {
		echo "demo: no ERP data in $dir/data" >&2; return 66; }
	demo_erp_token "$dir" || return 73
	port=$(cat "$dir/port" 2>/dev/null || echo 0)
	rm -f "$dir/port" "$dir/pid"
	setsid "${PYTHON3:-python3}" "$demo_erp_top/tests/erp/fake_erp.py" serve \
	    --style native --data "$dir/data" --token-file "$dir/token" \
	    --port "$port" --port-file "$dir/port" \
	    ${DEMO_ERP_PARENT:+--parent-pid "$DEMO_ERP_PARENT"} \
	    </dev/null >"$dir/log" 2>&1 &
	echo $! >"$dir/pid"
	for i in $(seq 100); do
		[ -s "$dir/port" ] && return 0
		kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
		sleep 0.1
	done
	echo "demo: the fake ERP did not start:" >&2
	tail -n 5 "$dir/log" >&2
	return 69
}

demo_erp_stop() {
	local dir=$1 pid i
	demo_erp_running "$dir" || { rm -f "$dir/pid"; return 0; }
	pid=$(cat "$dir/pid")
	kill "$pid"
	for i in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	rm -f "$dir/pid"
}

# demo_erp_conf CONF DIR: CONF's [erp] section points at DIR's server and
# token with the native profile (the demo's kam, built and not installed,
# finds the checkout's profiles and themes itself), and the sync logs in as
# the demo's sync login; a server that came up on another port is followed.
demo_erp_conf() {
	local conf=$1 dir=$2 url
	url=http://127.0.0.1:$(cat "$dir/port")
	if ! grep -q '^\[erp\]' "$conf"; then
		printf '\n[erp]\nprofile = native\nbase_url = %s\ntoken_file = %s\nconninfo = user=kamsync\n' \
		    "$url" "$(cd "$dir" && pwd)/token" >>"$conf"
	elif ! grep -qxF "base_url = $url" "$conf"; then
		sed -i "s|^base_url = http://127\.0\.0\.1:[0-9]*\$|base_url = $url|" "$conf"
	fi
}
