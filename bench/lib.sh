# Shared by the benchmarks (bash; sourced by bench/run): a release build,
# the benchmark cluster with its generated data, and measuring commands.

. scripts/lib/pgcluster.sh
. scripts/lib/build.sh

BENCH_DIR=${KAM_BENCH_DIR:-/var/tmp/kam-bench}
PGC_PORT=${KAM_BENCH_PORT:-5433}
KAM=$(pwd)/_build/bench/kam
# the real psql, not a distribution's wrapper script around it
PSQL=$(pgc_bindir)/psql

bench_stop() {
	pgc_stop "$BENCH_DIR" 2>/dev/null || true
}

# Builds kam optimised, starts the cluster (durable settings off: this
# measures kam, not the disk) and loads $accounts accounts once.
bench_prepare() {
	scripts/bootstrap
	kam_build _build/bench CFLAGS='-O2 -g' >/dev/null
	if [ ! -d "$BENCH_DIR/data" ]; then
		mkdir -p "$BENCH_DIR"
		[ "$(id -u)" = 0 ] && chown postgres: "$BENCH_DIR"
		pgc_init "$BENCH_DIR"
	fi
	pgc_start "$BENCH_DIR"
	eval "$(pgc_env "$BENCH_DIR" kam postgres)"
	local want="accounts=$accounts seed=1"
	[ "${BENCH_NEEDS_DATA:-yes}" = yes ] || return 0
	if [ "$(cat "$BENCH_DIR/loaded" 2>/dev/null)" != "$want" ]; then
		bench_fresh_db kam
		echo "bench: generating $accounts accounts (once; kept in $BENCH_DIR)" >&2
		tests/gen/load --accounts "$accounts" --seed 1 --today 2026-11-22
		echo "$want" > "$BENCH_DIR/loaded"
	fi
	# a newer checkout may bring new migrations (indexes, views)
	"$KAM" --db migrate >/dev/null
}

# bench_fresh_db NAME: an empty database NAME with kam's schema.
bench_fresh_db() {
	PGOPTIONS="-c client_min_messages=warning" \
	    pgc_psql "$BENCH_DIR" -d postgres -c "DROP DATABASE IF EXISTS $1" \
	    -c "CREATE DATABASE $1" >/dev/null
	PGDATABASE=$1 "$KAM" --db migrate >/dev/null
}

# measure OUT CMD...: runs CMD with stdout to /dev/null; OUT gets
# "seconds peak-rss-kB" of the run.
measure() {
	local out=$1; shift
	/usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null
}

# best_of N VAR CMD...: the fastest of N runs; sets VAR_s and VAR_kb
# (peak RSS of that run).
best_of() {
	local n=$1 var=$2 t best= kb= i
	shift 2
	t=$(mktemp)
	for ((i = 0; i < n; i++)); do
		measure "$t" "$@"
		read -r s k < "$t"
		if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$s kb=$k
		fi
	done
	rm -f "$t"
	printf -v "${var}_s" '%s' "$best"
	printf -v "${var}_kb" '%s' "$kb"
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}

mib() {
	awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'
}
