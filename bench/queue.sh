# bench/run queue: the support queue over 20 000 open tickets, in its own
# database kam_queue (2 000 accounts with service levels on ten
# calendars, made once and kept; the generated accounts unused): the
# first page the :queue screen reads (50 rows), the whole of
# `kam --queue -f json`, and `kam --queue -f tmux`, each against psql
# running the same query in the same run (sourced by bench/run).

queue_db=kam_queue
queue_tickets=${BENCH_QUEUE_TICKETS:-20000}
want="tickets=$queue_tickets"
export PGDATABASE=$queue_db
if [ "$(cat "$BENCH_DIR/queue.loaded" 2>/dev/null)" != "$want" ]; then
	echo "bench: generating $queue_tickets open tickets (once; database $queue_db)" >&2
	bench_fresh_db "$queue_db"
	# 2 000 accounts, each with a service level on one of ten office
	# calendars with ten years of holidays; tickets opened over the last
	# two weeks through the triggers that give them their due times, one
	# in ten waiting for the customer
	"$PSQL" -X -q -v ON_ERROR_STOP=1 <<SQL
INSERT INTO kam.app_user (role_name, display_name, kind)
VALUES ('bench_support', 'Bench Support', 'support');
INSERT INTO kam.calendar (name, time_zone)
SELECT 'Office ' || c, (ARRAY['Europe/Berlin', 'America/New_York'])[1 + c % 2]
  FROM generate_series(1, 10) c;
INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
SELECT c.id, d, o, cl FROM kam.calendar c, generate_series(1, 5) d,
       (VALUES (time '08:00', time '12:00'), ('13:00', '17:00')) w (o, cl);
INSERT INTO kam.calendar_holiday (calendar_id, day, name)
SELECT c.id, make_date(y, m, d), format('Holiday %s-%s', m, d)
  FROM kam.calendar c, generate_series(2024, 2035) y,
       (VALUES (1, 1), (5, 1), (10, 3), (12, 25), (12, 26)) v (m, d);
INSERT INTO kam.account (name) SELECT 'Bench Account ' || g FROM generate_series(1, 2000) g;
INSERT INTO kam.service_level (account_id, name, first_response, resolution,
       calendar_id, valid_from)
SELECT a.id, 'Gold', interval '4 hours' * (1 + a.id % 3), interval '16 hours' * (1 + a.id % 3),
       (SELECT min(id) FROM kam.calendar) + a.id % 10, '2020-01-01'
  FROM kam.account a;
INSERT INTO kam.interaction (account_id, occurred_at, channel, direction,
       subject, author_id, follow_up_owner_id)
SELECT (SELECT min(id) FROM kam.account) + g % 2000,
       now() - (g % 20160) * interval '1 minute', 'ticket', 'inbound',
       'Bench ticket ' || g, u.id, u.id
  FROM generate_series(1, $queue_tickets) g, kam.app_user u;
UPDATE kam.ticket SET state = 'waiting_for_customer' WHERE id % 10 = 0;
ANALYZE;
SQL
	echo "$want" > "$BENCH_DIR/queue.loaded"
fi
"$KAM" --db migrate >/dev/null

# The statements of src/domain/queue.c, its parameters as values: a page
# (the screen's first, 50 rows; psql's json, every row in one) picked on
# the index by the kept next due time, then its rows' milestones; and the
# counts of the tmux line.
page_sql="SELECT p.k::text AS k, s.id, s.account_id, s.account, s.subject, s.priority,
s.state, coalesce(to_char(s.next_due_at, 'YYYY-MM-DD HH24:MI'), '') AS due,
CASE WHEN s.next_due_at IS NULL THEN '' WHEN s.next_due_at =
s.first_response_due AND s.first_response_at IS NULL THEN 'first response'
ELSE 'resolution' END AS milestone, coalesce(CASE WHEN s.time_left <
interval '0' THEN '-' ELSE '' END || CASE WHEN abs(l.m) >= 60 THEN abs(l.m)
/ 60 || ' h ' ELSE '' END || abs(l.m) % 60 || ' min', '') AS time_left, CASE
WHEN s.breached THEN 'breached' WHEN s.at_risk THEN 'at risk' WHEN s.state =
'waiting_for_customer' THEN 'paused' ELSE '' END AS mark,
coalesce(s.escalation, '') AS escalation, json_build_object('id', s.id,
'account_id', s.account_id, 'account', s.account, 'subject', s.subject,
'priority', s.priority, 'state', s.state, 'opened_at', s.opened_at, 'sla',
s.sla_name, 'next_due_at', s.next_due_at, 'at_risk', s.at_risk, 'breached',
s.breached, 'escalation', s.escalation, 'business_seconds_left',
extract(epoch FROM s.time_left)::bigint, 'first_response',
json_build_object('due', s.first_response_due, 'met_at',
s.first_response_at, 'state', s.first_response_state, 'breached_at',
s.first_response_breached_at), 'resolution', json_build_object('due',
s.resolution_due, 'met_at', s.resolved_at, 'state', s.resolution_state,
'breached_at', s.resolution_breached_at), 'paused_since', s.paused_since) AS
json FROM (SELECT coalesce(x.next_due_at, 'infinity'::timestamptz) AS k,
x.id FROM kam.ticket x WHERE x.state <> 'closed' AND
(coalesce(x.next_due_at, 'infinity'::timestamptz), x.id) >
('-infinity'::timestamptz, 0::bigint) ORDER BY coalesce(x.next_due_at,
'infinity'::timestamptz), x.id LIMIT :lim::integer) p CROSS JOIN LATERAL
(SELECT * FROM kam.ticket_status y WHERE y.id = p.id) s CROSS JOIN LATERAL
(SELECT (sign(extract(epoch FROM s.time_left)) * ceil(abs(extract(epoch FROM
s.time_left)) / 60))::bigint AS m) l ORDER BY p.k, p.id"
counts_sql="SELECT count(*) FILTER (WHERE s.at_risk AND NOT s.breached),
 count(*) FILTER (WHERE s.breached) FROM kam.ticket_status s WHERE s.state <> 'closed'"
