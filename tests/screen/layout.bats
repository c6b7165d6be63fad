#!/usr/bin/env bats
# Every screen and form at 80x24 and at 120x40 (issue 12, item 11; issue
# 11: the screen tests pass at both sizes): no identifier of the data is
# cut, no two columns touch (kam's --trace says where it put them, the
# captured screen shows what is there), and the status line's key hints
# never run into its fields. Data: tests/screen/layout.sql.
load hooks

setup_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	screen_db_start
	psql -X -q -v ON_ERROR_STOP=1 -f "$KAM_SRCDIR/tests/screen/layout.sql"
}

ERP=KUNDE-0000471108
VAT=DE813471108150
ORDERS=(1000039217 1000039227 1000039237)
INVOICES=(RE-2026-900003921 RE-2026-900003922)
MAIL=m.oberhuber-schwarzenberg@layout-probe.example.com
MAIL2=yamada.taro@layout-probe.example.com

# layout_ok ID...: the screen as it is now passes tests/screen/layout.py.
layout_ok() {
	screen_text | "$PYTHON3" "$KAM_SRCDIR/tests/screen/layout.py" \
	    "$SCREEN_TRACE" "${PGUSER:-anna}" "$@" && return 0
	screen_text >&2
	return 1
}

# both_sizes [ID...]: the screen passes at 80x24, then resized to 120x40.
both_sizes() {
	[ "$(tm display-message -p '#{window_width}x#{window_height}')" = 80x24 ]
	layout_ok "$@"
	screen_resize 120 40
	layout_ok "$@"
}

# open_probe [TAB]: kam at 80x24 on the probe account, on tab TAB.
open_probe() {
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_open_account "layout probe" "${1:-}"
}

@test "the list" {
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys /
	screen_type "layout probe"
	screen_keys Enter
	layout_ok
	# the columns to the right, scrolled to one by one, still part
	for _ in 1 2 3 4 5 6 7 8 9; do screen_keys l; layout_ok; done
	# issue 12: at 120x40 "Open (overdue)" overflowed into the next column
	# (whole units of the reporting currency on the list); the owner is
	# whole here and the probe's names are long, so it is one l away
	screen_keys h h h h h h h h h
	screen_resize 120 40
	layout_ok "Anna Lindqvist"
	screen_keys l
	layout_ok "17,530,864 EUR (17,530,864 EUR)"
}

# at_80x24 WHAT: back to 80x24 for the next screen, saying which it is.
at_80x24() {
	echo "# $1" >&2
	screen_resize 80 24
}

@test "every tab of the account: numbers, ids and e-mail addresses whole" {
	open_probe
	echo "# Overview" >&2
	both_sizes "$ERP" "$VAT" anna@example.com
	at_80x24 Contacts
	screen_keys 2
	both_sizes "$MAIL" "$MAIL2"
	at_80x24 Conditions
	screen_keys 3
	[[ "$(screen_text)" == *"Extended pa"* ]]	# the title is readable
	both_sizes
	at_80x24 "Service level"
	screen_keys 4
	both_sizes "$ERP" anna@example.com
	for tab in 5 6 8 9; do
		at_80x24 "tab $tab"
		screen_keys $tab
		both_sizes
	done
	at_80x24 "Orders and invoices"
	screen_keys 7
	both_sizes "${ORDERS[@]}" "${INVOICES[@]}"
	screen_resize 80 24
	for _ in 1 2 3 4 5 6; do screen_keys '>'; layout_ok; done
}

@test "the agenda, and the help wrapped at word boundaries" {
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys A
	screen_wait "Layout Probe"
	both_sizes
	screen_keys q
	at_80x24 help
	screen_keys '?'
	both_sizes
	# issue 12: help lines were cut at 80 columns; the rest of a line
	# wraps under its beginning (h's line: the first screen's longest)
	screen_resize 80 24
	screen_text | grep -A 1 -F "Scroll the list's columns left" | tail -n 1 |
	    grep -qE '^ {24}[a-z]'
}

@test "the portfolio, its columns scrolled one by one" {
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys p
	screen_wait "Portfolio: row 1 of"
	both_sizes
	screen_resize 80 24
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do screen_keys '>'; layout_ok; done
}

@test "the support queue: due times, business time left, marks" {
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys :
	screen_type queue
	screen_keys Enter
	screen_wait "Support queue"
	screen_wait "breached"
	both_sizes
}

@test "the data-quality list: rule codes and fields whole" {
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys :
	screen_type quality
	screen_keys Enter
	screen_wait "Data quality - my accounts"
	screen_wait "vat_invalid"
	both_sizes vat_invalid sla_missing
}

@test "the data-quality list's duplicates (Tab): score whole, names and reasons fitted" {
	screen_sql "INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city, vat_id)
	    SELECT 'KUNDE-0000471109', 'Layout Probe Industrieanlage', 'standard', id, team, 'DE',
	    'Mönchengladbach', 'DE 813471108150' FROM kam.app_user WHERE role_name = 'anna'"
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys :
	screen_type quality
	screen_keys Enter
	screen_wait "Data quality - my accounts"
	screen_keys Tab
	screen_wait "Data quality - duplicates"
	screen_wait "same VAT id"
	both_sizes
	screen_sql "DELETE FROM kam.account WHERE erp_id = 'KUNDE-0000471109'"
}

