#!/usr/bin/env bats
# The announcement (R on a topic of the cloud) in a real terminal, at
# 80x24 and 120x40: the dry run's figures when it opens, the items not
# the user's to answer listed; Esc writes nothing and keeps the message
# for the next time; Ctrl-S asks, n sends nothing, y answers the items
# in one go and writes the contacts told as CSV under $XDG_DATA_HOME.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	screen_db_start
	# anna may answer on C1 (hers) and C3 (david's, her team), not on C2
	# (bo's, south), which she reads; C2 and C3 have the fixture's front
	# desk
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.contact (account_id, name, email)
SELECT a.id, c.name, c.email FROM kam.account a, (VALUES
	('C1', '=HYPERLINK("x")', 'sum@c1.example.com'),
	('C1', 'Jana Novak', 'jana@c1.example.com')) c (erp, name, email)
 WHERE a.erp_id = c.erp;
INSERT INTO kam.topic (name, status) VALUES ('Delivery', 'curated');
INSERT INTO kam.interaction (account_id, contact_id, channel, subject, author_id,
    feedback, occurred_at, topic_ids)
SELECT a.id, c.id, 'call', f.subject, a.owner_id, f.kind, now() - f.ago::interval,
       ARRAY(SELECT id FROM kam.topic WHERE name = 'Delivery')
  FROM (VALUES
	('C1', 'sum@c1.example.com', 'Late truck', 'complaint', '2 days'),
	('C1', 'jana@c1.example.com', 'Track and trace', 'idea', '3 days'),
	('C3', 'desk@c3.example.com', 'Wrong address', 'complaint', '4 days'),
	('C2', 'desk@c2.example.com', 'Pallets broken', 'complaint', '1 day'))
       AS f (erp, email, subject, kind, ago)
  JOIN kam.account a ON a.erp_id = f.erp
  JOIN kam.contact c ON c.account_id = a.id AND c.email = f.email;
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

answered() {
	q "SELECT count(*) FROM kam.interaction WHERE loop_state = 'answered'"
}

# open_announcement [ENV=VALUE ...]: the cloud, R on Delivery (the word
# after the entries without a topic, which the screen data has more of).
open_announcement() {
	screen_start "$@"
	screen_keys V
	screen_wait "Delivery"
	screen_keys l R
	screen_wait "Announcement: Delivery"
	screen_wait "Would answer"
}

dry_run_shown() {
	screen_wait "Would answer 3 items on 2 accounts (3 contacts with an e-mail address)."
	screen_wait "1 item not yours to answer, left alone:"
	screen_line "Pallets broken" | grep -qF "Åhléns AB"
	screen_wait "Message:"
	screen_text | grep -qE "[^ ]+ send"
}

@test "R on a topic: the dry run's figures and the items left alone, at 80x24 and 120x40" {
	local audit
	audit=$(q "SELECT count(*) FROM kam.audit_log")
	open_announcement
	dry_run_shown
	screen_resize 120 40
	dry_run_shown
	[ "$(answered)" = 0 ]
	[ "$(q "SELECT count(*) FROM kam.audit_log")" = "$audit" ]
}

@test "R on the entries without a topic says why not" {
	screen_start
	screen_keys V
	screen_wait "Delivery"
	screen_keys R
	screen_wait "Entries without a topic cannot be announced to"
	! on_screen "Announcement:"
}

@test "Esc writes nothing and keeps the message for the next time" {
	local audit
	audit=$(q "SELECT count(*) FROM kam.audit_log")
	open_announcement
	screen_type "We changed carriers."
	screen_keys Escape
	screen_wait "Nothing was sent. The message is kept"
	screen_wait "Topics:"
	[ "$(answered)" = 0 ]
	[ "$(q "SELECT count(*) FROM kam.audit_log")" = "$audit" ]
	[ ! -e "$BATS_TEST_TMPDIR/data/kam/announcements" ] ||
	    [ -z "$(ls -A "$BATS_TEST_TMPDIR/data/kam/announcements")" ]
	# a new kam: the message is back
	screen_stop
	open_announcement
	screen_wait "The message you left unsent is back."
	screen_wait "We changed carriers."
}

@test "Ctrl-S asks; n sends nothing; y answers the items and writes the contacts as CSV" {
	local csv
	open_announcement
	# an empty message is refused
	screen_keys C-s
	screen_wait "Write the message first."
	screen_type "We changed carriers: next-day delivery from Monday."
	screen_keys C-s
	screen_wait "Answer 3 items on 2 accounts with this message? (y/n)"
	screen_keys n
	screen_wait "Not sent."
	[ "$(answered)" = 0 ]
	screen_keys C-s
	screen_wait "(y/n)"
	screen_keys y
	screen_wait "Answered 3 items on 2 accounts"
	screen_wait "1 item not yours left alone."
	screen_wait "Topics:"
	[ "$(answered)" = 3 ]
	[ "$(q "SELECT count(*), min(body) FROM kam.interaction
	    WHERE subject = 'Announcement: Delivery'")" = \
	    "2|We changed carriers: next-day delivery from Monday." ]
	[ "$(q "SELECT loop_state FROM kam.interaction WHERE subject = 'Pallets broken'")" = new ]
	csv=$(ls "$BATS_TEST_TMPDIR"/data/kam/announcements/announcement-Delivery-*.csv)
	# the bottom line names it (wrapped where the screen ends)
	screen_text | tr -d " \n" | grep -qF "$csv"
	[ "$(head -1 "$csv")" = "name,email,account" ]
	[ "$(wc -l <"$csv")" -eq 4 ]
	grep -qxF "\"'=HYPERLINK(\"\"x\"\")\",sum@c1.example.com,Nordwind GmbH" "$csv"
	grep -qxF "Front desk,desk@c3.example.com,Davids Werkstatt" "$csv"
	! grep -qF "desk@c2" "$csv"
	# the draft went with the message
	[ -z "$(ls "$BATS_TEST_TMPDIR"/state/kam/drafts/announcement-* 2>/dev/null)" ]
}
