#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Statements of many entries pay once a statement (0063_bulk_entries.sql):
# the history's audit is written from the statement's transition tables,
# the kept follow-ups (0037) and contact alarms (0045) move by difference
# on insert. Each is held to what was there before: the audit rows to
# those 0002's row trigger writes (its own definition, taken from the
# database and pointed at a table of the test's), the kept rows to a
# rebuild from scratch and to the computed definitions, the live
# notifications to what a listener hears.

load hooks

# audit_ref: 0002's audit() as it stands in the database, writing into
# public.audit_ref instead of kam.audit_log, as a row trigger beside the
# statement's
audit_ref() {
	q "CREATE TABLE public.audit_ref (LIKE kam.audit_log INCLUDING DEFAULTS INCLUDING IDENTITY)" >/dev/null
	q "GRANT ALL ON public.audit_ref TO PUBLIC" >/dev/null
	q "SELECT replace(replace(pg_get_functiondef('kam.audit()'::regprocedure),
	    'kam.audit_log', 'public.audit_ref'), 'FUNCTION kam.audit()',
	    'FUNCTION public.audit_ref_row()')" | pg_as postgres >/dev/null
	q "CREATE TRIGGER zz_audit_ref AFTER INSERT OR UPDATE OR DELETE
	    ON kam.interaction FOR EACH ROW EXECUTE FUNCTION public.audit_ref_row()" >/dev/null
}

# audit_differ: the interaction audit rows since id $1 that the statement
# trigger and the reference do not share (actor, row, account, op, old,
# new), then how many the reference wrote
audit_differ() {
	q "WITH s AS (SELECT actor, table_name, row_id, account_id, op, old, new
	                FROM kam.audit_log WHERE id > $1 AND table_name = 'interaction'),
	        r AS (SELECT actor, table_name, row_id, account_id, op, old, new
	                FROM public.audit_ref WHERE table_name = 'interaction')
	   SELECT (SELECT count(*) FROM ((SELECT * FROM s EXCEPT ALL SELECT * FROM r)
	           UNION ALL (SELECT * FROM r EXCEPT ALL SELECT * FROM s)) d)
	          || ' ' || (SELECT count(*) FROM r)"
}

@test "bulk inserts, updates and deletes of entries are audited row for row, as 0002's trigger did" {
	audit_ref
	local mark out
	mark=$(q "SELECT coalesce(max(id), 0) FROM kam.audit_log")
	pg_as anna -c "INSERT INTO kam.interaction (account_id, channel, direction, subject, author_id)
	    SELECT id, 'call', 'outbound', 'Bulk ' || id || ' ' || g, kam.my_user_id()
	      FROM kam.account CROSS JOIN generate_series(1, 10) g
	     WHERE owner_id = kam.my_user_id()"
	pg_as anna -c "UPDATE kam.interaction SET subject = subject || '!'
	    WHERE subject LIKE 'Bulk %'"
	# a statement that changes nothing a row holds: no audit rows
	pg_as anna -c "UPDATE kam.interaction SET subject = subject
	    WHERE subject LIKE 'Bulk %'"
	pg_as postgres -c "DELETE FROM kam.interaction WHERE subject LIKE 'Bulk %'"
	out=$(audit_differ "$mark")
	echo "$out"
	[ "${out% *}" = 0 ]
	[ "${out#* }" -gt 20 ]
	# in the order the statement changed its rows, one row each
	[ "$(q "SELECT count(*) FROM kam.audit_log WHERE id > $mark AND op = 'UPDATE'")" = \
	    "$(q "SELECT count(*) FROM kam.audit_log WHERE id > $mark AND op = 'INSERT'")" ]
	[ "$(q "SELECT bool_and(actor = 'anna') FROM kam.audit_log
	    WHERE id > $mark AND op <> 'DELETE'")" = t ]
}

@test "the feedback loop's moves and an answer are audited as before" {
	local mark out
	mark=$(q "SELECT coalesce(max(id), 0) FROM kam.audit_log")
	q "TRUNCATE public.audit_ref" >/dev/null
	pg_as anna -c "INSERT INTO kam.interaction (account_id, channel, subject, author_id, feedback)
	    SELECT id, 'call', 'Slow ' || id, kam.my_user_id(), 'complaint'
	      FROM kam.account WHERE owner_id = kam.my_user_id() ORDER BY id LIMIT 3"
	pg_as anna -c "UPDATE kam.interaction SET loop_state = 'acknowledged'
	    WHERE subject LIKE 'Slow %'"
	pg_as anna -c "SELECT kam.feedback_answer(id, version, 'We are on it')
	    FROM kam.interaction WHERE subject LIKE 'Slow %'" >/dev/null
	out=$(audit_differ "$mark")
	echo "$out"
	[ "${out% *}" = 0 ]
	[ "${out#* }" -ge 12 ]
	q "DROP TRIGGER zz_audit_ref ON kam.interaction" >/dev/null
}

