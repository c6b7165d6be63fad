#!/usr/bin/env bats
# The cloud (V, :voc) in a real terminal: topics with their counts and
# markers (+ ~ !) in colour, in mono and under NO_COLOR, at 80x24 (the
# open items below) and 120x40 (beside); Enter on a topic lists its
# entries with their accounts, Enter on an entry opens it on its account;
# a new entry shows without a key; kam --voc --watch on a wall reads again
# by itself and q ends it.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	screen_db_start
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.topic (name, status) VALUES ('Delivery', 'curated'), ('Price', 'curated'),
	('Service', 'curated'), ('品質 Qualität', 'curated'), ('Invoices', 'curated'),
	('Portal', 'curated');
INSERT INTO kam.interaction (account_id, channel, subject, author_id, feedback, occurred_at, topic_ids)
SELECT a.id, 'call', f.subject, a.owner_id, f.kind, now() - f.ago::interval,
       ARRAY(SELECT t.id FROM kam.topic t WHERE t.name = ANY (f.topics::text[]))
  FROM (VALUES
	('C1', 'Late truck', 'complaint', '3 hours', '{Delivery}'),
	('C1', 'Late again', 'complaint', '10 days', '{Delivery,Price}'),
	('C1', 'Pallets broken', 'complaint', '12 days', '{Delivery}'),
	('C1', 'Fast delivery', 'compliment', '5 days', '{Delivery}'),
	('C1', 'Price list online', 'idea', '2 days', '{Price}'),
	('C1', 'Order portal', 'idea', '4 days', '{Portal}'),
	('C4', 'Kind hotline', 'compliment', '1 day', '{Service,品質 Qualität}'),
	('C4', 'Quality praised', 'compliment', '6 days', '{品質 Qualität}'),
	('C4', 'Old praise', 'compliment', '200 days', '{Service}'))
       AS f (erp, subject, kind, ago, topics)
  JOIN kam.account a ON a.erp_id = f.erp;
-- C1's complaints are overdue: their first answer was due an hour after
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

# A server started here outlives the test: it must not hold bats' pipes.
db_start() {
	no_inherited_fds pgc_start "$PG_TEST_DIR"
}

teardown() {
	screen_stop
	db_start
}

open_cloud() {
	screen_start "$@"
	screen_keys V
	screen_wait "Delivery"
	screen_wait "Open items"
}

# sgr_of TEXT: the SGR parameters in force where TEXT starts on the
# screen, as ";1;31;" (tmux writes only what changes from one cell to
# the next, and this is the first cell of TEXT after a change)
sgr_of() {
	tm capture-pane -p -e | grep -oE $'(\e\\[[0-9;]*m)+[^\e]*'"$1" | head -n 1 |
	    grep -oE '^('$'\e''\[[0-9;]*m)+' | tr -d $'\e[' | tr 'm' ';' | sed 's/^/;/'
}

@test "V: the topics with their counts and markers, in colour, the open items below at 80x24" {
	open_cloud
	screen_text | grep -qF "! Delivery 4"
	screen_text | grep -qF "~ Portal 1"
	# the word after a CJK one starts two columns after its display width
	screen_text | grep -qF "+ 品質 Qualität 2  ~ Portal 1"
	screen_text | grep -qF "+ Service 1"
	# 90 days by default: the old praise is not counted
	! screen_text | grep -qF "+ Service 2"
	# the open items below the cloud, overdue marked, first due first
	[ "$(screen_text | grep -n "Open items" | cut -d: -f1)" -gt "$(screen_text | grep -n "Delivery 4" | cut -d: -f1)" ]
	screen_text | grep -qE "overdue +Nordwind"
	# the cursor to the list: no word is selected
	screen_keys Tab
	# the entries without a topic, raised most, bold; Delivery, a tenth of
	# them, faint; both in the complaint's colour (red), Service green
	[[ "$(sgr_of '! \(no topic\)')" == *";1;"* ]]
	[[ "$(sgr_of '! \(no topic\)')" == *";31;"* ]]
	[[ "$(sgr_of '! Delivery 4')" == *";2;"* ]]
	[[ "$(sgr_of '! Delivery 4')" == *";31;"* ]]
	[[ "$(sgr_of '+ Service 1')" == *";32;"* ]]
	# a tie of a complaint and an idea is a complaint
	screen_text | grep -qF "! Price 2"
	# the idea in orange (208 in 256 colours), the praise in green
	[[ "$(sgr_of '~ Portal 1')" == *";38;5;208;"* ]]
}

