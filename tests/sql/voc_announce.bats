#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# The outer loop and its measures (issue 14, items 3 and 7;
# 0047_voc_announce_measures.sql) through psql: an announcement on a topic
# answers, in one transaction, every open item on it the user may write
# with one outbound entry a account, audited, and lists the rest; a dry
# run writes nothing; an idea is adopted once answered; the measures
# against figures computed by hand.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	# anna and david are team north (C1 anna's, C3 david's), bo south (C2)
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.contact (account_id, name, email)
SELECT id, 'Jana Novak', 'jana@c1.example.com' FROM kam.account WHERE erp_id = 'C1';
INSERT INTO kam.topic (name, status) VALUES ('Delivery', 'curated'), ('Price', 'curated');
INSERT INTO kam.interaction (account_id, contact_id, channel, subject, author_id,
    feedback, occurred_at, topic_ids)
SELECT a.id, c.id, 'call', f.subject, a.owner_id, f.kind, now() - f.ago::interval,
       ARRAY(SELECT t.id FROM kam.topic t WHERE t.name = f.topic)
  FROM (VALUES
	('C1', 'desk@c1.example.com', 'Late truck', 'complaint', '2 days', 'Delivery'),
	('C1', 'jana@c1.example.com', 'Track and trace', 'idea', '3 days', 'Delivery'),
	('C3', 'desk@c3.example.com', 'Wrong address', 'complaint', '4 days', 'Delivery'),
	('C2', 'desk@c2.example.com', 'Pallets broken', 'complaint', '1 day', 'Delivery'),
	('C1', 'desk@c1.example.com', 'Long ago', 'complaint', '200 days', 'Delivery'),
	('C1', 'desk@c1.example.com', 'Too dear', 'complaint', '1 day', 'Price'))
       AS f (erp, email, subject, kind, ago, topic)
  JOIN kam.account a ON a.erp_id = f.erp
  JOIN kam.contact c ON c.account_id = a.id AND c.email = f.email;
SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

# announce USER DRY-RUN [MESSAGE]: anna's announcement on Delivery of the
# last 30 days, its rows as "subject|touched|contact email"
announce() {
	pg_as "$1" -F '|' -c "SELECT subject, touched, email
	    FROM kam.voc_announce('delivery', now() - interval '30 days', NULL,
	                          false, '${3:-We changed carriers.}', $2)
	    ORDER BY subject"
}

# the loop and the log as they stand, to see that nothing moved
state() {
	q "SELECT (SELECT string_agg(subject || ':' || loop_state, ',' ORDER BY id)
	             FROM kam.interaction WHERE feedback <> 'none'),
	          (SELECT count(*) FROM kam.interaction),
	          (SELECT count(*) FROM kam.audit_log)"
}

@test "a dry run lists who would be told and writes nothing" {
	local before
	before=$(state)
	run announce anna true
	[ "$status" -eq 0 ]
	# C1 and C3 are anna's team's; C2 is bo's: listed, not touched; the
	# item of 200 days ago and the one on Price are not in it
	[ "$output" = "Late truck|t|desk@c1.example.com
Pallets broken|f|desk@c2.example.com
Track and trace|t|jana@c1.example.com
Wrong address|t|desk@c3.example.com" ]
	[ "$(state)" = "$before" ]
	# a dry run needs no message yet
	run pg_as anna -c "SELECT count(*) FROM kam.voc_announce('Delivery', NULL, NULL,
	    false, NULL, true)"
	[ "$output" = 5 ]
}

