#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Migration 0055 through psql: a merge of two accounts (tests/sql/merge.sql
# plants them with something of everything) moves all the loser has, its
# dry run shows exactly that and changes nothing, the undo puts the whole
# database back as it was, two plans of one year become one, who may merge
# what, contacts the same way. The ERP side (the tombstone resolving the
# loser's ERP id, a merge while the sync runs) is tests/erp/merge.bats.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	pg_as postgres -f "$KAM_SRCDIR/tests/sql/merge.sql" >/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	W1=$(q "SELECT id FROM kam.account WHERE erp_id = 'W1'")
	W2=$(q "SELECT id FROM kam.account WHERE erp_id = 'W2'")
	W5=$(q "SELECT id FROM kam.account WHERE erp_id = 'W5'")
}

# Every table of kam, row by row in a fixed order, but the logs of what
# happened (the audit log and the merges themselves).
dump() {
	PGUSER=postgres psql -X -At -v ON_ERROR_STOP=1 <<'SQL'
SELECT format('SELECT %L || '': '' || t::text FROM kam.%I t ORDER BY t::text;',
              c.relname, c.relname)
  FROM pg_class c
 WHERE c.relnamespace = 'kam'::regnamespace AND c.relkind = 'r'
   AND c.relname NOT IN ('audit_log', 'merge', 'merge_row', 'merge_move',
                         'schema_migration')
 ORDER BY c.relname \gexec
SQL
}

# The kept tables that no merge records, for triggers keep them (0045,
# 0054), against what their rebuild gives from the rows as they are: the
# rows one has and the other has not, nothing when they agree. The
# rebuild is rolled back.
kept_unlike_rebuilt() {
	PGUSER=postgres psql -X -q -At -v ON_ERROR_STOP=1 <<'SQL'
BEGIN;
CREATE TEMP TABLE kept_voc AS SELECT * FROM kam.voc_count;
CREATE TEMP TABLE kept_alarm AS SELECT * FROM kam.cadence_alarm;
SELECT FROM kam.voc_counts_rebuild(), kam.cadence_alarms_rebuild() \g /dev/null
SELECT x FROM (
	(SELECT 'voc_count kept: ' || k::text FROM (TABLE kept_voc EXCEPT ALL
	     TABLE kam.voc_count) k
	 UNION ALL
	 SELECT 'voc_count rebuilt: ' || k::text FROM (TABLE kam.voc_count EXCEPT ALL
	     TABLE kept_voc) k
	 UNION ALL
	 SELECT 'cadence_alarm kept: ' || k::text FROM (TABLE kept_alarm EXCEPT ALL
	     TABLE kam.cadence_alarm) k
	 UNION ALL
	 SELECT 'cadence_alarm rebuilt: ' || k::text FROM (TABLE kam.cadence_alarm
	     EXCEPT ALL TABLE kept_alarm) k
	 UNION ALL
	 SELECT 'portfolio kept: ' || k::text FROM (SELECT p::text FROM kam.portfolio p
	     EXCEPT ALL SELECT c::text FROM kam.portfolio_computed c) k
	 UNION ALL
	 SELECT 'portfolio computed: ' || k::text FROM (SELECT c::text
	     FROM kam.portfolio_computed c EXCEPT ALL SELECT p::text FROM kam.portfolio p) k)) d (x)
 ORDER BY x;
ROLLBACK;
SQL
}

# The loser's rows, table by table: "table count".
loser_rows() {
	q "SELECT 'contact ' || count(*) FROM kam.contact WHERE account_id = $W2
	   UNION ALL SELECT 'condition ' || count(*) FROM kam.special_condition WHERE account_id = $W2
	   UNION ALL SELECT 'service_level ' || count(*) FROM kam.service_level WHERE account_id = $W2
	   UNION ALL SELECT 'plan ' || count(*) FROM kam.account_plan WHERE account_id = $W2
	   UNION ALL SELECT 'interaction ' || count(*) FROM kam.interaction WHERE account_id = $W2
	   UNION ALL SELECT 'ticket ' || count(*) FROM kam.ticket WHERE account_id = $W2
	   UNION ALL SELECT 'goodwill ' || count(*) FROM kam.goodwill WHERE account_id = $W2
	   UNION ALL SELECT 'order ' || count(*) FROM kam.erp_order WHERE account_id = $W2
	   UNION ALL SELECT 'invoice ' || count(*) FROM kam.erp_invoice WHERE account_id = $W2
	   UNION ALL SELECT 'member ' || count(*) FROM kam.team_member WHERE account_id = $W2
	   UNION ALL SELECT 'child ' || count(*) FROM kam.account WHERE parent_id = $W2
	   UNION ALL SELECT 'tombstone ' || count(*) FROM kam.account WHERE merged_into = $W2"
}