@test "the cloud and a topic's entries" {
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys V
	screen_wait "Open items, first due first"
	both_sizes "納期 Lieferzuverlässigkeit"
	screen_resize 80 24
	screen_keys Enter
	screen_wait "Feedback on"
	both_sizes
}

@test "the calendars, a calendar's windows and holidays, the holiday form" {
	screen_sql "INSERT INTO kam.calendar (name, time_zone) VALUES ('Layout Probe Service Desk', 'America/Argentina/Buenos_Aires');
	  INSERT INTO kam.calendar_window (calendar_id, isodow, opens, closes)
	  SELECT c.id, d, '22:00', '06:00' FROM kam.calendar c, generate_series(1, 7) d
	   WHERE c.name = 'Layout Probe Service Desk';
	  INSERT INTO kam.calendar_holiday (calendar_id, day, name, closed_from, closed_to, uid)
	  SELECT c.id, '2099-12-24', 'Nochebuena, el día antes de Navidad y medio día libre', '12:00', '23:30', 'u1'
	    FROM kam.calendar c WHERE c.name = 'Layout Probe Service Desk'"
	export PGUSER=kamadmin
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys :
	screen_type calendars
	screen_keys Enter
	screen_wait "Calendars: row 1 of"
	both_sizes 2099-12-24
	at_80x24 "a calendar's days"
	screen_find "Layout Probe"
	screen_keys Enter
	screen_wait "Nochebuena"
	both_sizes "2099-12-24 Thu" "12:00-23:30" "22:00-06:00 next day"
	form_at e "Edit opening window"
	both_sizes
	screen_keys Escape
	form_at G "Nochebuena"
	form_at e "Edit holiday"
	both_sizes 2099-12-24
}

# form_at KEYS WAIT-FOR: at 80x24, the form that KEYS open.
form_at() {
	screen_resize 80 24
	screen_keys "$1"
	screen_wait "$2"
}

@test "every form: ids whole, labels apart from values" {
	open_probe
	form_at L "Log an interaction"
	both_sizes
	screen_keys Escape
	screen_keys 2
	form_at e "Edit contact"
	both_sizes "$MAIL" "$ERP-P01"
	screen_keys Escape
	screen_keys 3
	form_at e "Edit special condition"
	both_sizes
	screen_keys Escape
	screen_keys 1
	form_at e "Edit account"
	both_sizes "$VAT"
	screen_keys Escape
	screen_keys 4
	form_at e "Edit service level"
	both_sizes
	screen_keys Escape
	screen_keys 5
	form_at P "Revenue target"
	both_sizes
	screen_keys Escape
	form_at e "Edit plan action"
	both_sizes
	echo "# support's ticket form" >&2
	screen_stop
	PGUSER=sam open_probe
	screen_keys L
	screen_wait "Log a ticket"
	PGUSER=sam both_sizes
}


@test "the cloud's measures (M)" {
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys V
	screen_wait "Open items, first due first"
	screen_keys M
	screen_wait "Measures of the loop"
	both_sizes
}

@test "the Overview's team and group, and the team's form" {
	screen_sql "UPDATE kam.account SET parent_id = (SELECT id FROM kam.account
	    WHERE erp_id = '$ERP') WHERE erp_id = 'C1'"
	screen_sql "INSERT INTO kam.team_member (account_id, role, person_id, deputy_id)
	  SELECT a.id, 'service_owner', s.id, b.id FROM kam.account a,
	         kam.app_user s, kam.app_user b
	   WHERE a.erp_id = '$ERP' AND s.role_name = 'sam' AND b.role_name = 'bo'
	  ON CONFLICT DO NOTHING"
	open_probe
	screen_keys G
	screen_wait "Whole group"
	both_sizes
	at_80x24 "the team's form"
	screen_keys t
	screen_type service_owner
	screen_keys Enter
	screen_wait "Edit a role of the account team"
	both_sizes
}

@test "the announcement (R on a topic of the cloud), an item left alone listed" {
	screen_sql "INSERT INTO kam.interaction (account_id, channel, subject, author_id,
	    feedback, topic_ids)
	  SELECT a.id, 'call', 'Layout probe left alone', a.owner_id, 'complaint',
	         ARRAY(SELECT id FROM kam.topic WHERE name = '納期 Lieferzuverlässigkeit')
	    FROM kam.account a WHERE a.erp_id = 'C2'"
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys V
	screen_wait "Open items, first due first"
	# R on each word in turn until one is a topic
	for _ in 1 2 3 4 5; do
		screen_keys R
		on_screen "Announcement:" && break
		screen_keys l
	done
	screen_wait "Would answer"
	screen_wait "not yours to answer"
	screen_type "Layout probe: one message to everyone"
	both_sizes
}

@test "the list with groups folded (Z), and a group shown beneath its top (z)" {
	screen_sql "UPDATE kam.account SET parent_id = (SELECT id FROM kam.account
	    WHERE erp_id = '$ERP') WHERE erp_id = 'C1'"
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys Z
	screen_wait "| folded"
	layout_ok
	# the cursor down to the probe's row, which heads a group
	local n
	n=$(screen_text | sed -n '3,$p' | grep -n -i -m 1 "layout probe" | cut -d: -f1)
	[ -n "$n" ]
	for _ in $(seq 2 "$n"); do screen_keys j; done
	screen_keys z
	screen_wait "Nordwind GmbH"
	both_sizes
}
