# bench/run sla: the whole "kam --sla NAME" process against psql running
# one query that finds the account by name and shows the same card
# (sourced by bench/run).

# What both statements below ask alike: escalation, goodwill, validity,
# the warranties in force, and the account with its owner.
sla_tail=" s.channels, ec.name AS escalation, ec.phone, ec.email AS escalation_email,
 s.escalation AS note, s.goodwill_policy, s.valid_from, s.valid_to,
 (SELECT string_agg(w.title, '; ') FROM kam.special_condition w
  WHERE w.account_id = a.id AND w.kind = 'warranty' AND w.valid_from <= current_date
  AND (w.valid_to IS NULL OR w.valid_to >= current_date)) AS warranties
 FROM kam.account a LEFT JOIN kam.app_user o ON o.id = a.owner_id"

# The same lookup (the accent-folded name, through its index) and the
# facts kam's card shows, the way kam(1) shows psql users to ask for them:
# the service level in force by kam.account_service_level (the one rule;
# one row when an account has had several), its calendar, the clock only
# under one in force, each instant in the agent's zone and the
# calendar's, the next holiday, escalation and warranties.
sla_sql="SELECT a.name, a.erp_id, o.display_name AS owner, o.email AS owner_email,
 coalesce(f.state, 'missing') AS state, f.also_valid,
 s.name AS service_level, s.first_response, s.resolution,
 cal.name AS calendar, cal.time_zone, now() AT TIME ZONE cal.time_zone AS local_now,
 k.open_now, k.change_at, k.change_at AT TIME ZONE cal.time_zone AS change_there,
 k.response_by, k.response_by AT TIME ZONE cal.time_zone AS response_there,
 k.resolution_by, k.resolution_by AT TIME ZONE cal.time_zone AS resolution_there,
 h.name AS holiday, h.day AS holiday_day, h.closed_from, h.closed_to,
$sla_tail
 LEFT JOIN LATERAL kam.account_service_level(a.id) f ON true
 LEFT JOIN kam.service_level s ON s.id = f.id
 LEFT JOIN kam.calendar cal ON cal.id = s.calendar_id
 LEFT JOIN kam.contact ec ON ec.id = s.escalation_contact_id
 LEFT JOIN LATERAL (SELECT kam.clock_open(s.calendar_id, now()) AS open_now,
   CASE WHEN kam.clock_open(s.calendar_id, now())
    THEN kam.clock_next_closing(s.calendar_id, now())
    ELSE kam.clock_next_opening(s.calendar_id, now()) END AS change_at,
   kam.clock_add(s.calendar_id, now(), s.first_response) AS response_by,
   kam.clock_add(s.calendar_id, now(), s.resolution) AS resolution_by) k
  ON f.state = 'valid'
 LEFT JOIN LATERAL kam.clock_next_holiday(s.calendar_id, now()) h ON f.state = 'valid'
 WHERE kam.fold(a.name) = kam.fold(:'name')"

# The statement this benchmark compared against until 2026-12-06 (printed
# for continuity): any of the account's service levels, a row each, the
# clock under expired ones too, instants in the agent's zone only.
narrow_sql="SELECT a.name, a.erp_id, o.display_name AS owner, o.email,
 s.name AS service_level, s.first_response, s.resolution, s.support_days,
 s.support_from, s.support_to, s.time_zone,
 kam.clock_open(s.calendar_id, now()) AS open_now,
 CASE WHEN kam.clock_open(s.calendar_id, now())
  THEN kam.clock_next_closing(s.calendar_id, now())
  ELSE kam.clock_next_opening(s.calendar_id, now()) END AS change_at,
 kam.clock_add(s.calendar_id, now(), s.first_response) AS response_by,
 kam.clock_add(s.calendar_id, now(), s.resolution) AS resolution_by,
 (SELECT h.name || ' ' || h.day FROM kam.clock_next_holiday(s.calendar_id, now()) h) AS holiday,
$sla_tail
 LEFT JOIN kam.service_level s ON s.account_id = a.id
 LEFT JOIN kam.contact ec ON ec.id = s.escalation_contact_id
 WHERE kam.fold(a.name) = kam.fold(:'name')"

# Five accounts spread over the table whose names are unique, so that
# both sides print one card.
mapfile -t names < <("$PSQL" -X -At -c "SELECT name FROM (SELECT name, min(id) id
    FROM kam.account GROUP BY name HAVING count(*) = 1) x
    ORDER BY id % 7919, id LIMIT 5")
