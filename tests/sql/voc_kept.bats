#!/usr/bin/env bats
# The voice of the customer kept by triggers (migration 0054): after every
# kind of change that moves the cloud (items logged, changed in kind,
# topics, state, time and account, deleted; topics merged; an account
# changing hands and team), the kept answers of kam.voc_cloud and
# kam.voc_open are the computed ones (voc_cloud_computed,
# voc_open_computed: 0040's definitions), row for row and in order, for
# every user, for everyone, a team and the user's own accounts, over
# periods that start at midnight in the user's zone, at odd times and
# never, in time zones far apart; what is kept equals a rebuild from
# scratch; and a user whose policies hide an account gets the worked-out
# answer and reads no kept count.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	# C1 anna's (north), C2 bo's (south), C3 david's (north); complaints on
	# C1 and C2 are due 8 hours after they are raised, so one raised an
	# hour ago is open and not yet overdue
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.topic (name, status) VALUES ('Delivery', 'curated'),
    ('Price', 'curated'), ('Quality', 'curated'), ('Packaging', 'curated');
INSERT INTO kam.service_level (account_id, name, first_response, resolution,
                               valid_from, valid_to)
SELECT id, 'Gold', '8 hours', '5 days', DATE '2020-01-01', DATE '2099-12-31'
  FROM kam.account WHERE erp_id IN ('C1', 'C2');
INSERT INTO kam.interaction (account_id, channel, subject, author_id, feedback,
                             occurred_at, topic_ids)
SELECT a.id, 'call', f.subject, a.owner_id, f.kind, f.at,
       ARRAY(SELECT t.id FROM kam.topic t
              WHERE t.name = ANY (string_to_array(f.topics, ',')))
  FROM (VALUES
	('C1', 'Late truck', 'complaint', now() - interval '2 days', 'Delivery'),
	('C1', 'Late again', 'complaint', now() - interval '1 hour', 'Delivery,Price'),
	('C1', 'Track and trace', 'idea', now() - interval '3 days', 'Delivery'),
	('C1', 'Nice people', 'compliment', now() - interval '20 days', ''),
	('C1', 'Just before midnight', 'complaint', timestamptz '2025-06-14 23:30+00', 'Quality'),
	('C1', 'Just after midnight', 'idea', timestamptz '2025-06-15 00:30+00', 'Quality'),
	('C2', 'Pallets broken', 'complaint', now() - interval '1 day', 'Packaging,Delivery'),
	('C2', 'Cheaper please', 'idea', now() - interval '40 days', 'Price'),
	('C2', 'Great quality', 'compliment', now() - interval '300 days', 'Quality'),
	('C3', 'Wrong address', 'complaint', now() - interval '4 days', 'Delivery'),
	('C3', 'Long ago', 'complaint', now() - interval '800 days', 'Price'),
	('C3', 'Nothing to say', 'idea', now() - interval '5 hours', ''))
       AS f (erp, subject, kind, at, topics)
  JOIN kam.account a ON a.erp_id = f.erp;
INSERT INTO kam.interaction (account_id, channel, subject, author_id, occurred_at)
SELECT id, 'call', 'No feedback', owner_id, now() - interval '1 day' FROM kam.account;
SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

# differ USER [ZONE]: how many rows (with their place) the kept and the
# computed answers do not share, the cloud's and the open items' (the
# first 2 and the first 50), over periods from midnight in ZONE a year,
# a month, a day ago and today, from 90 minutes ago, from a UTC midnight
# and from the start, for everyone, team north, team south and the
# user's own; then how many rows the computed cloud had, so that a check
# is not vacuous: "differences rows".
differ() {
	pg_as "$1" -F ' ' -c "SET TimeZone = '${2:-Europe/Berlin}'" -c "
	    WITH s (since) AS (
	        SELECT NULL::timestamptz
	        UNION ALL SELECT d::timestamptz FROM unnest(ARRAY[current_date - 400,
	            current_date - 30, current_date - 1, current_date]) d
	        UNION ALL SELECT now() - interval '90 minutes'
	        UNION ALL SELECT timestamptz '2025-06-15 00:00+00'
	        UNION ALL SELECT timestamptz '2025-06-14 23:45+00'),
	    v (team, mine) AS (VALUES (NULL, false), (NULL, true), ('north', false),
	        ('south', false), ('north', true)),
	    n (lim) AS (VALUES (2), (50))
	    SELECT (SELECT count(*) FROM s, v, LATERAL (
	        (SELECT * FROM kam.voc_cloud(s.since, v.team, v.mine) WITH ORDINALITY
	         EXCEPT ALL
	         SELECT * FROM kam.voc_cloud_computed(s.since, v.team, v.mine) WITH ORDINALITY)
	        UNION ALL
	        (SELECT * FROM kam.voc_cloud_computed(s.since, v.team, v.mine) WITH ORDINALITY
	         EXCEPT ALL
	         SELECT * FROM kam.voc_cloud(s.since, v.team, v.mine) WITH ORDINALITY)) x)
	      + (SELECT count(*) FROM s, v, n, LATERAL (
	        (SELECT * FROM kam.voc_open(s.since, v.team, v.mine, n.lim) WITH ORDINALITY
	         EXCEPT ALL
	         SELECT * FROM kam.voc_open_computed(s.since, v.team, v.mine, n.lim) WITH ORDINALITY)
	        UNION ALL
	        (SELECT * FROM kam.voc_open_computed(s.since, v.team, v.mine, n.lim) WITH ORDINALITY
	         EXCEPT ALL
	         SELECT * FROM kam.voc_open(s.since, v.team, v.mine, n.lim) WITH ORDINALITY)) x),
	        (SELECT count(*) FROM s, v, kam.voc_cloud_computed(s.since, v.team, v.mine))"
}