@test "a bulk insert of entries still tells the listeners" {
	local out
	out=$(pg_as anna -c "LISTEN kam_change" -c "INSERT INTO kam.interaction
	    (account_id, channel, direction, subject, author_id)
	    SELECT id, 'call', 'outbound', 'Heard', kam.my_user_id()
	      FROM kam.account WHERE owner_id = kam.my_user_id() ORDER BY id LIMIT 2" \
	    -c "SELECT 1" |
	    sed -n 's/^Asynchronous notification "kam_change" with payload "\(.*\)" received.*/\1/p')
	echo "$out"
	[ "$(grep -c '^interaction [0-9]*$' <<<"$out")" -eq 2 ]
	# more accounts than a transaction names: the first 100 by account,
	# then the table once, as a row at a time told them (0031)
	out=$(pg_as postgres -c "LISTEN kam_change" -c "INSERT INTO kam.interaction
	    (account_id, channel, direction, subject, author_id)
	    SELECT a.id, 'call', 'outbound', 'Heard by all', u.id
	      FROM kam.account a, kam.app_user u WHERE u.role_name = 'sam'" \
	    -c "SELECT 1" |
	    sed -n 's/^Asynchronous notification "kam_change" with payload "\(.*\)" received.*/\1/p')
	[ "$(q "SELECT count(*) FROM kam.account")" -gt 150 ]
	[ "$(grep -c '^interaction [0-9]*$' <<<"$out")" -eq 100 ]
	[ "$(grep -c '^interaction \*$' <<<"$out")" -eq 1 ]
	[ "$(wc -l <<<"$out")" -eq 101 ]
}

# follow_ups_same: the kept follow-ups are those 0037's definition works
# out from the entries (a rebuild from scratch)
follow_ups_same() {
	local before
	before=$(kept_follow_ups)
	[ -n "$before" ]
	q "SELECT kam.follow_ups_rebuild()" >/dev/null
	[ "$(kept_follow_ups)" = "$before" ] || { echo "kept <> rebuild: $1"; return 1; }
}

@test "entries logged by the hundred close and open follow-ups as a rebuild says" {
	local step
	# a rebuild first, so that each step below is held to its own change
	q "SELECT kam.follow_ups_rebuild()" >/dev/null
	while read -r step; do
		pg_as postgres -c "$step" >/dev/null </dev/null
		follow_ups_same "$step"
	done <<-'SQL'
	INSERT INTO kam.interaction (account_id, occurred_at, channel, direction, subject, author_id, follow_up_on, follow_up_owner_id) SELECT a.id, now() - (g * interval '1 day'), 'call', 'outbound', 'Bulk follow-up ' || g, u.id, current_date - g, CASE WHEN g % 3 = 0 THEN a.owner_id ELSE u.id END FROM kam.account a CROSS JOIN generate_series(1, 3) g JOIN kam.app_user u ON u.role_name = CASE WHEN g % 2 = 0 THEN 'david' ELSE 'sam' END
	INSERT INTO kam.interaction (account_id, occurred_at, channel, direction, subject, author_id) SELECT a.id, now() - interval '36 hours', 'email', 'outbound', 'Owner wrote', a.owner_id FROM kam.account a WHERE a.id % 2 = 0 AND a.owner_id IS NOT NULL
	INSERT INTO kam.interaction (account_id, occurred_at, channel, direction, subject, author_id, follow_up_on, follow_up_owner_id) SELECT a.id, v.at, 'call', 'outbound', v.s, u.id, current_date + v.d, f.id FROM kam.account a CROSS JOIN (VALUES (now() - interval '400 days', 'Backdated', -2, 'david', 'bo'), (now() + interval '1 hour', 'Ahead', 5, 'sam', 'sam'), (now() - interval '10 days', 'Handed on', 1, 'anna', 'david')) v (at, s, d, author, fu) JOIN kam.app_user u ON u.role_name = v.author JOIN kam.app_user f ON f.role_name = v.fu WHERE a.id % 3 <> 0
	INSERT INTO kam.interaction (account_id, occurred_at, channel, direction, subject, author_id) SELECT DISTINCT ON (i.account_id) i.account_id, now(), 'visit', 'outbound', 'Sam came by', u.id FROM kam.interaction i JOIN kam.app_user u ON u.role_name = 'sam' WHERE i.follow_up_owner_id = u.id ORDER BY i.account_id
	SQL
}