all_there="contact 2
condition 1
service_level 1
plan 2
interaction 3
ticket 1
goodwill 1
order 1
invoice 1
member 1
child 1
tombstone 1"

summary="account|2 moved
account_plan|1 moved, 1 changed, 1 folded into the winner's
contact|2 moved
erp_invoice|1 moved
erp_order|1 moved
goodwill|1 moved
interaction|3 moved
plan_action|1 moved
service_level|1 moved
special_condition|1 moved
team_member|1 moved
ticket|1 moved
ticket_pause|1 moved
account.industry|(empty) -> Drives
account.notes|(empty) -> Met at the fair
account.owner_id|OWNER
tombstone|account W2 points to W1
not_duplicate|pair marked"

expected_summary() {
	local anna david
	anna=$(q "SELECT id FROM kam.app_user WHERE role_name = 'anna'")
	david=$(q "SELECT id FROM kam.app_user WHERE role_name = 'david'")
	printf '%s\n' "$summary" | sed -e "s/OWNER/$anna -> $david/" \
	    -e "s/account W2 points to W1/account $W2 points to $W1/"
}

@test "every foreign key to an account or a contact is one the merge handles" {
	run q "SELECT c.conrelid::regclass || '.' || a.attname
	         FROM pg_constraint c
	         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
	        WHERE c.contype = 'f'
	          AND c.confrelid IN ('kam.account'::regclass, 'kam.contact'::regclass)
	        ORDER BY (c.conrelid::regclass || '.' || a.attname) COLLATE \"C\""
	[ "$status" -eq 0 ]
	# account_id of these: merge_account_tables() and the plans and team
	# members by name; cadence_alarm and portfolio_figure are kept by
	# triggers (0045, 0053); merge
	# names its winner; the contact keys follow the accounts' moves and
	# kam.merge_contacts moves them
	[ "$output" = "kam.account.merged_into
kam.account.parent_id
kam.account_plan.account_id
kam.cadence_alarm.account_id
kam.contact.account_id
kam.contact.merged_into
kam.erp_invoice.account_id
kam.erp_order.account_id
kam.goodwill.account_id
kam.interaction.account_id
kam.interaction.contact_id
kam.merge.account_id
kam.portfolio_figure.account_id
kam.service_level.account_id
kam.service_level.escalation_contact_id
kam.special_condition.account_id
kam.team_member.account_id
kam.ticket.account_id
kam.ticket_pause.account_id" ]
}

@test "a dry run shows what would move and changes nothing" {
	dump > "$BATS_TEST_TMPDIR/before"
	run pg_as anna -F '|' -c "SELECT coalesce(merge_id::text, 'none') || '|' || what || '|' || detail
	    FROM kam.merge_accounts($W1, $W2, p_dry_run => true)"
	[ "$status" -eq 0 ]
	[ "$(cut -d'|' -f1 <<<"$output" | sort -u)" = none ]
	[ "$(cut -d'|' -f2- <<<"$output")" = "$(expected_summary)" ]
	dump > "$BATS_TEST_TMPDIR/after"
	diff "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
	[ "$(q "SELECT count(*) FROM kam.merge")" -eq 0 ]
}

@test "a merge moves everything, and its undo restores the whole database" {
	dump > "$BATS_TEST_TMPDIR/before"
	run loser_rows
	[ "$output" = "$all_there" ]
	run pg_as anna -c "SELECT what || '|' || detail FROM kam.merge_accounts($W1, $W2)"
	[ "$status" -eq 0 ]
	[ "$output" = "$(expected_summary)" ]
	run loser_rows
	[ "$output" = "$(sed 's/ [0-9]*$/ 0/' <<<"$all_there")" ]
	[ "$(q "SELECT merged_into || ' ' || status FROM kam.account WHERE id = $W2")" = "$W1 churned" ]
	# the tombstone that pointed at the loser points at the winner
	[ "$(q "SELECT merged_into FROM kam.account WHERE name = 'Weber (alt)'")" = "$W1" ]
	# recorded in the audit log, in anna's name
	[ "$(q "SELECT actor || ' ' || op || ' ' || (new ->> 'loser_id') FROM kam.audit_log
	        WHERE table_name = 'merge'")" = "anna INSERT $W2" ]
	# the rows moved are the merge's: recorded with it, not one by one
	# (0087: by key, in one record, but for the open follow-up that the
	# winner's new owner takes over after the move, kept whole)
	[ "$(q "SELECT cardinality(row_ids) FROM kam.merge_move WHERE table_name = 'interaction'")" -eq 2 ]
	[ "$(q "SELECT string_agg(i.subject, ',') FROM kam.merge_row r
	        JOIN kam.interaction i ON i.id = r.row_id WHERE r.table_name = 'interaction'")" = "Service visit" ]
	[ "$(q "SELECT count(*) FROM kam.audit_log WHERE table_name = 'interaction'
	        AND actor = 'anna' AND op = 'UPDATE'")" -eq 0 ]
	# the pair is no candidate duplicate any more
	[ "$(q "SELECT count(*) FROM kam.not_duplicate WHERE low_id = least($W1, $W2)")" -eq 1 ]
	# the counts and alarms kept by triggers moved with the rows (the
	# winner took the loser's owner: its items' counts are his)
	run kept_unlike_rebuilt
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	id=$(q "SELECT id FROM kam.merge")
	run pg_as anna -c "SELECT count(*) FROM kam.unmerge($id)"
	[ "$status" -eq 0 ]
	dump > "$BATS_TEST_TMPDIR/after"
	diff "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
	run kept_unlike_rebuilt
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$(q "SELECT undone_by FROM kam.merge WHERE id = $id")" = anna ]
	run pg_as anna -c "SELECT count(*) FROM kam.unmerge($id)"
	[ "$status" -ne 0 ]
	[[ "$output" == *"merge $id was undone already"* ]]
}

@test "two plans of one year become one, with both plans' actions" {
	pg_as anna -c "SELECT count(*) FROM kam.merge_accounts($W1, $W2)" >/dev/null
	run q "SELECT p.year || ' ' || coalesce(p.revenue_target::text, '-') || ' '
	           || replace(p.objectives, E'\n\n', ' / ') || ': '
	           || coalesce((SELECT string_agg(a.title, ', ' ORDER BY a.title)
	                          FROM kam.plan_action a WHERE a.plan_id = p.id), '')
	         FROM kam.account_plan p WHERE p.account_id = $W1 ORDER BY p.year"
	[ "$output" = "2025 20000.00 First order: 
2026 50000.00 Retrofit drives / Service contract: Offer retrofit, Offer service contract" ]
	id=$(q "SELECT max(id) FROM kam.merge")
	pg_as anna -c "SELECT count(*) FROM kam.unmerge($id)" >/dev/null
	[ "$(q "SELECT count(*) FROM kam.account_plan WHERE account_id = $W2")" -eq 2 ]
}

@test "an undo is refused when a row the merge moved changed since" {
	pg_as anna -c "SELECT count(*) FROM kam.merge_accounts($W1, $W2)" >/dev/null
	id=$(q "SELECT max(id) FROM kam.merge")
	pg_as anna -c "UPDATE kam.special_condition SET title = 'Rebate 2026'
	    WHERE title = 'Year-end rebate'"
	run pg_as anna -c "SELECT count(*) FROM kam.unmerge($id)"
	[ "$status" -ne 0 ]
	[[ "$output" == *"merge $id cannot be undone: 1 of the rows it changed changed since"* ]]
	pg_as anna -c "UPDATE kam.special_condition SET title = 'Year-end rebate'
	    WHERE title = 'Rebate 2026'"
	run pg_as anna -c "SELECT count(*) FROM kam.unmerge($id)"
	[ "$status" -ne 0 ]
	# the version moved on: still not the row the merge left
	q "UPDATE kam.merge_move SET versions = ARRAY[(SELECT version FROM kam.special_condition
	                                              WHERE title = 'Year-end rebate')],
	          stamps = ARRAY[(SELECT updated_at FROM kam.special_condition
	                          WHERE title = 'Year-end rebate')]
	   WHERE merge_id = $id AND table_name = 'special_condition'" >/dev/null
	pg_as anna -c "SELECT count(*) FROM kam.unmerge($id)" >/dev/null
	[ "$(q "SELECT count(*) FROM kam.special_condition WHERE account_id = $W2")" -eq 1 ]
}

