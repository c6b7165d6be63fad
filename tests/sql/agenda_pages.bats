#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# kam.agenda_page() (0032) against the agenda as it was: the function of
# 0018_entry_lifecycle.sql, read from that migration, and the client's
# statement of before (sorted by its key, held talks left out, filters
# after). On planted data, as each user: the same items in the same order,
# page by page forwards and backwards, whole and filtered; and
# kam.agenda_items() gives what it gave.

load hooks

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	pg_as postgres -f "$KAM_SRCDIR/tests/screen/data.sql" >/dev/null
	# the old function, under another name, from its migration's text
	sed -n '/^CREATE OR REPLACE FUNCTION agenda_items()/,/^\$\$;/p' \
	    "$KAM_SRCDIR/src/db/migrations/0018_entry_lifecycle.sql" |
	    sed 's/FUNCTION agenda_items()/FUNCTION kam.agenda_items_0018()/' \
	    >"$BATS_FILE_TMPDIR/old.sql"
	pg_as postgres -c "SET search_path = kam, public" \
	    -f "$BATS_FILE_TMPDIR/old.sql" >/dev/null
	pg_as postgres -f "$BATS_TEST_DIRNAME/agenda_pages.sql" >/dev/null
}

# same USER OVERDUE KIND BACKWARDS LIMIT: the pages against the old list
same() {
	local kind=NULL
	[ "$3" = - ] || kind="'$3'"
	run pg_as "$1" -c "SELECT old_agenda($2, $kind) = paged($2, $kind, $4, $5),
	    old_agenda($2, $kind) <> ''"
	[ "$status" -eq 0 ]
	[[ "$output" == "t|"* ]] || {
		echo "as $1 ($2, $3, backwards $4, pages of $5) the pages differ:"
		diff <(pg_as "$1" -c "SELECT old_agenda($2, $kind)") \
		    <(pg_as "$1" -c "SELECT paged($2, $kind, $4, $5)")
		return 1
	}
}

@test "the planted data has every case the agenda tells apart" {
	run pg_as anna -c "SELECT string_agg(DISTINCT kind, ',' ORDER BY kind)
	    FROM kam.agenda_items_0018()"
	[ "$output" = "action,follow-up,talk" ]
	# items of each user, held talks among them, answered follow-ups
	for u in anna bo david sam; do
		[ "$(pg_as "$u" -c "SELECT count(*) > 20 FROM kam.agenda_items_0018()")" = t ]
	done
	[ "$(pg_as postgres -c "SELECT count(*) > 5 FROM kam.account_plan
	    WHERE talk_held_on IS NOT NULL AND annual_talk_on >= current_date")" = t ]
}

@test "kam.agenda_items() gives the items of 0018's function, for every user" {
	for u in anna bo david sam postgres; do
		run pg_as "$u" -c "SELECT count(*) FROM (
		    (SELECT * FROM kam.agenda_items() EXCEPT ALL
		     SELECT * FROM kam.agenda_items_0018())
		    UNION ALL
		    (SELECT * FROM kam.agenda_items_0018() EXCEPT ALL
		     SELECT * FROM kam.agenda_items())) d"
		[ "$status" -eq 0 ]
		[ "$output" = 0 ] || { echo "$u: $output rows differ"; return 1; }
	done
}

@test "page by page, forwards and backwards, the client's list of before" {
	for u in anna bo david sam; do
		for back in false true; do
			for lim in 1 7 200; do
				same "$u" false - "$back" "$lim"
			done
		done
	done
}

@test "overdue only and one kind, paged both ways, as before" {
	for u in anna sam; do
		for back in false true; do
			same "$u" true - "$back" 5
			for k in follow-up action talk; do
				same "$u" false "$k" "$back" 5
				same "$u" true "$k" "$back" 5
			done
		done
	done
	# a kind that does not exist: nothing, not an error
	run pg_as anna -c "SELECT count(*) FROM kam.agenda_page(NULL, 10, false, 'other')"
	[ "$output" = 0 ]
}

@test "support still gets its follow-ups only, without reading plans" {
	run pg_as sam -c "SELECT string_agg(DISTINCT kind, ',') FROM kam.agenda_page(NULL, 1000)"
	[ "$status" -eq 0 ]
	[ "$output" = follow-up ]
	run pg_as sam -c "SELECT count(*) FROM kam.agenda_page(NULL, 10, false, 'talk')"
	[ "$status" -eq 0 ]
	[ "$output" = 0 ]
}
