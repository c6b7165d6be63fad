# bench/run tui: the full-screen client on 100 000 accounts, driven in a
# private tmux server and timed from its --trace file: first paint, each
# search keystroke, opening an account with 5 000 history entries, and its
# History tab; the agenda of anna and of sam, its first page and its last;
# the portfolio of all accounts and of anna's own, and keys on it; against
# psql fetching the same first page and the portfolio view's (sourced by
# bench/run).

heavy='Bench Heavy History GmbH'
# One account with 5 000 history entries, added once (the generator gives
# each account 35 to 65).
if [ "$("$PSQL" -X -At -c "SELECT count(*) FROM kam.account WHERE name = '$heavy'")" = 0 ]; then
	echo "bench: adding '$heavy' with 5000 history entries (once)" >&2
	"$PSQL" -X -q -v ON_ERROR_STOP=1 <<SQL
SET session_replication_role = replica;
WITH a AS (INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city)
	SELECT 'BENCH-HEAVY', '$heavy', 'strategic', u.id, u.team, 'DE', 'Hamburg'
	  FROM kam.app_user u WHERE u.role_name = 'anna' RETURNING id, owner_id)
INSERT INTO kam.interaction (account_id, occurred_at, channel, direction,
	subject, body, author_id, follow_up_owner_id, feedback, loop_owner_id, loop_state)
SELECT a.id, timestamptz '2026-11-22 12:00' - (g || ' hours')::interval,
       (ARRAY['call','email','meeting','visit','ticket','chat'])[1 + g % 6],
       'outbound',
       'Bench entry ' || g, repeat('Body text. ', 20), a.owner_id, a.owner_id,
       (ARRAY['none','none','none','compliment','idea','complaint'])[1 + g % 6],
       -- replica mode: the trigger that opens the loop does not run
       CASE WHEN g % 6 >= 3 THEN a.owner_id END,
       CASE WHEN g % 6 >= 3 THEN 'new' END
  FROM a, generate_series(1, 5000) g;
ANALYZE kam.account;
ANALYZE kam.interaction;
-- the agenda's open follow-ups and the cadence's alarms, which triggers
-- keep outside replica mode
SELECT kam.follow_ups_recount(ARRAY(SELECT id FROM kam.account WHERE erp_id = 'BENCH-HEAVY'));
SELECT kam.cadence_alarms_recount(ARRAY(SELECT id FROM kam.account WHERE erp_id = 'BENCH-HEAVY'));
SQL
fi

sock=kam-bench-tui-$$
trace=$(mktemp)
tmx() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tmx kill-server 2>/dev/null || true; rm -f "$trace"' EXIT

