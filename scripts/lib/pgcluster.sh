# Private PostgreSQL clusters for the demo, the tests and the benchmarks.
# Source this file (bash). A cluster lives in one folder:
#   DIR/data   the data directory      DIR/run   its unix socket
#   DIR/log    the server log
# It listens on its unix socket only, trusts local connections (the socket
# folder is private to the server's user) and has the superuser "postgres".
# When run as root, the server runs as the "postgres" system user, since
# PostgreSQL refuses to run as root.

PGC_PORT=${PGC_PORT:-5432}

pgc_bindir() {
	local d
	if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ]; then
		echo "$PG_BINDIR"; return 0
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) \
	    "$(pg_config --bindir 2>/dev/null)"; do
		[ -x "$d/initdb" ] && { echo "$d"; return 0; }
	done
	echo "pgcluster: initdb not found (install postgresql)" >&2
	return 69
}

# Runs a command as the cluster's owner.
pgc_as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# A fresh folder the server's user may write, under ${TMPDIR:-/tmp}.
pgc_mktemp() {
	local dir
	dir=$(mktemp -d "${TMPDIR:-/tmp}/${1:-kam-pg}.XXXXXX") || return 73
	chmod 755 "$dir"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	echo "$dir"
}

# pgc_init DIR [durable]: initdb; without "durable", fsync is off (tests).
pgc_init() {
	local dir=$1 durable=${2:-} bin
	bin=$(pgc_bindir) || return
	mkdir -p "$dir/run"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir" "$dir/run"
	chmod 700 "$dir/run"
	pgc_as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
	    --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2; return 70; }
	{
		echo "listen_addresses = ''"
		echo "unix_socket_directories = '$dir/run'"
		echo "unix_socket_permissions = 0700"
		echo "port = $PGC_PORT"
		echo "max_connections = 40"
		echo "shared_buffers = 256MB"
		echo "maintenance_work_mem = 256MB"
		echo "max_wal_size = 4GB"
		echo "log_min_messages = warning"
		echo "timezone = 'UTC'"
		if [ "$durable" != durable ]; then
			echo "fsync = off"
			echo "synchronous_commit = off"
			echo "full_page_writes = off"
		fi
	} | pgc_as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
}

pgc_running() {
	[ -f "$1/data/postmaster.pid" ] &&
	    pgc_as_owner "$(pgc_bindir)/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

pgc_start() {
	local dir=$1
	pgc_running "$dir" && return 0
	pgc_as_owner "$(pgc_bindir)/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
	    -t 60 start >/dev/null || { tail -n 20 "$dir/log" >&2; return 69; }
}

# pgc_stop DIR [fast|immediate]
pgc_stop() {
	local dir=$1 mode=${2:-fast}
	pgc_running "$dir" || return 0
	pgc_as_owner "$(pgc_bindir)/pg_ctl" -D "$dir/data" -m "$mode" -w \
	    stop >/dev/null 2>&1
}

# Stops the cluster and removes DIR once process PID has gone, however it
# went (failure, Ctrl-C, kill -9): a test never leaves a server behind.
pgc_watch() {
	local dir=$1 pid=$2
	(
		trap '' INT TERM HUP
		while kill -0 "$pid" 2>/dev/null && [ -d "$dir/data" ]; do
			sleep 1
		done
		pgc_stop "$dir" immediate
		rm -rf "$dir"
	) </dev/null >/dev/null 2>&1 &
}

# The variables that point libpq (psql, kam) at the cluster.
pgc_env() {
	printf 'export PGHOST=%q PGPORT=%q PGDATABASE=%q PGUSER=%q\n' \
	    "$1/run" "$PGC_PORT" "${2:-kam}" "${3:-postgres}"
}

# The cluster's psql as the superuser, on database kam unless told otherwise.
pgc_psql() {
	local dir=$1; shift
	PGHOST=$dir/run PGPORT=$PGC_PORT PGUSER=postgres PGDATABASE=kam \
	    psql -X -q -v ON_ERROR_STOP=1 "$@"
}

# pgc_sync_login NAME [psql options]: a login that may sync, a member of
# kam_sync and nothing else, made once (psql as a superuser through PG*,
# after the migrations made kam_sync).
pgc_sync_login() {
	local name=$1; shift
	"${PSQL:-psql}" -X -q -v ON_ERROR_STOP=1 -v login="$name" "$@" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN IN ROLE kam_sync', :'login')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'login') \gexec
SQL
}
