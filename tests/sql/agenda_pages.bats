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

# The open follow-ups are kept by triggers (0037): after each kind of
# change, one statement at a time, the agenda is still 0018's, worked out
# from the entries themselves.
@test "entries added, backdated, moved, done, handed on, deleted, and accounts handed over: still 0018's agenda" {
	local step u
	# agenda_same: every user's agenda against 0018's, after step $step
	agenda_same() {
		for u in anna bo david sam; do
			run pg_as "$u" -c "SELECT count(*) FROM (
			    (SELECT * FROM kam.agenda_items() EXCEPT ALL
			     SELECT * FROM kam.agenda_items_0018())
			    UNION ALL
			    (SELECT * FROM kam.agenda_items_0018() EXCEPT ALL
			     SELECT * FROM kam.agenda_items())) d"
			[ "$status" -eq 0 ] && [ "$output" = 0 ] ||
			    { echo "after '$step', $u: $output rows differ"; return 1; }
		done
	}
	# an account with open follow-ups of two authors, and its owner
	acc=$(pg_as postgres -c "SELECT a.id FROM kam.account a
	    JOIN kam.interaction i ON i.account_id = a.id
	    WHERE a.owner_id IS NOT NULL AND i.follow_up_on IS NOT NULL
	      AND i.follow_up_done_at IS NULL
	    GROUP BY a.id HAVING count(DISTINCT i.author_id) > 1 ORDER BY a.id LIMIT 1")
	[ -n "$acc" ]
	while read -r step; do
		pg_as postgres -c "$step" >/dev/null </dev/null
		agenda_same
	done <<-SQL
	INSERT INTO kam.interaction (account_id, occurred_at, channel, direction, subject, author_id, follow_up_owner_id) SELECT $acc, now() - interval '1 second', 'call', 'outbound', 'Owner answers', owner_id, owner_id FROM kam.account WHERE id = $acc
	INSERT INTO kam.interaction (account_id, occurred_at, channel, direction, subject, author_id, follow_up_on, follow_up_owner_id) SELECT $acc, now() - interval '300 days', 'call', 'outbound', 'Backdated', u.id, current_date - 3, u.id FROM kam.app_user u WHERE u.role_name = 'david'
	UPDATE kam.interaction SET occurred_at = now() - interval '2 seconds' WHERE id = (SELECT min(id) FROM kam.interaction WHERE account_id = $acc AND follow_up_on IS NOT NULL)
	UPDATE kam.interaction SET follow_up_done_at = now() WHERE id = (SELECT max(id) FROM kam.interaction WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL AND account_id IN (SELECT id FROM kam.account WHERE owner_id IS NOT NULL))
	UPDATE kam.interaction SET follow_up_owner_id = (SELECT id FROM kam.app_user WHERE role_name = 'sam') WHERE id IN (SELECT id FROM kam.interaction WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL ORDER BY id LIMIT 40)
	DELETE FROM kam.interaction WHERE id = (SELECT id FROM kam.interaction WHERE account_id = $acc ORDER BY occurred_at DESC LIMIT 1)
	UPDATE kam.interaction SET account_id = (SELECT min(id) FROM kam.account WHERE id <> $acc AND owner_id IS NOT NULL) WHERE id = (SELECT id FROM kam.interaction WHERE account_id = $acc ORDER BY occurred_at DESC LIMIT 1)
	UPDATE kam.account SET owner_id = (SELECT id FROM kam.app_user WHERE role_name = 'bo') WHERE id IN (SELECT id FROM kam.account WHERE owner_id = (SELECT id FROM kam.app_user WHERE role_name = 'anna') ORDER BY id LIMIT 5)
	UPDATE kam.account SET owner_id = NULL WHERE id = $acc
	UPDATE kam.account SET owner_id = (SELECT id FROM kam.app_user WHERE role_name = 'anna') WHERE owner_id IS NULL
	UPDATE kam.interaction SET follow_up_done_at = NULL WHERE follow_up_done_at IS NOT NULL AND id % 2 = 0
	DELETE FROM kam.interaction WHERE id % 7 = 0
	SQL
}