@test "new entries close kept follow-ups by their own account's rows, each kept row's entry read by its key" {
	# before 0077 every kept row was held against every new row, after a
	# hash join that read all entries: 10.8 s for an announcement to
	# 5 296 accounts on the generated data
	q "SELECT kam.follow_ups_rebuild()" >/dev/null
	run --separate-stderr pg_as postgres -c "LOAD 'auto_explain'" \
	    -c "SET auto_explain.log_min_duration = 0" \
	    -c "SET auto_explain.log_nested_statements = on" \
	    -c "SET auto_explain.log_level = notice" \
	    -c "SET enable_seqscan = off" \
	    -c "BEGIN" -c "INSERT INTO kam.interaction (account_id, occurred_at, channel, direction, subject, author_id) SELECT a.id, now(), 'email', 'outbound', 'Plan check', a.owner_id FROM kam.account a WHERE a.owner_id IS NOT NULL" \
	    -c "ROLLBACK"
	[ "$status" -eq 0 ]
	echo "$stderr" | awk '/Query Text: SELECT coalesce\(array_agg\(DISTINCT c.id\)/ { on = 1 }
	    on && /duration:/ && seen { exit } on { seen = 1; print }' > "$BATS_TEST_TMPDIR/close"
	cat "$BATS_TEST_TMPDIR/close"
	grep -q 'Index Scan using interaction_pkey on interaction' "$BATS_TEST_TMPDIR/close"
	! grep -q 'Seq Scan on interaction ' "$BATS_TEST_TMPDIR/close"
}

@test "entries logged by the hundred move the contact alarms as the computed cadence says" {
	local before
	q "INSERT INTO kam.interaction (account_id, occurred_at, channel, direction, subject, author_id)
	    SELECT a.id, v.at, v.channel, v.direction, 'Bulk contact', a.owner_id
	      FROM kam.account a CROSS JOIN (VALUES
	           (now() - interval '3 days', 'call', 'outbound'),
	           (now() - interval '900 days', 'visit', 'inbound'),
	           (now() + interval '2 days', 'ticket', 'inbound'),
	           (now() + interval '3 days', 'email', 'internal')) v (at, channel, direction)
	     WHERE a.id % 4 <> 1" >/dev/null
	before=$(q "SELECT string_agg(concat_ws(' ', account_id, kind, subject_id,
	    owner_id, due, until, last_at), chr(10) ORDER BY account_id, kind, subject_id)
	    FROM kam.cadence_alarm")
	[ -n "$before" ]
	q "SELECT kam.cadence_alarms_rebuild()" >/dev/null
	[ "$(q "SELECT string_agg(concat_ws(' ', account_id, kind, subject_id,
	    owner_id, due, until, last_at), chr(10) ORDER BY account_id, kind, subject_id)
	    FROM kam.cadence_alarm")" = "$before" ]
	for u in anna bo sam; do
		[ "$(pg_as "$u" -c "SELECT count(*) FROM (
		    (SELECT * FROM kam.cadence_breaches(current_date, NULL) EXCEPT ALL
		     SELECT * FROM kam.cadence_breaches_computed(current_date, NULL))
		    UNION ALL
		    (SELECT * FROM kam.cadence_breaches_computed(current_date, NULL) EXCEPT ALL
		     SELECT * FROM kam.cadence_breaches(current_date, NULL))) d")" = 0 ]
	done
}

@test "a kept follow-up's later entry is looked for in the one index of the entries by account, alone" {
	# before 0085 a second index kept every entry by account and author
	# for this test alone: an announcement to 5 296 accounts read as many
	# of its pages as of the account index's to enter its rows
	[ "$(q "SELECT string_agg(indexrelid::regclass::text, ',')
	      FROM pg_index WHERE indrelid = 'kam.interaction'::regclass
	       AND indpred IS NULL AND indkey[0] = (SELECT attnum FROM pg_attribute
	           WHERE attrelid = 'kam.interaction'::regclass AND attname = 'account_id')")" \
	    = kam.interaction_account ]
	q "SELECT kam.follow_ups_rebuild()" >/dev/null
	run --separate-stderr pg_as postgres -c "LOAD 'auto_explain'" \
	    -c "SET auto_explain.log_min_duration = 0" \
	    -c "SET auto_explain.log_nested_statements = on" \
	    -c "SET auto_explain.log_level = notice" \
	    -c "SET enable_seqscan = off" -c "SET enable_bitmapscan = off" \
	    -c "BEGIN" -c "INSERT INTO kam.interaction (account_id, occurred_at, channel, direction, subject, author_id, follow_up_on, follow_up_owner_id) SELECT a.id, now() - interval '2 days', 'call', 'outbound', 'Plan check', a.owner_id, current_date + 1, a.owner_id FROM kam.account a WHERE a.owner_id IS NOT NULL" \
	    -c "ROLLBACK"
	[ "$status" -eq 0 ]
	echo "$stderr" | awk '/Query Text: INSERT INTO follow_up_open_owned/ { on = 1 }
	    on && /duration:/ && seen { exit } on { seen = 1; print }' > "$BATS_TEST_TMPDIR/later"
	cat "$BATS_TEST_TMPDIR/later"
	grep -q 'Index Only Scan using interaction_account on interaction j' "$BATS_TEST_TMPDIR/later"
}