# same USER...: no differences for each user, and something to compare
same() {
	local who out
	for who in "$@"; do
		out=$(differ "$who")
		echo "$who: $out"
		[ "${out% *}" = 0 ]
		[ "${out#* }" -gt 0 ]
	done
}

# kept: the kept counts, one a line, to compare with a rebuild
kept() {
	q "SELECT string_agg(concat_ws(' ', day, owner_id, team, topic_id, kind, items,
	    open, open_due), chr(10) ORDER BY day, owner_id, team, topic_id, kind)
	    FROM kam.voc_count"
}

@test "on the fixture, the kept cloud and open items are the computed ones for everyone" {
	same anna bo sam kamadmin
	# on Delivery: five open, of them the complaints of C1 two days and of
	# C2 a day ago overdue, not the one of an hour ago (not yet due) nor
	# C3's (no service level, no due time)
	[ "$(pg_as anna -c "SELECT open, overdue FROM kam.voc_cloud(NULL, NULL, false)
	    WHERE topic = 'Delivery'")" = "5|2" ]
}

@test "items logged, moved in time and to another account, and deleted" {
	pg_as anna -c "INSERT INTO kam.interaction (account_id, channel, subject, feedback, topic_ids)
	    SELECT a.id, 'call', 'Fresh one', 'complaint', ARRAY[t.id]
	      FROM kam.account a, kam.topic t WHERE a.erp_id = 'C1' AND t.name = 'Quality'"
	same anna bo
	q "UPDATE kam.interaction SET occurred_at = occurred_at - interval '45 minutes'
	    WHERE subject IN ('Just after midnight', 'Late truck')"
	q "UPDATE kam.interaction SET account_id = (SELECT id FROM kam.account WHERE erp_id = 'C2')
	    WHERE subject = 'Track and trace'"
	same anna bo
	q "DELETE FROM kam.interaction WHERE subject = 'Nice people'"
	same anna sam
}

@test "kind, topics and loop state changed, answered, and feedback taken away" {
	q "UPDATE kam.interaction SET feedback = 'complaint' WHERE subject = 'Cheaper please'"
	q "UPDATE kam.interaction SET topic_ids = (SELECT array_agg(id ORDER BY id)
	    FROM kam.topic WHERE name IN ('Price', 'Quality')) WHERE subject = 'Nothing to say'"
	q "UPDATE kam.interaction SET topic_ids = '{}' WHERE subject = 'Wrong address'"
	same anna bo
	q "UPDATE kam.interaction SET loop_state = 'acknowledged' WHERE subject = 'Late again'"
	q "UPDATE kam.interaction SET loop_state = 'in_progress' WHERE subject = 'Pallets broken'"
	q "UPDATE kam.interaction SET loop_state = 'no_answer_needed' WHERE subject = 'Great quality'"
	pg_as anna -c "SELECT kam.feedback_answer(id, version, 'We are on it.')
	    FROM kam.interaction WHERE subject = 'Late truck'" >/dev/null
	same anna sam
	q "UPDATE kam.interaction SET feedback = 'none' WHERE subject = 'Fresh one'"
	q "UPDATE kam.interaction SET feedback = 'idea' WHERE subject = 'No feedback'
	    AND account_id = (SELECT id FROM kam.account WHERE erp_id = 'C3')"
	same anna bo
}

@test "a topic merged into another, and an announcement" {
	pg_as kamadmin -c "SELECT kam.merge_topic((SELECT id FROM kam.topic WHERE name = 'Packaging'),
	    (SELECT id FROM kam.topic WHERE name = 'Delivery'))" >/dev/null
	pg_as kamadmin -c "UPDATE kam.topic SET name = 'Prices' WHERE name = 'Price'"
	same anna bo
	pg_as kamadmin -c "SELECT count(*) FROM kam.voc_announce('Delivery', NULL, NULL,
	    false, 'We changed carriers.', false)" >/dev/null
	same anna bo sam kamadmin
}