@test "mono and NO_COLOR: no colour, the markers tell the tones apart" {
	local sgr
	for how in "-- --theme mono" NO_COLOR=1; do
		open_cloud $how
		screen_text | grep -qF "! Delivery 4"
		screen_text | grep -qF "~ Portal 1"
		screen_text | grep -qF "+ Service 1"
		sgr=$(tm capture-pane -p -e | grep -oE $'\e\\[[0-9;]*m' | tr -d $'\e[m' | tr ';' '\n' | sort -u)
		! grep -qE '^(3[0-7]|38|9[0-7])$' <<<"$sgr"
		screen_stop
	done
}

@test "at 120x40 the open items stand beside the cloud; wide names line up" {
	SCREEN_COLS=120 SCREEN_ROWS=40 open_cloud
	local line
	line=$(screen_text | grep -F "Topics:")
	[[ "$line" == *"Open items, first due first"* ]]
	screen_text | grep -F "! Delivery 4" | grep -qF "Due"
	# the list starts in the same display column on every line, the
	# line of the CJK topic too: its width is counted as the terminal does
	screen_text | "$PYTHON3" -c '
import sys, unicodedata as u
def cells(l):
    out = []
    for c in l:
        out.append(c)
        if u.east_asian_width(c) in "WF":
            out.append("")
    return out
lines = sys.stdin.read().split("\n")[1:-2]
x = "".join(cells(lines[0])).index("Open items")
cjk = [l for l in lines if "品質" in l]
assert cjk, "no CJK topic"
for l in cjk + lines[1:4]:
    c = cells(l)
    assert c[x - 1] == " " and c[x] != " ", (x, l)
    assert "".join(c[x:]).startswith(("Due", "20")), l
'
}

@test "Enter on a topic lists its entries and accounts; Enter on an entry opens it on its account" {
	open_cloud
	# the entries without a topic (the screen data's) come first
	screen_text | grep -qE "! \(no topic\) [0-9]+ +! Delivery 4"
	screen_keys l Enter
	screen_wait "Feedback on Delivery"
	screen_text | grep -F "Late truck" | grep -qF "Nordwind"
	screen_text | grep -qF "Fast deli"
	! screen_text | grep -qF "Price list online"
	# the entry in full, in front of its account's Feedback tab
	screen_keys Enter
	screen_wait "Feedback     complaint"
	screen_text | head -n 1 | grep -qF "Late truck"
	screen_keys q
	screen_wait "Nordwind GmbH"
	screen_wait "Feedback"
	screen_text | grep -qF "Late truck"
	screen_keys q
	screen_wait "Feedback on Delivery"
	screen_keys q
	screen_wait "! Delivery 4"
	# :voc all counts the old praise too; m moves to my accounts
	screen_keys :; screen_type "voc all"; screen_keys Enter
	screen_wait "+ Service 2"
	screen_wait "all time"
}

@test "live: a new entry shows in the cloud without a key" {
	open_cloud
	psql -X -q -c "INSERT INTO kam.interaction (account_id, channel, subject, author_id, feedback, topic_ids)
	    SELECT a.id, 'call', 'Wrong invoice', a.owner_id, 'complaint',
	           ARRAY(SELECT id FROM kam.topic WHERE name = 'Invoices')
	      FROM kam.account a WHERE a.erp_id = 'C1'"
	screen_wait "! Invoices 1"
	psql -X -q -c "DELETE FROM kam.interaction WHERE subject = 'Wrong invoice'" || true
}