@test "the announcement finds the topic's open items through the topics' index" {
	# before 0077 the choice could take no index on the topic ("ids[1] =
	# ANY"), and the partial GIN index was read whole as a list of every
	# feedback item: 8 to 10 s on the generated 100 000 accounts
	# the period holds many items, on other topics and answered, as a
	# real one does (the planner reads a small table whole)
	run nested_plans anna "SELECT count(*) FROM kam.voc_announce('delivery',
	    now() - interval '30 days', NULL, false, 'We changed carriers.', false)" "
	    INSERT INTO kam.interaction (account_id, channel, subject, author_id,
	        feedback, occurred_at, topic_ids)
	    SELECT a.id, 'call', 'Filler ' || g, a.owner_id, 'compliment',
	           now() - g * interval '1 minute',
	           ARRAY(SELECT t.id FROM kam.topic t WHERE t.name = 'Price')
	      FROM kam.account a CROSS JOIN generate_series(1, 3000) g;
	    UPDATE kam.interaction SET loop_state = 'no_answer_needed'
	     WHERE subject LIKE 'Filler %';
	    ANALYZE kam.interaction;"
	[ "$status" -eq 0 ]
	echo "$output" | awk '/Query Text: SELECT coalesce\(array_agg\(i.id\)/ { on = 1 }
	    on && /duration:/ && seen { exit } on { seen = 1; print }' > "$BATS_TEST_TMPDIR/choice"
	cat "$BATS_TEST_TMPDIR/choice"
	grep -q 'Index Cond: (topic_ids @>' "$BATS_TEST_TMPDIR/choice"
	grep -q 'interaction_topics_open' "$BATS_TEST_TMPDIR/choice"
}

# Before 0079 the life cycle's trigger asked who the user is (a query) for
# every item the announcement moved, though it stamps none of them, and
# the answer's list was planned in parallel on the generated data (each
# worker read and hashed the items again: 0.9 s where one process takes
# 0.2 s). Now the only asking is the answers' author, one an account
# (as an administrator, whom no policy asks about).
@test "an announcement asks who the user is only for what it stamps, and lists in one process" {
	run nested_plans kamadmin "SELECT count(DISTINCT answer_id) || ' told',
	           count(*) || ' moved'
	    FROM kam.voc_announce('delivery', now() - interval '30 days', NULL, false,
	                          'We changed carriers.', false) WHERE touched"
	[ "$status" -eq 0 ]
	local told asked
	told=$(echo "$output" | sed -n 's/^ *\([0-9]*\) told .*/\1/p')
	moved=$(echo "$output" | sed -n 's/.* \([0-9]*\) moved$/\1/p')
	asked=$(echo "$output" | grep -c 'Query Text: *SELECT id FROM kam.app_user WHERE role_name')
	echo "told $told, moved $moved, asked $asked"
	[ "$moved" -gt "$told" ]
	# an administrator's answers take their author from the default
	[ "$asked" -eq "$told" ]
	[ "$(q "SELECT array_to_string(proconfig, ',') FROM pg_proc
	    WHERE oid = 'kam.voc_announce(text, timestamptz, text, boolean, text, boolean)'::regprocedure")" \
	    = max_parallel_workers_per_gather=0 ]
}

@test "an unknown topic and an empty message are refused" {
	run pg_as anna -c "SELECT * FROM kam.voc_announce('Nothing like it', NULL, NULL,
	    false, 'x', false)"
	[[ "$output" == *'no topic "Nothing like it"'* ]]
	run pg_as anna -c "SELECT * FROM kam.voc_announce('Delivery', NULL, NULL,
	    false, '  ', false)"
	[[ "$output" == *"an announcement needs a message"* ]]
}

@test "a failure midway leaves nothing: one transaction" {
	local before
	before=$(state)
	# the last item to be answered fails
	q "CREATE FUNCTION public.boom() RETURNS trigger LANGUAGE plpgsql AS
	   \$\$ BEGIN RAISE EXCEPTION 'boom'; END \$\$;
	   CREATE TRIGGER zz_boom BEFORE UPDATE ON kam.interaction FOR EACH ROW
	   WHEN (NEW.subject = 'Wrong address' AND NEW.loop_state = 'answered')
	   EXECUTE FUNCTION public.boom()" >/dev/null
	run announce anna false
	q "DROP TRIGGER zz_boom ON kam.interaction; DROP FUNCTION public.boom()" >/dev/null
	[ "$status" -ne 0 ]
	[[ "$output" == *boom* ]]
	[ "$(state)" = "$before" ]
}