rounds=$((runs * 10))
echo "sla: ${#names[@]} accounts, $rounds lookups each" >&2

# one_round CMD...: each name once; prints the seconds it took
time_rounds() {
	local start end i n
	start=$(date +%s%N)
	for ((i = 0; i < rounds; i++)); do
		for n in "${names[@]}"; do "$@" "$n" >/dev/null || return; done
	done
	end=$(date +%s%N)
	awk -v ns=$((end - start)) -v k=$((rounds * ${#names[@]})) \
	    'BEGIN { printf "%.2f", ns / k / 1e6 }'
}
kam_sla() { "$KAM" --sla "$1"; }
# the query on standard input, as psql interpolates :'name' only there
psql_sla() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -v name="$1" <<< "$sla_sql"; }
wrapper_sla() { psql -X -q -v ON_ERROR_STOP=1 -v name="$1" <<< "$sla_sql"; }
narrow_sla() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -v name="$1" <<< "$narrow_sql"; }

# all three once before timing: the same warm caches for each
for f in kam_sla psql_sla wrapper_sla narrow_sla; do time_rounds "$f" >/dev/null; done
kam_ms=$(time_rounds kam_sla)
psql_ms=$(time_rounds psql_sla)
wrapper_ms=$(time_rounds wrapper_sla)
narrow_ms=$(time_rounds narrow_sla)
printf '\n%-40s %8s\n' "one SLA lookup, whole process" "ms"
printf '%-40s %8s\n' "kam --sla NAME" "$kam_ms"
printf '%-40s %8s   ratio %s (target <= 0.5)\n' "psql (the command on PATH)" \
    "$wrapper_ms" "$(ratio "$kam_ms" "$wrapper_ms")"
printf '%-40s %8s   ratio %s (target <= 1)\n' "$PSQL" "$psql_ms" \
    "$(ratio "$kam_ms" "$psql_ms")"
printf '%-40s %8s   ratio %s\n' "  the same, the narrower statement" \
    "$narrow_ms" "$(ratio "$kam_ms" "$narrow_ms")"

# CPU per lookup, which the machine's load disturbs far less than the wall
# clock: the processes' own (the shell's children's user and system time,
# from `times`) and the server's (the postmaster's children's, fields 16
# and 17 of /proc/PID/stat, added when a backend ends; every lookup is a
# new session, so this is its backend's whole life). Clock ticks of 10 ms,
# over rounds * 5 lookups.
postmaster=$(head -1 "$BENCH_DIR/data/postmaster.pid")
children_ticks() { awk '{ print $16 + $17 }' "/proc/$postmaster/stat"; }
# cpu_rounds CMD...: "client server", milliseconds of CPU a lookup
cpu_rounds() {
	local before after client i n k=$((rounds * ${#names[@]}))
	before=$(children_ticks)
	client=$( (for ((i = 0; i < rounds; i++)); do
		for n in "${names[@]}"; do "$@" "$n" >/dev/null || exit; done
	done; times) | awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/);
	    print (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }')
	sleep 0.2	# the last backend's exit reaches the postmaster
	after=$(children_ticks)
	awk -v c="$client" -v t=$((after - before)) -v k=$k -v hz="$(getconf CLK_TCK)" \
	    'BEGIN { printf "%.1f %.1f", c / k, t * 1000 / hz / k }'
}
read -r kam_c kam_s <<< "$(cpu_rounds kam_sla)"
read -r psql_c psql_s <<< "$(cpu_rounds psql_sla)"
read -r narrow_c narrow_s <<< "$(cpu_rounds narrow_sla)"
# cpu_line LABEL PROCESS SERVER: a row of the CPU table, with its ratio
# to kam's
add() { awk -v a="$1" -v b="$2" 'BEGIN { print a + b }'; }
cpu_line() {
	printf '%-40s %8s %8s %8s' "$1" "$2" "$3" "$(add "$2" "$3")"
	[ "$1" = "kam --sla NAME" ] && { echo; return; }
	printf '   ratio %s\n' "$(ratio "$(add "$kam_c" "$kam_s")" "$(add "$2" "$3")")"
}
printf '\n%-40s %8s %8s %8s\n' "CPU a lookup, ms" "process" "server" "both"
cpu_line "kam --sla NAME" "$kam_c" "$kam_s"
cpu_line "$PSQL" "$psql_c" "$psql_s"
cpu_line "  the same, the narrower statement" "$narrow_c" "$narrow_s"