@test "managers merge what they may write; support may not; administrators any" {
	# bo (south) writes W5 but neither W1 nor W2
	run pg_as bo -c "SELECT count(*) FROM kam.merge_accounts($W1, $W2)"
	[ "$status" -ne 0 ]
	[[ "$output" == *"bo may not write both accounts, so may not merge them"* ]]
	# anna writes W1 and W2 (team north), not W5
	run pg_as anna -c "SELECT count(*) FROM kam.merge_accounts($W1, $W5, p_dry_run => true)"
	[ "$status" -ne 0 ]
	[[ "$output" == *"anna may not write both accounts"* ]]
	run pg_as sam -c "SELECT count(*) FROM kam.merge_accounts($W1, $W2, p_dry_run => true)"
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied for function merge_accounts"* ]]
	run pg_as kamadmin -c "SELECT count(*) FROM kam.merge_accounts($W1, $W5, p_dry_run => true)"
	[ "$status" -eq 0 ]
	# nobody writes the record by hand, nor reads the rows but administrators
	run pg_as anna -c "DELETE FROM kam.merge"
	[ "$status" -ne 0 ]
	run pg_as anna -c "SELECT count(*) FROM kam.merge_row"
	[ "$status" -ne 0 ]
	# and the undo: bo may not undo anna's merge
	pg_as anna -c "SELECT count(*) FROM kam.merge_accounts($W1, $W2)" >/dev/null
	id=$(q "SELECT max(id) FROM kam.merge")
	run pg_as bo -c "SELECT count(*) FROM kam.unmerge($id)"
	[ "$status" -ne 0 ]
	[[ "$output" == *"bo may not write both accounts, so may not unmerge them"* ]]
	pg_as anna -c "SELECT count(*) FROM kam.unmerge($id)" >/dev/null
}

