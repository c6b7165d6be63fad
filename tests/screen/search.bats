#!/usr/bin/env bats
# Search as you type on the account list, over 6 000 accounts
# (tests/screen/search.sql): what one, two and more characters match, and
# that the page and the count are right whichever way the search is done
# (the first 2000 accounts in name order; walking on, because they held
# some matches or the index found many; all matches sorted, because the
# index found few), forwards and from the end.

bats_require_minimum_version 1.5.0

load hooks

setup_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 -f "$KAM_SRCDIR/tests/screen/search.sql"
}

# search TEXT: types / and TEXT on the list, then Enter.
search() {
	screen_keys /
	screen_type "$1"
	screen_keys Enter
}

first_row() {
	screen_text | sed -n 3p
}

# The last account line above the status line.
last_row() {
	screen_text | grep -E '^(Alpha|Omega|Nordwind|Davids|Åhléns) ' | tail -n 1
}

@test "two characters start a word of the city: a page of the first accounts" {
	screen_start
	search bo
	[[ "$(screen_text)" == *"row 1 of 3000 | sort name | /bo"* ]]
	[[ "$(first_row)" == "Alpha 0001 "* ]]
	# from the end: the last 2000 accounts hold 20 matches, the walk goes on
	screen_keys G
	[[ "$(screen_text)" == *"row 3000 of 3000"* ]]
	[[ "$(last_row)" == "Omega 3000 "* ]]
	screen_keys k
	[[ "$(screen_text)" == *"row 2999 of 3000"* ]]
	[[ "$(screen_line 'row 2999')" == *"/bo"* ]]
}

@test "a few matches among the first accounts: the walk goes on in name order" {
	screen_start
	search zw
	[[ "$(screen_text)" == *"row 1 of 1530"* ]]
	[[ "$(first_row)" == "Alpha 0100 "* ]]
	screen_send_wait 31 $(printf 'j %.0s' $(seq 1 31))
	[[ "$(screen_text)" == *"row 32 of 1530"* ]]
	[[ "$(screen_text)" == *"Alpha 3000 "*"Omega 0001 "*"Omega 0003 "* ]]
	screen_keys G
	[[ "$(screen_text)" == *"row 1530 of 1530"* ]]
	[[ "$(last_row)" == "Omega 2999 "* ]]
}

@test "no match among the first accounts but many later: the walk goes on" {
	screen_start
	search xy
	[[ "$(screen_text)" == *"row 1 of 3000"* ]]
	[[ "$(first_row)" == "Omega 0001 "* ]]
	for i in 1 2 3 4 5; do screen_keys NPage; done
	[[ "$(screen_line 'row ')" == *"of 3000"* ]]
	[[ "$(screen_text)" != *"Alpha"* ]]
	screen_keys g
	[[ "$(first_row)" == "Omega 0001 "* ]]
}

@test "an ERP id's start, from the end: few matches, sorted backwards" {
	screen_start
	search s1
	[[ "$(screen_text)" == *"row 1 of 1000"* ]]
	[[ "$(first_row)" == "Alpha 1000 "* ]]
	screen_keys G
	[[ "$(screen_text)" == *"row 1000 of 1000"* ]]
	[[ "$(last_row)" == "Alpha 1999 "* ]]
}

@test "one or two characters match word starts only, three anywhere (few, sorted)" {
	screen_start
	screen_keys /
	screen_type wi
	[[ "$(screen_text)" == *"No accounts match."* ]]
	screen_keys BSpace BSpace
	screen_type ick
	[[ "$(screen_text)" == *"row 1 of 1530"* ]]
	screen_keys Escape
	search köl
	[[ "$(screen_text)" == *"row 1 of 1470"* ]]
	[[ "$(first_row)" == "Omega 0002 "* ]]
	search kol
	[[ "$(screen_text)" == *"row 1 of 1470"* ]]
}

@test "an exact ERP id, VAT id or kam id finds that account alone" {
	screen_start
	search S0001
	[[ "$(screen_text)" == *"row 1 of 1 "* ]]
	[[ "$(first_row)" == "Alpha 0001 "* ]]
	search xy0002
	[[ "$(screen_text)" == *"row 1 of 1 "* ]]
	[[ "$(first_row)" == "Omega 0002 "* ]]
	search "$(psql -X -At -c "SELECT id FROM kam.account WHERE erp_id = 'T0007'")"
	[[ "$(screen_text)" == *"row 1 of 1 "* ]]
	[[ "$(first_row)" == "Omega 0007 "* ]]
}