@test "an account changing hands and team moves its counts" {
	pg_as kamadmin -c "UPDATE kam.account SET owner_id = (SELECT id FROM kam.app_user
	    WHERE role_name = 'bo') WHERE erp_id = 'C1'"
	same anna bo
	pg_as kamadmin -c "UPDATE kam.account SET team = 'south' WHERE erp_id = 'C3'"
	pg_as kamadmin -c "UPDATE kam.account SET team = NULL, owner_id = NULL WHERE erp_id = 'C2'"
	same anna bo david
}

@test "the same in time zones either side of the date line and off the hour" {
	local z out
	for z in Pacific/Kiritimati Pacific/Pago_Pago Asia/Kathmandu UTC; do
		out=$(differ anna "$z")
		echo "$z: $out"
		[ "${out% *}" = 0 ]
	done
}

@test "what the triggers kept is what a rebuild from scratch keeps" {
	local before
	before=$(kept)
	[ -n "$before" ]
	q 'SELECT kam.voc_counts_rebuild()' >/dev/null
	[ "$(kept)" = "$before" ]
}

# Row-level security: with a policy that hides C1 from bo, bo reads no
# kept count (they would tell of C1) and gets the answer worked out from
# what he may read; anna still gets the kept one.
@test "a user who may not read every account gets the computed answer, no kept count" {
	local c1
	c1=$(q "SELECT id FROM kam.account WHERE erp_id = 'C1'")
	q "CREATE POLICY hide_c1 ON kam.account AS RESTRICTIVE FOR SELECT TO bo
	    USING (erp_id <> 'C1')"
	q "CREATE POLICY hide_c1 ON kam.interaction AS RESTRICTIVE FOR SELECT TO bo
	    USING (account_id <> $c1)"
	[ "$(pg_as bo -c 'SELECT kam.voc_reads_all()')" = f ]
	[ "$(pg_as anna -c 'SELECT kam.voc_reads_all()')" = t ]
	[ "$(pg_as bo -c 'SELECT count(*) FROM kam.voc_count')" = 0 ]
	[ "$(pg_as anna -c 'SELECT count(*) > 0 FROM kam.voc_count')" = t ]
	# C1's items (now bo's account's) are gone from bo's cloud, not anna's
	[ "$(pg_as bo -c "SELECT coalesce(sum(items), 0) FROM kam.voc_cloud(NULL, NULL, false)")" \
	    -lt "$(pg_as anna -c "SELECT sum(items) FROM kam.voc_cloud(NULL, NULL, false)")" ]
	same bo anna
	q "DROP POLICY hide_c1 ON kam.account"
	q "DROP POLICY hide_c1 ON kam.interaction"
}

# Before 0078 each walk of the open items read every item it passed from
# the table to learn whose account it is, and "one of her accounts?"
# read account rows (1 173 item pages and 4 904 account pages for anna's
# 200 of a year on the generated 100 000 accounts; in a new session most
# of her cloud's time): now the walks stay in their indexes and the
# accounts' owners are read from theirs.
@test "a manager's open items are walked in the indexes alone, her accounts read from theirs" {
	run nested_plans anna "SELECT count(*) FROM kam.voc_open(now() - interval '1 year',
	    NULL, true, 20)" "
	    INSERT INTO kam.account (name, owner_id, team)
	    SELECT 'Filler ' || u.role_name || g, u.id, u.team
	      FROM kam.app_user u CROSS JOIN generate_series(1, 400) g
	     WHERE u.kind = 'manager';
	    INSERT INTO kam.interaction (account_id, channel, subject, author_id,
	        feedback, occurred_at)
	    SELECT a.id, 'call', 'Filler', a.owner_id, f.kind,
	           now() - (a.id % 300) * interval '1 day' - f.n * interval '1 hour'
	      FROM kam.account a
	     CROSS JOIN (VALUES (1, 'idea'), (2, 'complaint')) f (n, kind)
	     WHERE a.name LIKE 'Filler %';
	    ANALYZE kam.account;
	    ANALYZE kam.interaction;"
	[ "$status" -eq 0 ]
	echo "$output" | awk '/Query Text: *SELECT i.id, i.account_id, a.name/ { on = 1 }
	    on && /duration:/ && seen { exit } on { seen = 1; print }' > "$BATS_TEST_TMPDIR/walk"
	cat "$BATS_TEST_TMPDIR/walk"
	grep -q 'Index Only Scan using interaction_voc_open_due' "$BATS_TEST_TMPDIR/walk"
	grep -q 'Index Only Scan using interaction_voc_open_undue' "$BATS_TEST_TMPDIR/walk"
	! grep -q 'Index Scan using interaction_voc_open' "$BATS_TEST_TMPDIR/walk"
	grep -q 'Index Only Scan using account_owner' "$BATS_TEST_TMPDIR/walk"
}