@test "a merge names a loser merged already, itself, or an unknown account: refused" {
	run pg_as anna -c "SELECT count(*) FROM kam.merge_accounts($W1, $W1)"
	[[ "$output" == *"cannot be merged into itself"* ]]
	alt=$(q "SELECT id FROM kam.account WHERE name = 'Weber (alt)'")
	run pg_as anna -c "SELECT count(*) FROM kam.merge_accounts($W1, $alt)"
	[[ "$output" == *"account $alt was merged into $W2 already"* ]]
	run pg_as anna -c "SELECT count(*) FROM kam.merge_accounts($W1, 999999)"
	[[ "$output" == *"no account 999999"* ]]
	run pg_as anna -c "SELECT count(*) FROM kam.merge_accounts($W1, $W2, '{erp_id}')"
	[[ "$output" == *'cannot take "erp_id" from the loser'* ]]
}

@test "the fields: the default rule, and a choice of one's own" {
	run pg_as anna -F '|' -c "SELECT field, coalesce(winner_value, ''), coalesce(loser_value, ''),
	    take_loser FROM kam.merge_account_fields($W1, $W2) WHERE field IN
	    ('name', 'legal_name', 'industry', 'notes', 'tier')"
	[ "$output" = "name|Weber Antriebe GmbH|Weber Antriebe|f
legal_name|Weber Antriebe GmbH||f
tier|key|key|f
industry||Drives|t
notes||Met at the fair|t" ]
	pg_as anna -c "SELECT count(*) FROM kam.merge_accounts($W1, $W2, '{name}')" >/dev/null
	[ "$(q "SELECT name || '|' || coalesce(industry, '') FROM kam.account WHERE id = $W1")" = "Weber Antriebe|" ]
	id=$(q "SELECT max(id) FROM kam.merge")
	pg_as anna -c "SELECT count(*) FROM kam.unmerge($id)" >/dev/null
	[ "$(q "SELECT name FROM kam.account WHERE id = $W1")" = "Weber Antriebe GmbH" ]
}

@test "contacts merge the same way, and the undo restores them" {
	pg_as anna -c "SELECT count(*) FROM kam.merge_accounts($W1, $W2)" >/dev/null
	dump > "$BATS_TEST_TMPDIR/before"
	p1=$(q "SELECT id FROM kam.contact WHERE erp_id = 'P1'")
	p2=$(q "SELECT id FROM kam.contact WHERE erp_id = 'P2'")
	tom=$(q "SELECT id FROM kam.contact WHERE name = 'Tom Kraus'")
	run pg_as anna -c "SELECT what || '|' || detail FROM kam.merge_contacts($p1, $tom)"
	[ "$status" -eq 0 ]
	[ "$output" = "interaction|1 moved
service_level|1 moved
contact.email|jana@weber.example.de -> tom@weber.example.de
contact.name|Jana Weber -> Tom Kraus
tombstone|contact $tom points to $p1
not_duplicate|pair marked" ] || [ "$output" = "interaction|1 moved
service_level|1 moved
tombstone|contact $tom points to $p1
not_duplicate|pair marked" ]
	[ "$(q "SELECT active::text || merged_into FROM kam.contact WHERE id = $tom")" = "false$p1" ]
	[ "$(q "SELECT escalation_contact_id FROM kam.service_level WHERE name = 'Gold'")" = "$p1" ]
	id=$(q "SELECT max(id) FROM kam.merge")
	pg_as anna -c "SELECT count(*) FROM kam.unmerge($id)" >/dev/null
	dump > "$BATS_TEST_TMPDIR/after"
	diff "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
	# contacts of two accounts: merge the accounts first
	desk=$(q "SELECT c.id FROM kam.contact c JOIN kam.account a ON a.id = c.account_id
	          WHERE a.erp_id = 'C1' AND c.name = 'Front desk'")
	run pg_as anna -c "SELECT count(*) FROM kam.merge_contacts($p1, $desk)"
	[[ "$output" == *"work for different accounts"* ]]
	id=$(q "SELECT min(id) FROM kam.merge WHERE undone_at IS NULL")
	pg_as anna -c "SELECT count(*) FROM kam.unmerge($id)" >/dev/null
}

# Migration 0065: the merge turns its triggers off with a setting local to
# its transaction, not ALTER TABLE (whose lock held every writer of the
# tables off until the merge committed). A merge held open, a writer of
# another account's history, ticket and contact goes through at once (a
# lock_timeout would fail it), and the merge and its undo still round-trip.
@test "a merge under way blocks no writer of other accounts" {
	local before pid
	before=$(dump)
	PGUSER=anna psql -X -q -At -v ON_ERROR_STOP=1 -c "BEGIN" \
	    -c "SELECT count(*) FROM kam.merge_accounts($W1, $W2)" \
	    -c "SELECT pg_sleep(30)" -c "ROLLBACK" >/dev/null 2>&1 &
	pid=$!
	# until the merge is done and the transaction waits
	for i in $(seq 100); do
		[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE usename = 'anna'
		    AND query = 'SELECT pg_sleep(30)'")" = 1 ] && break
		sleep 0.1
	done
	[ "$(q "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
	    WHERE c.relname = 'interaction' AND l.mode = 'ShareRowExclusiveLock'")" = 0 ]
	run pg_as bo -c "SET lock_timeout = '2s'" -c "INSERT INTO kam.interaction
	    (account_id, channel, subject) VALUES ($W5, 'call', 'Written during a merge')"
	kill "$pid"
	wait "$pid" || true
	[ "$status" -eq 0 ]
	# a login that sets the merge's setting itself skips nothing: the
	# audit log has its entry
	pg_as bo -c "BEGIN" -c "SELECT set_config('kam.merging', 'merge', true)" \
	    -c "UPDATE kam.interaction SET subject = 'Set by hand' WHERE subject = 'Written during a merge'" \
	    -c "COMMIT" >/dev/null
	[ "$(q "SELECT count(*) FROM kam.audit_log WHERE table_name = 'interaction'
	    AND new ->> 'subject' = 'Set by hand'")" = 1 ]
	q "DELETE FROM kam.interaction WHERE subject = 'Set by hand'" >/dev/null
	[ "$(dump)" = "$before" ]
}

# Migration 0087: the rows an account merge moves are recorded by key, with
# the fields the move changed, and their stamps (updated_at, version) tell
# a change since. A second merge moved the same rows on; undone first, it
# puts their stamps back, and the first merge's undo goes through: both
# undone, the database is as it was.
@test "two merges undone the other way round restore the whole database" {
	local before first second w3
	before=$(dump)
	w3=$(q "SELECT id FROM kam.account WHERE erp_id = 'W3'")
	pg_as anna -c "SELECT count(*) FROM kam.merge_accounts($W1, $W2)" >/dev/null
	first=$(q "SELECT max(id) FROM kam.merge")
	pg_as anna -c "SELECT count(*) FROM kam.merge_accounts($w3, $W1)" >/dev/null
	second=$(q "SELECT max(id) FROM kam.merge")
	[ "$(q "SELECT count(*) FROM kam.interaction WHERE account_id = $w3")" -eq 4 ]
	run pg_as anna -c "SELECT count(*) FROM kam.unmerge($first)"
	[ "$status" -ne 0 ]
	[[ "$output" == *"merge $first cannot be undone"* ]]
	pg_as anna -c "SELECT count(*) FROM kam.unmerge($second)" >/dev/null
	pg_as anna -c "SELECT count(*) FROM kam.unmerge($first)" >/dev/null
	[ "$(dump)" = "$before" ]
}

@test "an undo is refused when an entry the merge moved is gone since" {
	run env PGUSER=postgres psql -X -q -At -v ON_ERROR_STOP=1 <<SQL
BEGIN;
SELECT count(*) FROM kam.merge_accounts($W1, $W2) \g /dev/null
DELETE FROM kam.interaction WHERE subject = 'Late delivery';
SELECT count(*) FROM kam.unmerge((SELECT max(id) FROM kam.merge));
ROLLBACK;
SQL
	[ "$status" -ne 0 ]
	[[ "$output" == *"cannot be undone: 1 of the rows it changed changed since"* ]]
}

# A row recorded by key that the merge writes again after moving it (here
# a trigger of the test's own on the tombstone) would keep that write on
# undo: the merge refuses rather than record what it cannot undo.
@test "a merge that writes a row again after moving it is refused" {
	run env PGUSER=postgres psql -X -q -At -v ON_ERROR_STOP=1 <<SQL
BEGIN;
CREATE FUNCTION public.merge_test_rewrite() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
	UPDATE kam.interaction SET subject = subject || ' (seen)'
	 WHERE account_id = NEW.merged_into;
	RETURN NULL;
END
\$\$;
CREATE TRIGGER merge_test_rewrite AFTER UPDATE OF merged_into ON kam.account
	FOR EACH ROW WHEN (OLD.merged_into IS NULL AND NEW.merged_into IS NOT NULL)
	EXECUTE FUNCTION public.merge_test_rewrite();
SELECT count(*) FROM kam.merge_accounts($W1, $W2);
ROLLBACK;
SQL
	[ "$status" -ne 0 ]
	[[ "$output" == *"wrote rows again after moving them"* ]]
	[ "$(q "SELECT count(*) FROM kam.merge")" = "$(q "SELECT count(*) FROM kam.merge WHERE undone_at IS NOT NULL")" ]
}