@test "two swapped letters still find the name; CJK matches inside words" {
	screen_start
	search Bengstons
	[[ "$(screen_text)" == *"row 1 of 1 "* ]]
	[[ "$(first_row)" == "Bengtsons Trä AB "* ]]
	search 푸른
	[[ "$(screen_text)" == *"row 1 of 1 "* ]]
	[[ "$(first_row)" == "푸른바다 주식회사 "* ]]
	search 바다
	[[ "$(screen_text)" == *"row 1 of 1 "* ]]
}

# The plans of what kam's login ran from here on, as auto_explain logs
# them (EXPLAIN ANALYZE of each statement, in the server's log).
explain_on() {
	q "ALTER ROLE $1 SET session_preload_libraries = 'auto_explain';
	   ALTER ROLE $1 SET auto_explain.log_min_duration = 0;
	   ALTER ROLE $1 SET auto_explain.log_analyze = on;
	   ALTER ROLE $1 SET auto_explain.log_nested_statements = on" >/dev/null
	stat -c %s "$PG_TEST_DIR/log" > "$BATS_TEST_TMPDIR/log-size"
}
explain_off() {
	q "ALTER ROLE $1 RESET ALL" >/dev/null
	tail -c +$(($(cat "$BATS_TEST_TMPDIR/log-size") + 1)) "$PG_TEST_DIR/log"
}

# The list's money (kam.account_money, a view that works its rates out
# once in a CTE) for the rows of the page only: joined laterally without
# a fence, the planner could not take the page's ids into the view, and
# each search worked out every account's money, then kept the page's: a
# keystroke took minutes on 100 000 accounts (bench/run tui).
@test "a search's page works out the money of its own rows, not of every account" {
	pg_test_direct_only "auto_explain loads as a server session starts, and PgBouncer lends sessions it started before"
	local who
	who=$(psql -X -At -c 'SELECT current_user')
	explain_on "$who"
	screen_start
	search zw
	[[ "$(screen_text)" == *"row 1 of 1530"* ]]
	screen_stop
	explain_off "$who" > "$BATS_TEST_TMPDIR/plans"
	# each account's invoices are read once per account worked out
	grep -o 'on erp_invoice v.*loops=[0-9]*' "$BATS_TEST_TMPDIR/plans" |
	    sed 's/.*loops=//' | sort -n | tail -1 > "$BATS_TEST_TMPDIR/most"
	cat "$BATS_TEST_TMPDIR/most"
	[ -s "$BATS_TEST_TMPDIR/most" ]
	[ "$(cat "$BATS_TEST_TMPDIR/most")" -le 100 ]
}

# Names spelt a little differently (kam.account_near) are the last tier:
# looked for only when no word starts with the key. In an OR of the tiers
# the planner read every tier's index at once, and the similar names cost
# more than the rest of the keystroke (2 268 of them for "muller" on
# 100 000 accounts).
@test "five letters that start words: the similar spellings are not looked for" {
	pg_test_direct_only "auto_explain loads as a server session starts, and PgBouncer lends sessions it started before"
	local who
	who=$(psql -X -At -c 'SELECT current_user')
	explain_on "$who"
	# the indexes read as on 100 000 accounts, not this table read whole
	q "ALTER ROLE $who SET enable_seqscan = off" >/dev/null
	screen_start
	search alpha
	[[ "$(screen_text)" == *"row 1 of 3000"* ]]
	search bengstons
	[[ "$(screen_text)" == *"row 1 of 1 "* ]]
	screen_stop
	explain_off "$who" > "$BATS_TEST_TMPDIR/plans"
	# account_near's own statement, planned with the key: for bengstons
	# only, which no word starts with
	grep -q "'bengstons'::text <%" "$BATS_TEST_TMPDIR/plans"
	! grep -q "'alpha'::text <%" "$BATS_TEST_TMPDIR/plans"
}
