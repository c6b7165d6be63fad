#!/usr/bin/env bats
# The support queue's SLA card (issue 16, item 4): beside the table at
# 120x40, below it on i at 80x24; it follows the cursor, and fast keys
# read it once, for the row where the cursor rests. Nordwind's (C1)
# tickets lead the queue (tests/screen/data.sql: Platinum, breached);
# the tickets of the tests below, of accounts without a service level,
# come last, by id.

bats_require_minimum_version 1.5.0

load hooks

# queue_tickets N: a ticket on each of the first N "Zeta Paging" accounts
# (those that have none yet: the database is the file's), in their order,
# so that the queue ends with them.
queue_tickets() {
	screen_sql "INSERT INTO kam.interaction (account_id, channel, subject, author_id)
	    SELECT a.id, 'ticket', 'Paging ticket ' || a.erp_id, u.id
	      FROM kam.account a, kam.app_user u
	     WHERE a.erp_id BETWEEN 'P0001' AND 'P$(printf %04d "$1")' AND u.role_name = 'sam'
	       AND NOT EXISTS (SELECT 1 FROM kam.interaction i WHERE i.account_id = a.id
	           AND i.subject = 'Paging ticket ' || a.erp_id)
	     ORDER BY a.erp_id"
	[ "$(screen_sql "SELECT count(*) FROM kam.ticket t JOIN kam.interaction i USING (id)
	    WHERE i.subject LIKE 'Paging ticket %'")" -eq "$1" ]
}

card_reads() {
	grep -c ' card ' "$SCREEN_TRACE" || true
}

@test "at 120x40 the SLA card stands beside the queue, on the row's account" {
	PGUSER=sam SCREEN_COLS=120 SCREEN_ROWS=40 screen_start
	screen_wait "Support queue"
	screen_wait "Platinum"
	run screen_line "SLA card"
	# the card's header on the table's header line, right of it
	[[ "$output" == *"Due"* ]]
	[ "$(screen_column "SLA card" "SLA card")" -gt 60 ]
	[ "$(screen_column "Platinum" "Platinum")" -gt 60 ]
	run screen_text
	[[ "$output" == *"Support now"* ]]
	[[ "$output" == *"Ticket now"* ]]
	# a breached ticket names whom to call first
	[[ "$output" == *"BREACHED: call"* ]]
	[[ "$output" == *"i: hide the SLA card"* ]]
	# i hides it, the table takes the width again
	screen_keys i
	run screen_text
	[[ "$output" != *"Platinum"* ]]
	[[ "$output" == *"i: SLA card"* ]]
}

@test "at 80x24 the card is hidden; i shows it below the queue, i again hides it" {
	PGUSER=sam screen_start
	screen_wait "Support queue"
	screen_wait "breached"
	# "SLA card" only on the status line, as its key
	[ "$(screen_text | grep -c "SLA card")" -eq 1 ]
	run screen_text
	[[ "$output" != *"Platinum"* ]]
	[[ "$output" == *"i: SLA card"* ]]
	screen_keys i
	screen_wait "Platinum"
	header=$(screen_text | grep -n -m 1 "Due" | cut -d: -f1)
	card=$(screen_text | grep -n -m 1 "SLA card" | cut -d: -f1)
	[ "$card" -gt $((header + 3)) ]
	[ "$(screen_column "SLA card" "SLA card")" -lt 3 ]
	screen_keys i
	run screen_text
	[[ "$output" != *"Platinum"* ]]
}

@test "the card follows the cursor to another account's ticket" {
	queue_tickets 3
	PGUSER=sam SCREEN_COLS=120 SCREEN_ROWS=40 screen_start
	screen_wait "Platinum"
	screen_keys G
	screen_wait "Zeta Paging 0003 (P0003)"
	run screen_text
	[[ "$output" != *"Platinum"* ]]
	screen_keys g
	screen_wait "Platinum"
}

@test "twenty quick j: the card reads once a rest of the cursor, not once a key, and shows the last row's account" {
	queue_tickets 30
	PGUSER=sam SCREEN_COLS=120 SCREEN_ROWS=40 screen_start
	screen_wait "Platinum"
	# every page read (G), so that j never waits for the next one; then
	# to the first paging ticket: / finds it
	screen_keys G
	screen_wait "(P0030)"
	screen_keys /
	screen_type "Paging ticket P0001"
	screen_keys Enter
	screen_wait "Zeta Paging 0001 (P0001)"
	from=$(wc -l < "$SCREEN_TRACE")
	# one key a tmux command, without waiting for kam: they come a few
	# ms apart, each on its own
	want=$(( $(keys_seen) + 20 ))
	for _ in $(seq 20); do tm send-keys j; done
	screen_until 10 keys_read "$want"
	screen_wait "Zeta Paging 0021 (P0021)"
	sleep 0.5
	run screen_text
	[[ "$output" == *"Zeta Paging 0021 (P0021)"* ]]
	[[ "$output" != *"(P0020)"* ]]
	# the card reads once a rest of the cursor: after the last key, and
	# after each gap between two keys longer than the card waits (150
	# ms; a busy machine makes some); without the wait, once a key
	tail -n +"$((from + 1))" "$SCREEN_TRACE" | awk '
	    $2 == "key" && $3 == "j" { if (last != "" && $1 - last > 150) rests++; last = $1 }
	    $2 == "card" { reads++ }
	    END { rests++; printf "card reads %d, rests %d\n", reads, rests > "/dev/stderr";
	          exit !(reads >= 1 && reads <= rests + 1) }'
}

@test "live: another agent's change of the card's service level shows without a key" {
	PGUSER=sam SCREEN_COLS=120 SCREEN_ROWS=40 screen_start
	screen_wait "Platinum"
	screen_sql "UPDATE kam.service_level SET name = 'Platinum Plus'
	    WHERE name = 'Platinum'"
	screen_wait "Platinum Plus" 10
}
