#!/usr/bin/env bats
# The loop's measures on the cloud (M): in the open items' place at 80x24
# (below the cloud) and 120x40 (beside it), the figures of
# kam.voc_measures as computed by hand for the data below; M again brings
# the open items back.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	screen_db_start
	# anna's C1, complaints due an hour after they were raised: one answered
	# in 30 minutes, one overdue and open; an idea adopted after 2 days
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.topic (name, status) VALUES ('Delivery', 'curated');
INSERT INTO kam.interaction (account_id, channel, direction, subject, author_id, occurred_at)
SELECT id, 'email', 'outbound', 'the answer', owner_id, now() FROM kam.account WHERE erp_id = 'C1';
INSERT INTO kam.interaction (account_id, channel, subject, author_id, feedback,
    loop_state, occurred_at, acknowledged_at, answered_at, answer_id, topic_ids)
SELECT a.id, 'call', f.s, a.owner_id, f.kind, f.state, now() - f.ago * interval '1 hour',
       now() - f.ago * interval '1 hour' + f.ack * interval '1 minute',
       now() - f.ago * interval '1 hour' + f.ans * interval '1 minute',
       CASE WHEN f.ans IS NOT NULL THEN (SELECT id FROM kam.interaction
            WHERE subject = 'the answer') END,
       ARRAY(SELECT id FROM kam.topic)
  FROM kam.account a, (VALUES
	('Late truck', 'complaint', 'answered', 50, 10, 30),
	('Late again', 'complaint', 'new', 30, NULL, NULL),
	('Track and trace', 'idea', 'adopted', 100, 20, 2880))
       AS f (s, kind, state, ago, ack, ans)
 WHERE a.erp_id = 'C1';
UPDATE kam.interaction SET answer_due_at = occurred_at + interval '1 hour'
 WHERE feedback = 'complaint' AND topic_ids <> '{}';
SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	screen_db_stop
}

setup() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	export PGUSER=anna
}

teardown() {
	screen_stop
}

# The figures are kam --voc -f json's for the same period and reach
# (the screen data's own feedback besides the items above); the medians
# and the adoption by hand: reacted to after 10 and 20 min (15), answered
# after 30 min and 2 days (1 d 0 h 15 min), one idea adopted.
measures_ok() {
	local want
	want=$("$KAM" --voc -f json | "$PYTHON3" -c '
import json, sys
d = json.load(sys.stdin); m = d["measures"]
print("Compliments +%d$" % d["compliments"])
print("Ideas +%d$" % d["ideas"])
print("Complaints +%d$" % d["complaints"])
print(r"Open \(overdue\) +%d \(%d\)$" % (d["open"], d["overdue"]))
print(r"Answered in time +%d %% \(%d of %d\)$" % (round(100 * m["in_time_share"]),
      m["answered_in_time"], m["due"]))')
	while read -r re; do
		screen_text | sed 's/ *$//' | grep -qE "$re" || { echo "no $re" >&2; return 1; }
	done <<<"$want"
	screen_text | grep -qE "Median to acknowledge +0 h 15 min"
	screen_text | grep -qE "Median to answer +1 d 0 h"
	screen_text | grep -qE "Ideas adopted +1"
}

@test "M at 80x24: the measures below the cloud, M again the open items" {
	screen_start
	screen_keys V
	screen_wait "Open items, first due first"
	screen_keys M
	screen_wait "Measures of the loop"
	measures_ok
	screen_text | grep -qF "! Delivery 3"
	! screen_text | grep -qF "Open items, first due first"
	screen_keys M
	screen_wait "Open items, first due first"
	screen_text | grep -qE "^Due +Mark"
}

@test "M at 120x40: the measures beside the cloud" {
	SCREEN_COLS=120 SCREEN_ROWS=40 screen_start
	screen_keys V
	screen_wait "Open items, first due first"
	screen_keys M
	screen_wait "Measures of the loop"
	screen_text | grep -F "Topics:" | grep -qF "Measures of the loop"
	measures_ok
}