open=$("$PSQL" -X -At -c "SELECT count(*) FROM kam.ticket WHERE state <> 'closed'")
echo "queue: $open open tickets, best of $runs" >&2

sqlfile=$(mktemp)
trap 'rm -f "$sqlfile"' EXIT
# server_ms SQL: the statement's time in the server (psql's \timing) in a
# new session (its first run: the session's caches cold, as the client's
# first page meets them) and again in it (warm), each the best of $runs;
# sets cold_ms and warm_ms
server_ms() {
	local times i c w
	cold_ms= warm_ms=
	for ((i = 0; i < runs; i++)); do
		mapfile -t times < <( { echo '\timing on'
		    for _ in 1 2 3 4; do printf '%s;\n' "$1"; done; } |
		    "$PSQL" -X -q -At -v lim=50 -v ON_ERROR_STOP=1 |
		    sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
		c=${times[0]}
		w=$(printf '%s\n' "${times[@]:1}" | sort -n | head -1)
		if [ -z "$cold_ms" ] || awk -v a="$c" -v b="$cold_ms" 'BEGIN { exit !(a < b) }'; then
			cold_ms=$c
		fi
		if [ -z "$warm_ms" ] || awk -v a="$w" -v b="$warm_ms" 'BEGIN { exit !(a < b) }'; then
			warm_ms=$w
		fi
	done
}

printf '\n%-44s %10s %10s %8s\n' "the queue, $open open tickets" "kam" "psql" "ratio"
server_ms "$page_sql"
printf '%-44s %10s %10s %8s   (target <= 100 ms)\n' \
    "first page, 50 rows, server, new session (ms)" "-" "$cold_ms" "-"
printf '%-44s %10s %10s %8s\n' "first page, 50 rows, server, warm (ms)" "-" "$warm_ms" "-"
server_ms "$counts_sql"
printf '%-44s %10s %10s %8s\n' "at risk and breached counted, server (ms)" "-" \
    "$cold_ms / $warm_ms" "-"
printf '%s\n' "$page_sql" > "$sqlfile"
best_of "$runs" kam_json "$KAM" --queue -f json
best_of "$runs" psql_json "$PSQL" -X -q -At -v lim="$open" -v ON_ERROR_STOP=1 -f "$sqlfile"
printf '%-44s %10s %10s %8s\n' "kam --queue -f json, every row (s)" \
    "$kam_json_s" "$psql_json_s" "$(ratio "$kam_json_s" "$psql_json_s")"
printf '%s\n' "$counts_sql" > "$sqlfile"
best_of "$runs" kam_tmux "$KAM" --queue -f tmux
best_of "$runs" psql_tmux "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -f "$sqlfile"
printf '%-44s %10s %10s %8s   (%s)\n' "kam --queue -f tmux (s)" \
    "$kam_tmux_s" "$psql_tmux_s" "$(ratio "$kam_tmux_s" "$psql_tmux_s")" \
    "$("$KAM" --queue -f tmux)"
printf '%-44s %10s\n' "kam --queue -f json peak RSS" "$(mib "$kam_json_kb")"

# The client's first paint of the queue, as a support login meets it: kam
# started in a private tmux server at 80x24 as bench_support (a login of
# kam_support, made here), timed from its --trace: from the start to the
# first paint after the queue's rows came ("table-rows Queue"), the
# connection, whoami and the new session's first statements included.
"$PSQL" -X -q -v ON_ERROR_STOP=1 <<'SQL'
SET client_min_messages = warning;
DO $$ BEGIN CREATE ROLE bench_support LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
GRANT kam_support TO bench_support;
SQL
sock=kam-bench-queue-$$
trace=$(mktemp)
tmx() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tmx kill-server 2>/dev/null || true; rm -f "$sqlfile" "$trace"' EXIT
queue_paint_ms() {
	local i
	: >"$trace"
	tmx new-session -d -x 80 -y 24 "env LC_ALL=C.UTF-8 TERM=screen-256color \
	    PGHOST=$PGHOST PGPORT=$PGPORT PGDATABASE=$queue_db PGUSER=bench_support \
	    $KAM --trace $trace; sleep 30"
	for ((i = 0; i < 200; i++)); do
		awk '$2 == "table-rows" && $3 == "Queue" { q = 1 } q && $2 == "paint" { f = 1 }
		    END { exit !f }' "$trace" && break
		sleep 0.05
	done
	tmx kill-server 2>/dev/null || true
	awk '$2 == "table-rows" && $3 == "Queue" { q = 1 } q && $2 == "paint" { print $1; exit }' "$trace"
}
queue_paint_ms >/dev/null	# the server's caches of the tables, not the session's
paint=$(for ((i = 0; i < runs; i++)); do queue_paint_ms; done | sort -n | head -n 1)
printf '%-44s %10s %10s %8s\n' \
    "queue painted, client from its start (ms)" "$paint" "-" "-"
