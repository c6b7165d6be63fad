# bench/run load: many people at once (issue 18). 200 concurrent clients,
# each its own login, run "kam --sla NAME" through PgBouncer in
# transaction pooling (contrib/pgbouncer.ini, started as the tests start
# it: tests/lib/pgbouncer.bash) and straight to the server, which allows
# max_connections = 300 here. First 100 lookups a second offered by the
# clock (open loop: p50, p99, errors), then as many as the clients manage
# (saturation: lookups/s). The load generator is bench/load.py (sourced by
# bench/run).

LOAD_CLIENTS=${BENCH_LOAD_CLIENTS:-200}
LOAD_RATE=${BENCH_LOAD_RATE:-100}
LOAD_SECONDS=${BENCH_LOAD_SECONDS:-30}
KAM_SRCDIR=$(pwd)
export KAM_SRCDIR
. tests/lib/pgbouncer.bash

# The direct path needs a connection per client: max_connections 300, a
# setting that needs a restart, which is refused while others use the
# cluster.
if [ "$("$PSQL" -X -At -c 'SHOW max_connections')" != 300 ]; then
	busy=$("$PSQL" -X -At -c "SELECT count(*) FROM pg_stat_activity
	    WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")
	if [ "$busy" != 0 ]; then
		echo "bench: max_connections must become 300, which needs a restart," \
		    "but $busy other sessions use the benchmark cluster" >&2
		exit 75
	fi
	echo "bench: max_connections = 300 on the benchmark cluster (a restart)" >&2
	"$PSQL" -X -q -c 'ALTER SYSTEM SET max_connections = 300'
	pgc_stop "$BENCH_DIR"
	pgc_start "$BENCH_DIR"
fi

# One support login for each client, made once: every person logs in as
# themselves, so PgBouncer keeps a pool for each.
"$PSQL" -X -q -v ON_ERROR_STOP=1 -c "SELECT kam.add_user('load' || g, 'support',
    'north', 'Load ' || g) FROM generate_series(1, $LOAD_CLIENTS) g
    WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'load' || g)" >/dev/null

# Five accounts spread over the table whose names are unique (as bench/run
# sla picks them).
mapfile -t names < <("$PSQL" -X -At -c "SELECT name FROM (SELECT name, min(id) id
    FROM kam.account GROUP BY name HAVING count(*) = 1) x
    ORDER BY id % 7919, id LIMIT 5")

pgb_start "$BENCH_DIR"
trap pgb_stop EXIT
direct_host=$PGHOST direct_port=$PGPORT

# load PATH RATE SECONDS: one run of bench/load.py (no user kam.conf)
load() {
	local host=$direct_host port=$direct_port
	[ "$1" = pgbouncer ] && host=$PGB_HOST port=$PGB_PORT
	PGHOST=$host PGPORT=$port XDG_CONFIG_HOME=$BENCH_DIR/no-config \
	    python3 bench/load.py --kam "$KAM" --clients "$LOAD_CLIENTS" \
	    --rate "$2" --seconds "$3" --prefix load "${names[@]}"
}
# CPU so far in clock ticks: the server's (the postmaster's own and its
# ended children's, fields 14 to 17 of /proc/PID/stat, and its living
# children's: PgBouncer's server connections) and PgBouncer's own
server_ticks() {
	local pm t p
	pm=$(head -1 "$BENCH_DIR/data/postmaster.pid")
	t=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pm/stat")
	for p in $(pgrep -P "$pm") $PGB_PID; do
		t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
	done
	echo "$t"
}
# cpu_load ARGS...: load ARGS, its line followed by "client C server S":
# milliseconds of CPU a lookup of the kam processes and the load
# generator (the subshell's children, from times) and of the server and
# PgBouncer, against the two figures the machine has (2 cores: 2000 ms of
# CPU a second)
cpu_load() {
	local before after out
	before=$(server_ticks)
	out=$( (load "$@"; times) )
	sleep 0.3	# the last direct backends end
	after=$(server_ticks)
	awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" '
	    NR == 1 { line = $0; for (i = 1; i < NF; i++) if ($i == "lookups") n = $(i + 1) }
	    NR == 3 { split($1, u, /[ms]/); split($2, s, /[ms]/)
	        c = (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }
	    END { printf "%s client %.1f server %.1f\n", line,
	        (n > 0 ? c / n : 0), (n > 0 ? t * 1000 / hz / n : 0) }' <<< "$out"
}
# field LINE NAME: the value after NAME in a line of bench/load.py
field() { awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' <<< "$1"; }

# every login once through PgBouncer and directly: the same warm caches
PGHOST=$PGB_HOST PGPORT=$PGB_PORT PGUSER=load1 "$KAM" --sla "${names[0]}" >/dev/null
load pgbouncer 50 5 >/dev/null
load direct 50 5 >/dev/null

echo "load: $LOAD_CLIENTS clients, each its own login; names: ${#names[@]} accounts" >&2
open_pgb=$(cpu_load pgbouncer "$LOAD_RATE" "$LOAD_SECONDS")
open_direct=$(cpu_load direct "$LOAD_RATE" "$LOAD_SECONDS")
sat_pgb=$(cpu_load pgbouncer 0 "$LOAD_SECONDS")
sat_direct=$(cpu_load direct 0 "$LOAD_SECONDS")

printf '\n%s clients, kam --sla NAME               lookups  errors    p50 ms    p99 ms   lookups/s  CPU ms: client server\n' \
    "$LOAD_CLIENTS"
row() {
	printf '%-40s %8s %7s %9s %9s %11s %14s %6s%s\n' "$1" \
	    "$(field "$2" lookups)" "$(field "$2" errors)" "$(field "$2" p50)" \
	    "$(field "$2" p99)" "$(field "$2" rate)" "$(field "$2" client)" \
	    "$(field "$2" server)" "${3:-}"
}
row "$LOAD_RATE/s offered, through PgBouncer" "$open_pgb" "  (target p99 <= 100, 0 errors)"
row "$LOAD_RATE/s offered, direct" "$open_direct"
row "saturation, through PgBouncer" "$sat_pgb" "  (target 0 errors)"
row "saturation, direct (max_connections 300)" "$sat_direct"
printf '%-40s %59s\n' "lookups/s, PgBouncer : direct" \
    "$(ratio "$(field "$sat_pgb" rate)" "$(field "$sat_direct" rate)")"
