# A streaming standby of the test cluster of tests/lib/pg.bash (bash;
# source after pg.bash, call after pg_test_start). pgs_start copies the
# primary with pg_basebackup as the cluster's owner over its unix socket
# into a folder of its own (as pg.bash's, under TMPDIR), starts it as a hot
# standby streaming from the primary under the name kam_standby (which
# synchronous_standby_names may name), waits until it streams, and
# exports PGS_DIR and PGS_HOST (its socket folder; the port is the
# primary's). It goes away with the test process however that ends, or by
# pgs_stop. PostgreSQL 15 documentation: "Setting Up a Standby Server"
# (warm-standby.html#STANDBY-SERVER-SETUP), pg_basebackup(1),
# "Synchronous Replication" (application_name in primary_conninfo). The
# standby's settings are contrib/standby.conf, which kam-deploy(7) shows.

pgs_start() {
	local dir bin i
	bin=$(pgc_bindir) || return
	dir=$(pgc_mktemp kam-standby) || return
	PGS_DIR=$dir PGS_HOST=$dir/run
	export PGS_DIR PGS_HOST
	mkdir -p "$dir/run"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir/run"
	chmod 700 "$dir/run"
	# initdb -A trust lets the owner replicate over the local socket
	pgc_as_owner "$bin/pg_basebackup" -d "host=$PG_TEST_DIR/run port=$PGC_PORT user=postgres" \
	    -D "$dir/data" -X stream -c fast --no-sync >"$dir/basebackup.log" 2>&1 || {
		cat "$dir/basebackup.log" >&2; rm -rf "$dir"; return 70; }
	# (the watch ends at once while there is no data folder)
	pgc_watch "$dir" "${PG_TEST_OWNER:-$$}"
	# contrib/standby.conf, as kam-deploy(7) shows it; the socket folder
	# is the test's own
	{
		echo "unix_socket_directories = '$dir/run'"
		sed -e "s|@PRIMARY@|$PG_TEST_DIR/run|g" -e "s|@PORT@|$PGC_PORT|g" \
		    "$KAM_SRCDIR/contrib/standby.conf"
	} | pgc_as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
	pgc_as_owner touch "$dir/data/standby.signal"
	pgc_start "$dir" || return
	for i in $(seq 200); do
		[ "$(pgc_psql "$PG_TEST_DIR" -At -d postgres -c "SELECT count(*)
		    FROM pg_stat_replication WHERE application_name = 'kam_standby'
		    AND state = 'streaming'")" = 1 ] && return 0
		sleep 0.05
	done
	echo "pgstandby: the standby does not stream" >&2
	tail -n 20 "$dir/log" >&2
	return 69
}

# pgs_psql ARGS...: psql as the superuser on the standby's database kam.
pgs_psql() {
	pgc_psql "$PGS_DIR" -d kam "$@"
}

# pgs_caught_up: until the standby has replayed all the primary has written.
pgs_caught_up() {
	local lsn i
	lsn=$(pgc_psql "$PG_TEST_DIR" -At -d postgres -c 'SELECT pg_current_wal_lsn()') || return
	for i in $(seq 200); do
		[ "$(pgs_psql -At -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'")" = t ] &&
		    return 0
		sleep 0.05
	done
	return 1
}

# pgs_promote: the standby becomes a primary (a failover); returns once it
# takes writes.
pgs_promote() {
	pgc_as_owner "$(pgc_bindir)/pg_ctl" -D "$PGS_DIR/data" -w -t 60 promote \
	    >/dev/null
}

pgs_stop() {
	[ -n "${PGS_DIR:-}" ] || return 0
	pgc_stop "$PGS_DIR" immediate
	rm -rf "$PGS_DIR"
	PGS_DIR=
}
