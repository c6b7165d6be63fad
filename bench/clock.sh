# bench/run clock: kam.clock_add, a time plus N business hours, over a
# calendar with ten years of holidays: 100 000 calls in one statement,
# less the same statement adding plain hours, per call; beside it the
# baseline, the walk that answered before the kept ranges (0036) and
# still answers outside them, over 10 000 calls, and the ratio (sourced
# by bench/run; its own database kam_clock, the generated accounts
# unused).

bench_fresh_db kam_clock
export PGDATABASE=kam_clock
"$PSQL" -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.calendar (name, time_zone) VALUES ('Berlin office', 'Europe/Berlin');
INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
SELECT c.id, d, o, cl FROM kam.calendar c, generate_series(1, 5) d,
       (VALUES (time '08:00', time '12:00'), ('13:00', '17:00')) w (o, cl);
-- twelve holidays a year, 2026 to 2035, some on weekends, one a part day
INSERT INTO kam.calendar_holiday (calendar_id, day, name, closed_from)
SELECT c.id, make_date(y, m, d), format('Holiday %s-%s', m, d),
       CASE WHEN m = 12 AND d = 24 THEN time '12:00' END
  FROM kam.calendar c, generate_series(2026, 2035) y,
       (VALUES (1, 1), (3, 8), (4, 3), (5, 1), (5, 14), (5, 25), (6, 4),
               (8, 15), (10, 3), (11, 1), (12, 24), (12, 25)) v (m, d);
ANALYZE;
SQL
calls=100000

# per_call EXPR [CALLS]: milliseconds of CALLS (100 000) calls of
# EXPR(t), t spread over the years, the best of $runs
per_call() {
	local best= ms i calls=${2:-$calls}
	for ((i = 0; i < runs; i++)); do
		ms=$("$PSQL" -X -q -At -v ON_ERROR_STOP=1 <<SQL | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
\\timing on
SELECT count($1) FROM generate_series(0, $calls - 1) i,
       LATERAL (SELECT timestamptz '2026-01-01 00:00+00'
                + i * interval '52 minutes 33 seconds' AS t) x;
SQL
		)
		if [ -z "$best" ] || awk -v a="$ms" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$ms
		fi
	done
	echo "$best"
}

# us CALLS MS BASE_MS: microseconds a call, the plain statement's less
us() {
	awk -v a="$2" -v b="$3" -v k="$1" 'BEGIN { printf "%.1f", (a - b) * 1000 / k }'
}

walk_calls=$((calls / 10))
echo "clock: $calls calls a statement ($walk_calls of the walk), best of $runs" >&2
base=$(per_call "t + interval '4 hours'")
walk_base=$(per_call "t + interval '4 hours'" "$walk_calls")
printf '\n%-44s %10s %12s\n' "kam.clock_add over 10 years of holidays" "ms" "us a call"
for n in '4 hours' '40 hours'; do
	ms=$(per_call "kam.clock_add(1, t, interval '$n')")
	walk=$(per_call "kam.clock_walk(1, t, 'add', extract(epoch FROM interval '$n'), interval '100 years')" "$walk_calls")
	kept_us=$(us "$calls" "$ms" "$base")
	walk_us=$(us "$walk_calls" "$walk" "$walk_base")
	printf '%-44s %10s %12s (target <= 50)\n' "plus $n" "$ms" "$kept_us"
	printf '%-44s %10s %12s ratio %s\n' "  baseline: the walk (0026), $walk_calls calls" \
	    "$walk" "$walk_us" "$(awk -v a="$kept_us" -v b="$walk_us" 'BEGIN { printf "%.3f", a / b }')"
done
printf '%-44s %10s\n' "the same statement adding plain hours" "$base"
