# PgBouncer 1.18 in transaction pooling in front of the test cluster of
# tests/lib/pg.bash (bash; source after pg.bash, call after pg_test_start).
# pgb_start [CLUSTER] starts contrib/pgbouncer.ini (PgBouncer's defaults
# but for pool_mode = transaction and the pool sizes) as the cluster's
# owner, on a unix socket in the cluster's folder (the test's, or another
# of scripts/lib/pgcluster.sh: the benchmarks'), and exports PGB_HOST and
# PGB_PORT; pgb_env points PG* at it. It stops with the cluster, or by
# pgb_stop. PGB_SETTINGS, lines of "name = value", follow the file's own
# (its last section is [pgbouncer], and a later line overrides).

pgb_start() {
	local cluster=${1:-$PG_TEST_DIR} dir i
	dir=$cluster/bouncer
	# already running (the pooled pass started it in pg_test_start): the
	# logins made since then may log in too
	if [ -n "${PGB_PID:-}" ] && kill -0 "$PGB_PID" 2>/dev/null; then
		pgb_reload
		return
	fi
	mkdir -p "$dir"
	PGB_CLUSTER=$cluster
	export PGB_CLUSTER
	pgb_userlist "$dir/userlist.txt" || return
	sed -e "s|@DIR@|$dir|g" -e "s|@PGHOST@|$cluster/run|g" \
	    -e "s|@PGPORT@|$PGC_PORT|g" \
	    "$KAM_SRCDIR/contrib/pgbouncer.ini" > "$dir/pgbouncer.ini"
	[ -z "${PGB_SETTINGS:-}" ] ||
	    printf '%s\n' "$PGB_SETTINGS" >> "$dir/pgbouncer.ini"
	[ "$(id -u)" = 0 ] && chown -R postgres: "$dir"
	chmod 755 "$dir"
	pgc_as_owner pgbouncer -d "$dir/pgbouncer.ini" || return
	for i in $(seq 100); do
		[ -S "$dir/.s.PGSQL.6432" ] && break
		sleep 0.05
	done
	[ -S "$dir/.s.PGSQL.6432" ] || { cat "$dir/pgbouncer.log" >&2; return 69; }
	PGB_DIR=$dir PGB_HOST=$dir PGB_PORT=6432
	PGB_PID=$(cat "$dir/pgbouncer.pid") || return
	export PGB_DIR PGB_HOST PGB_PORT PGB_PID
	pgb_watch "${PG_TEST_OWNER:-$$}" "$PGB_PID"
}

# pgb_userlist FILE: every login of the cluster, with no password. trust
# still needs each login named in auth_file (pgbouncer(5), auth_type).
pgb_userlist() {
	pgc_psql "$PGB_CLUSTER" -d postgres -At -c "SELECT '\"' ||
	    replace(rolname, '\"', '\"\"') || '\" \"\"' FROM pg_roles
	    WHERE rolcanlogin" > "$1.new" || return
	[ "$(id -u)" = 0 ] && chown postgres: "$1.new"
	mv "$1.new" "$1"
}

# pgb_reload: the userlist again, and PgBouncer rereads it (SIGHUP, as
# RELOAD does: doc/usage.md "Signals"); returns once its log says so.
pgb_reload() {
	local log=$PGB_DIR/pgbouncer.log n i
	pgb_userlist "$PGB_DIR/userlist.txt" || return
	# (grep -c fails where it counts none)
	n=$(grep -c 'got SIGHUP' "$log" || true)
	kill -HUP "$PGB_PID" || return
	for i in $(seq 100); do
		[ "$(grep -c 'got SIGHUP' "$log" || true)" -gt "$n" ] && return 0
		sleep 0.05
	done
	echo "pgbouncer: no reload after SIGHUP" >&2
	return 69
}

# Stops PgBouncer (process BPID, which this file started) once process PID
# has gone, however it went.
pgb_watch() {
	local pid=$1 bpid=$2
	(
		trap '' INT TERM HUP
		while kill -0 "$pid" 2>/dev/null && kill -0 "$bpid" 2>/dev/null; do
			sleep 1
		done
		kill "$bpid" 2>/dev/null
	) </dev/null >/dev/null 2>&1 &
}

# pgb_stop: stops it (SIGTERM, an immediate shutdown: doc/usage.md
# "Signals") and returns once it has gone, so that it can start again.
pgb_stop() {
	local i
	[ -n "${PGB_PID:-}" ] || return 0
	kill "$PGB_PID" 2>/dev/null
	for i in $(seq 100); do
		kill -0 "$PGB_PID" 2>/dev/null || break
		sleep 0.05
	done
	PGB_PID=
}

# pgb_env: PG* through PgBouncer (for what follows in this shell)
pgb_env() {
	export PGHOST=$PGB_HOST PGPORT=$PGB_PORT
}