@test "kam --voc --watch: the cloud alone, read again by itself, q ends it" {
	screen_start -- --voc --watch
	screen_wait "! Delivery 4"
	# keys change nothing on a wall
	screen_keys j Enter
	! screen_text | grep -qF "Feedback on"
	psql -X -q -c "INSERT INTO kam.interaction (account_id, channel, subject, author_id, feedback, topic_ids)
	    SELECT a.id, 'call', 'Great price', a.owner_id, 'compliment',
	           ARRAY(SELECT id FROM kam.topic WHERE name = 'Price')
	      FROM kam.account a WHERE a.erp_id = 'C1'"
	screen_wait "Price 3"
	tm send-keys q
	screen_wait KAM-EXITED
	[ "$(cat "$SCREEN_EXIT")" = 0 ]
	psql -X -q -c "DELETE FROM kam.interaction WHERE subject = 'Great price'" || true
}

@test "kam --voc --watch: a lost database shows, and the wall heals by itself" {
	pg_test_direct_only "PgBouncer keeps kam's connection across a server restart"
	screen_start -- --voc --watch
	screen_wait "! Delivery 4"
	pgc_stop "$PG_TEST_DIR" fast
	screen_wait "db LOST"
	# the cloud stays while the database is away
	screen_text | grep -qF "! Delivery 4"
	sleep 1
	db_start
	screen_wait "db ok" 20
	psql -X -q -c "INSERT INTO kam.interaction (account_id, channel, subject, author_id, feedback, topic_ids)
	    SELECT a.id, 'call', 'Portal down', a.owner_id, 'complaint',
	           ARRAY(SELECT id FROM kam.topic WHERE name = 'Portal')
	      FROM kam.account a WHERE a.erp_id = 'C1'"
	screen_wait "Portal 2" 40
	psql -X -q -c "DELETE FROM kam.interaction WHERE subject = 'Portal down'" || true
}

@test "Enter on an open item beside the cloud shows it in full, on its account's Feedback tab with the cursor on it" {
	local first row
	first=$(psql -X -At -c "SELECT id FROM kam.voc_open(now() - interval '90 days', NULL, false, 1)")
	row=$(psql -X -At -c "SELECT count(*) FROM kam.interaction i
	    WHERE i.account_id = (SELECT account_id FROM kam.interaction WHERE id = $first)
	      AND i.feedback <> 'none'
	      AND (i.occurred_at, i.id) >= (SELECT occurred_at, id FROM kam.interaction WHERE id = $first)")
	open_cloud
	# first due first
	screen_keys Tab Enter
	screen_wait "Feedback     complaint"
	screen_text | head -n 1 | grep -qF "$(psql -X -At -c "SELECT subject FROM kam.interaction WHERE id = $first")"
	screen_keys q
	screen_wait "Nordwind GmbH"
	# the Feedback tab, its cursor on the entry's row, not on the first
	[ "$row" -gt 1 ]
	screen_wait "Feedback: row $row of"
	screen_keys q
	screen_wait "Open items"
}

# overdue_marks: how many items the screen marks overdue
overdue_marks() {
	screen_text | grep -c overdue
}

@test "kam --voc --watch: an item that falls overdue is marked by the clock alone, no key, no change" {
	local before
	# C1's Platinum answers within the hour: due 20 seconds from now, time
	# enough for the wall to paint it not yet overdue on a busy machine
	psql -X -q -c "INSERT INTO kam.interaction (account_id, channel, subject, author_id, feedback, occurred_at)
	    SELECT a.id, 'call', 'Due soon', a.owner_id, 'complaint', now() - interval '1 hour' + interval '20 seconds'
	      FROM kam.account a WHERE a.erp_id = 'C1'"
	SCREEN_COLS=120 SCREEN_ROWS=40
	screen_start -- --voc --watch
	screen_wait "Open items"
	screen_wait overdue
	before=$(overdue_marks)
	# the count above was read while the item was still due: a start slower
	# than its 20 seconds would prove nothing, and says so
	[ "$(psql -X -Atc "SELECT bool_and(due > now()) FROM kam.voc_open(NULL,
	    NULL, false, 100) WHERE subject = 'Due soon'")" = t ] || {
		echo "the wall took longer to paint than the item had left" >&2
		false
	}
	# no key and no commit from here: the wall's own timer reads it again
	screen_until 40 eval '[ "$(overdue_marks)" -gt "$before" ]' || {
		screen_text >&2
		psql -X -c "SELECT subject, due, overdue, now() FROM kam.voc_open(NULL,
		    NULL, false, 100) WHERE due > now() - interval '5 minutes'" >&2
		false
	}
	grep -q ' wake voc$' "$SCREEN_TRACE"
	! grep -q ' key ' "$SCREEN_TRACE"
	psql -X -q -c "DELETE FROM kam.interaction WHERE subject = 'Due soon'" || true
}