@test "an announcement answers what the user may write, one entry a account, audited" {
	local before_c2
	before_c2=$(q "SELECT loop_state || version FROM kam.interaction
	    WHERE subject = 'Pallets broken'")
	run announce anna false 'We changed carriers; from Monday, next-day delivery.'
	[ "$status" -eq 0 ]
	[ "$output" = "Late truck|t|desk@c1.example.com
Pallets broken|f|desk@c2.example.com
Track and trace|t|jana@c1.example.com
Wrong address|t|desk@c3.example.com" ]
	# the items are answered, each by the outbound entry on its account
	[ "$(q "SELECT string_agg(i.subject || ':' || i.loop_state || ':' ||
	        (i.answered_at IS NOT NULL) || ':' || a.direction || ':' || a.channel || ':' ||
	        a.subject || ':' || coalesce(a.contact_id::text, '-') || ':' ||
	        (a.account_id = i.account_id), ',' ORDER BY i.subject)
	      FROM kam.interaction i JOIN kam.interaction a ON a.id = i.answer_id")" = \
	    "Late truck:answered:true:outbound:email:Announcement: Delivery:-:true,Track and trace:answered:true:outbound:email:Announcement: Delivery:-:true,Wrong address:answered:true:outbound:email:Announcement: Delivery:$(q "SELECT id FROM kam.contact WHERE email = 'desk@c3.example.com'"):true" ]
	# one entry a account, in anna's name, the message its body
	[ "$(q "SELECT count(*), count(DISTINCT account_id), min(body),
	        bool_and(author_id = (SELECT id FROM kam.app_user WHERE role_name = 'anna'))
	      FROM kam.interaction WHERE subject = 'Announcement: Delivery'")" = \
	    "2|2|We changed carriers; from Monday, next-day delivery.|t" ]
	# every move audited as anna's
	[ "$(q "SELECT count(*) FROM kam.audit_log l JOIN kam.interaction i ON i.id = l.row_id
	      WHERE l.table_name = 'interaction' AND l.actor = 'anna'
	        AND l.new ->> 'loop_state' = 'answered'")" = 3 ]
	# bo's item did not move
	[ "$(q "SELECT loop_state || version FROM kam.interaction
	    WHERE subject = 'Pallets broken'")" = "$before_c2" ]
	# told once: nothing open is left to anna, bo's item still listed
	[ "$(announce anna true)" = "Pallets broken|f|desk@c2.example.com" ]
}

@test "support writes only its own tickets; bo only his account" {
	local ticket
	ticket=$(pg_as sam -c "INSERT INTO kam.interaction (account_id, channel, subject,
	    feedback, topic_ids) SELECT id, 'ticket', 'Parcel lost', 'complaint',
	    kam.topic_ids_of('Delivery', false) FROM kam.account WHERE erp_id = 'C2'
	    RETURNING id")
	run pg_as sam -F '|' -c "SELECT subject, touched FROM kam.voc_announce('Delivery',
	    NULL, NULL, false, 'Found it.', false) ORDER BY subject"
	[ "$status" -eq 0 ]
	# anna's item of 200 days ago is listed too (no period), not touched
	[ "$output" = "Long ago|f
Pallets broken|f
Parcel lost|t" ]
	[ "$(q "SELECT a.channel || ':' || a.direction FROM kam.interaction i
	    JOIN kam.interaction a ON a.id = i.answer_id WHERE i.id = $ticket")" = ticket:outbound ]
	run pg_as bo -F '|' -c "SELECT subject, touched FROM kam.voc_announce('Delivery',
	    NULL, NULL, false, 'Sorry.', false) ORDER BY subject"
	[ "$output" = "Long ago|f
Pallets broken|t" ]
}

@test "an idea is adopted once answered; only ideas; audited" {
	local id
	id=$(q "SELECT id FROM kam.interaction WHERE subject = 'Track and trace'")
	run pg_as anna -c "UPDATE kam.interaction SET loop_state = 'adopted' WHERE id = $(
	    q "SELECT id FROM kam.interaction WHERE subject = 'Too dear'") RETURNING 1"
	[[ "$output" == *"feedback cannot go from new to adopted"* ]]
	[ "$(pg_as anna -c "UPDATE kam.interaction SET loop_state = 'adopted'
	    WHERE id = $id RETURNING loop_state")" = adopted ]
	[ "$(q "SELECT actor FROM kam.audit_log WHERE table_name = 'interaction'
	    AND row_id = $id AND new ->> 'loop_state' = 'adopted'")" = anna ]
	# no longer open, and it stays an idea
	[ "$(q "SELECT kam.voc_is_open('adopted')")" = f ]
	run pg_as anna -c "UPDATE kam.interaction SET feedback = 'complaint' WHERE id = $id"
	[[ "$output" == *adopted_is_an_idea* ]]
	[ "$(pg_as anna -c "UPDATE kam.interaction SET loop_state = 'closed'
	    WHERE id = $id RETURNING loop_state")" = closed ]
}

@test "the measures, computed by hand" {
	# team east, one account whose complaints are due in a day
	q "SELECT kam.add_user('eve', 'manager', 'east', 'Eve East', NULL)" >/dev/null
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country)
SELECT 'E1', 'Ostwind AG', 'key', id, 'east', 'DE' FROM kam.app_user WHERE role_name = 'eve';
INSERT INTO kam.service_level (account_id, name, first_response, resolution, valid_from)
SELECT id, 'Gold', '1 day', '3 days', DATE '2025-01-01' FROM kam.account WHERE erp_id = 'E1';
INSERT INTO kam.interaction (account_id, channel, direction, subject, occurred_at, author_id)
SELECT id, 'email', 'outbound', 'the answer', now(), owner_id FROM kam.account WHERE erp_id = 'E1';
-- raised N hours ago, reacted to after ACK hours, answered after ANS
INSERT INTO kam.interaction (account_id, channel, subject, feedback, loop_state,
    occurred_at, acknowledged_at, answered_at, answer_id, author_id)
SELECT a.id, 'call', f.s, f.kind, f.state, now() - f.ago * interval '1 hour',
       now() - f.ago * interval '1 hour' + f.ack * interval '1 hour',
       now() - f.ago * interval '1 hour' + f.ans * interval '1 hour',
       CASE WHEN f.ans IS NOT NULL THEN (SELECT id FROM kam.interaction
            WHERE subject = 'the answer') END, a.owner_id
  FROM kam.account a, (VALUES
	('a', 'complaint', 'answered', 240, 2, 12),	-- in time
	('b', 'complaint', 'answered', 240, 4, 48),	-- late
	('c', 'complaint', 'new', 120, NULL, NULL),	-- overdue
	('d', 'complaint', 'new', 1, NULL, NULL),	-- not due yet
	('e', 'idea', 'adopted', 192, 6, 72),
	('f', 'idea', 'acknowledged', 72, 1, NULL),
	('g', 'compliment', 'no_answer_needed', 48, 8, NULL))
       AS f (s, kind, state, ago, ack, ans)
 WHERE a.erp_id = 'E1';
SQL
	# 7 items: 1 compliment, 2 ideas, 4 complaints; open c d f, c overdue;
	# due a b c, a in time (1/3); reacted to a b e f g (2 4 6 1 8 h: median
	# 4 h); answered a b e (12 48 72 h: median 48 h); e adopted
	[ "$(pg_as eve -F '|' -c "SELECT items, compliments, ideas, complaints, open,
	    overdue, due, answered_in_time, in_time_share, acknowledged,
	    median_acknowledge, answered, median_answer, ideas_adopted
	    FROM kam.voc_measures(now() - interval '30 days', 'east', false)")" = \
	    "7|1|2|4|3|1|3|1|0.333|5|04:00:00|3|2 days|1" ]
	# the same in the JSON document, the times in seconds
	[ "$(pg_as eve -c "SELECT kam.voc_json(now() - interval '30 days', 'east', 5)
	    -> 'measures'")" = '{"due" : 3, "answered_in_time" : 1, "in_time_share" : 0.333, "acknowledged" : 5, "median_acknowledge_seconds" : 14400, "answered" : 3, "median_answer_seconds" : 172800, "ideas_adopted" : 1}' ]
	# only mine: eve owns E1
	[ "$(pg_as eve -c "SELECT items FROM kam.voc_measures(NULL, NULL, true)")" = 7 ]
	# nothing due: no share
	[ "$(pg_as eve -c "SELECT in_time_share IS NULL
	    FROM kam.voc_measures(now() - interval '2 hours', 'east', false)")" = t ]
}