keys_seen() { grep -c ' key ' "$trace" || true; }
# settle N: waits until the trace holds N keys and ends in a complete paint
settle() {
	local i
	for i in $(seq 1 600); do
		[ "$(keys_seen)" -ge "$1" ] && tail -n 1 "$trace" | grep -q 'paint idle$' &&
		    return 0
		sleep 0.05
	done
	echo "bench: kam did not settle" >&2
	tail -n 5 "$trace" >&2
	return 1
}
sent=0
key() { sent=$((sent + 1)); tmx send-keys "$@"; settle "$sent"; }
type_slowly() {
	local i
	for ((i = 0; i < ${#1}; i++)); do key -l "${1:i:1}"; done
}

# Milliseconds from each key (in trace order) to the first complete paint
# after it, one line per key: "key ms".
key_latencies() {
	awk '$2 == "key" { k = $3; t = $1; open = 1; next }
	     $2 == "paint" && $3 == "idle" && open { printf "%s %.1f\n", k, $1 - t; open = 0 }' "$trace"
}

# The same to the first paint that shows the list's new rows (its count
# may still be on its way).
key_rows_latencies() {
	awk '$2 == "key" { k = $3; t = $1; open = 1; rows = 0; next }
	     $2 == "rows" && open { rows = 1; next }
	     $2 == "paint" && rows && open { printf "%s %.1f\n", k, $1 - t; open = 0 }' "$trace"
}

# start_kam USER: kam in a fresh tmux server, logged in as USER, drawn
start_kam() {
	: >"$trace"
	sent=0
	tmx new-session -d -x 120 -y 40 "env LC_ALL=C.UTF-8 TERM=screen-256color \
	    PGHOST=$PGHOST PGPORT=$PGPORT PGDATABASE=$PGDATABASE PGUSER=$1 \
	    $KAM --trace $trace; sleep 30"
	settle 0
}

stop_kam() {
	key Q 2>/dev/null || true
	tmx kill-server 2>/dev/null || true
	sleep 0.2
}

one_run() {
	start_kam anna
	key /
	type_slowly muller
	key Escape
	key /
	type_slowly gmbh
	key Escape
	key /
	type_slowly zq
	key Escape
	key : ; tmx send-keys -l "account $heavy"; sent=$((sent + ${#heavy} + 8))
	settle "$sent"
	key Enter
	key 6
	key G
	stop_kam
}

# agenda_run USER: A opens the agenda (its first page), G its last page;
# "A-ms G-ms"
agenda_run() {
	start_kam "$1"
	key A
	key G
	stop_kam
	key_latencies | awk '$1 == "A" { a = $2 } $1 == "G" { g = $2 }
	    END { print a, g }'
}

# portfolio_run: p opens the portfolio of every account (100 000), m keeps
# to anna's own (16 500), then a line down, the next sort and the last
# page; "p-ms m-ms worst-of-the-keys-after-ms"
portfolio_run() {
	start_kam anna
	key p
	key m
	key j
	key s
	key G
	stop_kam
	key_latencies | awk '$1 == "p" { p = $2 } $1 == "m" { m = $2 }
	    $1 == "j" || $1 == "s" || $1 == "G" { if ($2 > w) w = $2 }
	    END { print p, m, w }'
}

first_paint() { awk '$2 == "paint" { print $1; exit }' "$trace"; }
first_idle() { awk '$2 == "paint" && $3 == "idle" { print $1; exit }' "$trace"; }

best() { sort -n | head -n 1; }
worst() { sort -n | tail -n 1; }

# voc_run REACH: anna opens the voice of the customer's cloud of the last
# year for REACH (mine, everyone) from the command line, the client's first
# cloud of its session; the ms from Enter to the complete paint
voc_run() {
	local cmd="voc 1y $1"
	start_kam anna
	key :
	tmx send-keys -l "$cmd"
	sent=$((sent + ${#cmd}))
	settle "$sent"
	key Enter
	stop_kam
	key_latencies | awk '$1 == "Enter" { v = $2 } END { print v }'
}

declare -a fp fi search searchc short open hist last ag_first ag_last pf_all pf_mine pf_keys
declare -a voc_mine voc_all
# BENCH_TUI_ONLY=portfolio: the portfolio's steps alone (the others'
# lines then print "-"); BENCH_TUI_ONLY=voc: the cloud's alone, printed
# alone
only=${BENCH_TUI_ONLY:-}
for ((r = 0; r < runs + 1; r++)); do
	if [ "$only" != voc ]; then
		:
	elif [ $r -eq 0 ]; then
		voc_run mine >/dev/null
		continue
	else
		voc_mine+=("$(voc_run mine)") voc_all+=("$(voc_run everyone)")
		continue
	fi
	if [ "$only" = portfolio ]; then
		[ $r -eq 0 ] && { portfolio_run >/dev/null || tmx kill-server 2>/dev/null; continue; }
		read -r a m k < <(portfolio_run || { tmx kill-server 2>/dev/null; echo - - -; })
		pf_all+=("$a") pf_mine+=("$m") pf_keys+=("$k")
		fp+=(-) fi+=(-) search+=(-) searchc+=(-) short+=(-) open+=(-) hist+=(-) last+=(-)
		ag_first+=("anna -" "sam -") ag_last+=("anna -" "sam -")
		continue
	fi
	one_run
	[ $r -eq 0 ] && continue	# warms the caches
	fp+=("$(first_paint)")
	fi+=("$(first_idle)")
	lat=$(key_latencies)
	search+=("$(key_rows_latencies | sed -n '1,6p' | awk '{ print $2 }' | worst)")
	searchc+=("$(printf '%s\n' "$lat" | sed -n '2,7p' | awk '{ print $2 }' | worst)")
	# after muller and Escape: g m b h, Escape, z q
	short+=("$(key_rows_latencies | sed -n '8,11p;13,14p' | awk '{ print $2 }' | worst)")
	open+=("$(printf '%s\n' "$lat" | awk '$1 == "Enter" { v = $2 } END { print v }')")
	hist+=("$(printf '%s\n' "$lat" | awk '$1 == "6" { print $2 }')")
	last+=("$(printf '%s\n' "$lat" | awk '$1 == "G" { print $2 }' | tail -n 1)")
	for u in anna sam; do
		read -r a g < <(agenda_run "$u")
		ag_first+=("$u $a")
		ag_last+=("$u $g")
	done
	# a portfolio that does not settle in time is shown as "-"
	read -r a m k < <(portfolio_run || { tmx kill-server 2>/dev/null; echo - - -; })
	pf_all+=("$a")
	pf_mine+=("$m")
	pf_keys+=("$k")
done
if [ "$only" = voc ]; then
	printf '\n%-52s %8s\n' "the client, as anna (a manager), best of $runs" "ms"
	printf '%-52s %8s   (target <= 100)\n' ":voc 1y mine: her accounts' cloud, first paint" \
	    "$(printf '%s\n' "${voc_mine[@]}" | best)"
	printf '%-52s %8s   (target <= 300)\n' ":voc 1y everyone: everyone's cloud, first paint" \
	    "$(printf '%s\n' "${voc_all[@]}" | best)"
	exit 0
fi
# best_for USER: the best of a user's figures ("user ms" lines)
best_for() { awk -v u="$1" '$1 == u { print $2 }' | best; }

# the baseline: psql connecting and fetching the list's first page
psql_first() {
	local s e
	s=$(date +%s%N)
	PGUSER=anna "$PSQL" -X -q -c "SELECT l.*, f.* FROM kam.account a
	    JOIN kam.account_list l ON l.id = a.id
	    LEFT JOIN LATERAL (SELECT * FROM kam.account_erp_figures x
	    WHERE x.account_id = a.id) f ON true
	    ORDER BY a.name_key, a.id LIMIT 100" >/dev/null
	e=$(date +%s%N)
	awk -v ns=$((e - s)) 'BEGIN { printf "%.1f", ns / 1e6 }'
}
psql_first >/dev/null
pf=$(for ((r = 0; r < runs; r++)); do psql_first; echo; done | best)

# psql_portfolio [mine]: psql reading the portfolio view's first page (100 rows)
# with their team's totals, as the screen does (all, or anna's own)
psql_portfolio() {
	local s e
	s=$(date +%s%N)
	PGUSER=anna "$PSQL" -X -q -v mine="${1:-f}" >/dev/null <<'SQL'
SELECT p.*, count(*) OVER w, sum(p.revenue_reporting) OVER w,
       sum(p.target_reporting) OVER w, sum(p.overdue_reporting) OVER w,
       kam.spark_levels(p.months)
  FROM kam.portfolio p WHERE (NOT :'mine'::bool OR p.owner_id = kam.my_user_id())
WINDOW w AS (PARTITION BY p.team) ORDER BY kam.fold(p.name), p.id LIMIT 100;
SQL
	e=$(date +%s%N)
	awk -v ns=$((e - s)) 'BEGIN { printf "%.1f", ns / 1e6 }'
}
ppa=$(for ((r = 0; r < runs; r++)); do psql_portfolio; echo; done | best)
ppm=$(for ((r = 0; r < runs; r++)); do psql_portfolio t; echo; done | best)

accounts_n=$("$PSQL" -X -At -c 'SELECT count(*) FROM kam.account')
hist_n=$("$PSQL" -X -At -c 'SELECT count(*) FROM kam.interaction')
printf '\n%s accounts, %s interactions; best of %s runs, milliseconds\n' \
    "$accounts_n" "$hist_n" "$runs"
printf '%-52s %8s\n' "the client, as anna (a manager)" "ms"
printf '%-52s %8s\n' "first paint after start (anything on screen)" \
    "$(printf '%s\n' "${fp[@]}" | best)"
printf '%-52s %8s   (target <= 150)\n' "first complete paint: the list, counted" \
    "$(printf '%s\n' "${fi[@]}" | best)"
printf '%-52s %8s   (target <= 50)\n' "slowest search keystroke of 'muller', rows shown" \
    "$(printf '%s\n' "${search[@]}" | best)"
printf '%-52s %8s\n' "... and counted (row n of N complete)" \
    "$(printf '%s\n' "${searchc[@]}" | best)"
printf '%-52s %8s   (target <= 50)\n' "slowest keystroke of 'gmbh' and 'zq', rows shown" \
    "$(printf '%s\n' "${short[@]}" | best)"
printf '%-52s %8s   (target <= 100)\n' "account with 5000 history entries opened" \
    "$(printf '%s\n' "${open[@]}" | best)"
printf '%-52s %8s\n' "its History tab shown (first 200 entries)" \
    "$(printf '%s\n' "${hist[@]}" | best)"
printf '%-52s %8s   (target <= 50)\n' "G: the last of its 5000 entries" \
    "$(printf '%s\n' "${last[@]}" | best)"
for u in anna sam; do
	n=$(PGUSER=$u "$PSQL" -X -At -c 'SELECT count(*) FROM kam.agenda_page(NULL, NULL)')
	printf '%-52s %8s   (target <= 200)\n' "the agenda (A) as $u, first page of $n items" \
	    "$(printf '%s\n' "${ag_first[@]}" | best_for "$u")"
	printf '%-52s %8s   (target <= 500)\n' "... G: its last page" \
	    "$(printf '%s\n' "${ag_last[@]}" | best_for "$u")"
done
printf '%-52s %8s   ratio %s\n' "psql: connect and fetch the list's first page" "$pf" \
    "$(ratio "$(printf '%s\n' "${fi[@]}" | best)" "$pf")"
pa=$(printf '%s\n' "${pf_all[@]}" | best)
pm=$(printf '%s\n' "${pf_mine[@]}" | best)
printf '%-52s %8s   (target <= 1000)\n' "the portfolio (p) of all $accounts_n accounts" "$pa"
printf '%-52s %8s   (target <= 200)\n' "... m: anna's own accounts" "$pm"
printf '%-52s %8s   (target <= 50)\n' "... slowest key after (j, s, G)" \
    "$(printf '%s\n' "${pf_keys[@]}" | best)"
printf '%-52s %8s   ratio %s\n' "psql: the portfolio view's first 100, all" "$ppa" "$(ratio "$pa" "$ppa")"
printf '%-52s %8s   ratio %s\n' "psql: the same, anna's own" "$ppm" "$(ratio "$pm" "$ppm")"