# overview_voice ACCOUNT [ARGS]: the Overview of ACCOUNT with its Voice
# line in view
overview_voice() {
	local account=$1
	shift
	screen_open_account "$account" "" "$@"
	screen_keys G
	screen_wait "Voice"
}

@test "the Overview's Voice: the account's topics in one line as the cloud shows them, at 80x24 and 120x40" {
	local line size
	for size in "80 24" "120 40"; do
		SCREEN_COLS=${size% *} SCREEN_ROWS=${size#* } overview_voice "müller"
		line=$(screen_text | grep -F "Voice")
		# most raised first; the old praise (200 days) is not counted; the
		# word after the CJK one two columns after its display width
		[[ "$line" == *"Voice"*"+ 品質 Qualität 2  + Service 1"* ]]
		[[ "$(sgr_of '\+ 品質 Qualität 2')" == *";32;"* ]]
		screen_stop
	done
	# a complaint in red, beside the open complaints; the earlier tests'
	# entries make Nordwind's line longer than 80 columns: cut with an
	# ellipsis
	overview_voice "nordwind"
	screen_text | grep -qF "Open complaints"
	line=$(screen_text | grep -F "Voice")
	[[ "$line" == *"Voice"*"! Delivery 4  ! Price "*"…" ]]
	[[ "$(sgr_of '! Delivery 4')" == *";31;"* ]]
}

@test "the Overview's Voice under NO_COLOR: the markers tell the tones apart; a wide name cut with an ellipsis" {
	local sgr line
	overview_voice "nordwind" NO_COLOR=1
	screen_text | grep -F "Voice" | grep -qF "! Delivery 4  ! Price "
	sgr=$(tm capture-pane -p -e | grep -oE $'\e\\[[0-9;]*m' | tr -d $'\e[m' | tr ';' '\n' | sort -u)
	! grep -qE '^(3[0-7]|38|9[0-7])$' <<<"$sgr"
	screen_stop
	screen_sql "INSERT INTO kam.topic (name, status) VALUES ('一二三四五六七八九十一二三四五六七八九十', 'curated')"
	screen_sql "INSERT INTO kam.interaction (account_id, channel, subject, author_id, feedback, topic_ids)
	    SELECT a.id, 'call', 'Long topic', a.owner_id, 'idea',
	           ARRAY(SELECT id FROM kam.topic WHERE name LIKE '一二三%')
	      FROM kam.account a WHERE a.erp_id = 'C4'"
	overview_voice "müller"
	line=$(screen_text | grep -F "Voice")
	[[ "$line" == *"+ 品質 Qualität 2  + Service 1  ~ 一二三"*"…" ]]
	# an idea in orange (208 in 256 colours)
	[[ "$(sgr_of '~ 一二三')" == *";38;5;208;"* ]]
	# cut to the screen's 80 columns, counted as the terminal does
	"$PYTHON3" -c '
import sys, unicodedata as u
l = sys.argv[1]
w = sum(2 if u.east_asian_width(c) in "WF" else 1 for c in l)
assert w <= 80, w' "$line"
	screen_sql "DELETE FROM kam.interaction WHERE subject = 'Long topic'"
	screen_sql "DELETE FROM kam.topic WHERE name LIKE '一二三%'"
}
