#!/usr/bin/env bats
# The Plan tab's forms in a real terminal: this year's plan made and
# edited (one per account and year, said plainly), actions added, edited,
# completed and dropped, each shown at once, an action's draft after
# kill -9, and the conflict dialog between two kam sessions editing the
# same plan, with each of its answers.

bats_require_minimum_version 1.5.0

load hooks

YEAR=$(date +%Y)

# C1's plan of this year (the fixture's, when that is this year).
c1_plan() {
	screen_sql "SELECT $1 FROM kam.account_plan p JOIN kam.account a ON a.id = p.account_id WHERE a.erp_id = 'C1' AND p.year = $YEAR"
}

@test "P makes this year's plan when there is none, edits it after; a second for the year is refused plainly" {
	# the agenda's rows in data.sql give C4 a plan of this year
	screen_sql "DELETE FROM kam.account_plan WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C4')"
	screen_open_account müller 5
	[[ "$(screen_text)" == *"No account plan for $YEAR yet: P makes it."* ]]
	# the key hints make room for the status fields, the last first
	[[ "$(screen_text)" == *"P plan  a add"* ]]
	screen_resize 120 40
	[[ "$(screen_text)" == *"P plan  a add  e edit  x done  D drop"* ]]
	screen_keys a
	[[ "$(screen_text)" == *"No plan for $YEAR yet: P makes it."* ]]
	screen_keys P
	[[ "$(screen_text)" == *"New account plan - Müller GmbH"* ]]
	[[ "$(screen_line 'Year *')" == *"$YEAR"* ]]
	[[ "$(screen_line 'Status *')" == *"draft"* ]]
	screen_keys Tab Right Tab
	screen_type "80000,00"
	screen_keys C-s
	[[ "$(screen_flat)" == *"^ Revenue target has a comma that is not between thousands: a point for decimals (1.50)"* ]]
	screen_keys C-u
	screen_type "80000"
	screen_keys Tab
	screen_type "+2w"
	screen_keys Tab Tab Space Tab
	screen_type "Win back the service contract"
	screen_keys C-s
	[[ "$(screen_text)" == *"Plan saved."* ]]
	[[ "$(screen_line 'Plan     ')" == *"$YEAR, active"* ]]
	[[ "$(screen_line 'Revenue target')" == *"80,000.00"* ]]
	[[ "$(screen_line 'Annual talk')" == *"planned for $(date -d +14days +%Y-%m-%d), not held yet"* ]]
	[[ "$(screen_line 'Innovation')" == *"priority access to new products"* ]]
	[[ "$(screen_line 'Objectives')" == *"Win back the service contract"* ]]
	screen_keys 1
	[[ "$(screen_line 'Plan     ')" == *"$YEAR, active, 0 open actions"* ]]
	screen_keys 5 P
	[[ "$(screen_text)" == *"Edit account plan - Müller GmbH"* ]]
	[[ "$(screen_line 'Year')" == *"(read only)"* ]]
	screen_keys Escape
	# with only last year's plan, this year's is shown as missing, and P
	# makes it; typing last year is refused
	screen_sql "UPDATE kam.account_plan SET year = year - 1 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C4')"
	screen_keys C-l P
	[[ "$(screen_text)" == *"New account plan - Müller GmbH"* ]]
	screen_keys C-u
	screen_type "$((YEAR - 1))"
	screen_keys C-s
	[[ "$(screen_flat)" == *"^ Year has a plan on this account already: one plan per account and year"* ]]
	screen_keys Escape
	screen_keys y
	[ "$(screen_sql "SELECT count(*) FROM kam.account_plan p JOIN kam.account a ON a.id = p.account_id WHERE a.erp_id = 'C4'")" -eq 1 ]
}

@test "actions: added, edited, completed and dropped, each shown at once" {
	screen_open_account nordwind 5
	screen_keys a
	[[ "$(screen_text)" == *"New plan action - Nordwind GmbH"* ]]
	screen_keys C-s
	[[ "$(screen_text)" == *"^ Action is required"* ]]
	screen_type "Invite to the innovation day"
	screen_keys Tab u Tab Right Tab
	screen_type "+2w"
	screen_keys C-s
	[[ "$(screen_text)" == *"Plan action saved."* ]]
	[[ "$(screen_line 'Invite to the innovation day')" == *"$(date -d +14days +%Y-%m-%d) open"*" up-sell "*"Anna Lindqvist"* ]]
	screen_find "innovation"
	screen_keys e
	[[ "$(screen_text)" == *"Edit plan action - Nordwind GmbH"* ]]
	screen_keys Tab Tab Tab Tab d C-s
	[[ "$(screen_text)" == *"^ Done on is needed when the action is done"* ]]
	screen_type "today"
	screen_keys C-s
	[[ "$(screen_text)" == *"Plan action saved."* ]]
	screen_resize 120 40	# room for the date it was done
	[[ "$(screen_line 'Invite to the innovation day')" == *"done"*" up-sell "*"$(date +%Y-%m-%d)" ]]
	screen_find "cross-sell"
	screen_keys x
	[[ "$(screen_text)" == *"Mark “Cross-sell service contract” done today ($(date +%Y-%m-%d))? (y/n)"* ]]
	screen_keys y
	[[ "$(screen_text)" == *"Action done."* ]]
	[[ "$(screen_line 'Cross-sell service contract')" == *"done"*" cross-sell "*"$(date +%Y-%m-%d)" ]]
	screen_keys x
	[[ "$(screen_text)" == *"This action is done already (e edits it)."* ]]
	screen_keys a
	screen_type "Drop me"
	screen_keys C-s
	screen_find "drop me"
	screen_keys D
	[[ "$(screen_text)" == *"Drop “Drop me”? (y/n)"* ]]
	screen_keys n
	[[ "$(screen_line 'Drop me')" == *"open"* ]]
	screen_keys D y
	[[ "$(screen_text)" == *"Action dropped."* ]]
	[[ "$(screen_line 'Drop me')" == *"dropped other"* ]]
	[ "$(screen_sql "SELECT status || ' ' || coalesce(done_on::text, '-') FROM kam.plan_action WHERE title = 'Cross-sell service contract'")" = "done $(date +%Y-%m-%d)" ]
	[ "$(screen_sql "SELECT status || ' ' || coalesce(done_on::text, '-') FROM kam.plan_action WHERE title = 'Drop me'")" = "dropped -" ]
	screen_keys 1
	[[ "$(screen_line 'Plan     ')" == *", 0 open actions"* ]]
}

@test "kill -9 in a new action: the draft keeps its plan and saves there" {
	screen_open_account nordwind 5
	screen_keys a
	screen_type "Half an action"
	[ "$(ls "$BATS_TEST_TMPDIR/state/kam/drafts" | grep -c '\.draft$')" -eq 1 ]
	kill -9 "$(screen_kam_pid)"
	screen_wait KAM-EXITED
	screen_stop
	screen_start
	[[ "$(screen_line 'Half an')" == *"New plan action"*"Nordwind GmbH"* ]]
	screen_keys Enter
	[[ "$(screen_line 'Action *')" == *"Half an action"* ]]
	screen_keys C-s
	[[ "$(screen_text)" == *"Plan action saved."* ]]
	[ "$(screen_sql "SELECT a.erp_id FROM kam.plan_action x JOIN kam.account_plan p ON p.id = x.plan_id JOIN kam.account a ON a.id = p.account_id WHERE x.title = 'Half an action'")" = C1 ]
}

@test "[ and ] show the plans of other years: last year's read, next year's prepared" {
	screen_sql "INSERT INTO kam.account_plan (account_id, year, objectives, status) SELECT id, $YEAR - 1, 'Last year''s goals', 'closed' FROM kam.account WHERE erp_id = 'C1'"
	screen_sql "INSERT INTO kam.plan_action (plan_id, title, status, done_on) SELECT p.id, 'Old step', 'done', make_date($YEAR - 1, 5, 1) FROM kam.account_plan p JOIN kam.account a ON a.id = p.account_id WHERE a.erp_id = 'C1' AND p.year = $YEAR - 1"
	screen_open_account nordwind 5
	[[ "$(screen_line 'Plan     ')" == *"$YEAR, active"* ]]
	[[ "$(screen_line 'Plans of')" == *"$((YEAR - 1)), $YEAR ([ and ] show the year before and after)"* ]]
	[[ "$(screen_text)" != *"Old step"* ]]
	screen_keys '['
	[[ "$(screen_line 'Plan     ')" == *"$((YEAR - 1)), closed"* ]]
	[[ "$(screen_line 'Objectives')" == *"Last year's goals"* ]]
	[[ "$(screen_line 'Old step')" == *"done"* ]]
	[[ "$(screen_text)" == *"Actions: row 1 of 1"* ]]
	screen_keys '[' '['
	[[ "$(screen_text)" == *"No account plan for $((YEAR - 3)) yet: P makes it."* ]]
	screen_keys ']' ']' ']' ']'
	[[ "$(screen_text)" == *"No account plan for $((YEAR + 1)) yet: P makes it."* ]]
	[[ "$(screen_text)" == *"No actions in this plan."* ]]
	screen_keys a
	[[ "$(screen_text)" == *"No plan for $((YEAR + 1)) yet: P makes it."* ]]
	screen_keys P
	[[ "$(screen_text)" == *"New account plan - Nordwind GmbH"* ]]
	[[ "$(screen_line 'Year *')" == *"$((YEAR + 1))"* ]]
	screen_keys C-s
	[[ "$(screen_text)" == *"Plan saved."* ]]
	[[ "$(screen_line 'Plan     ')" == *"$((YEAR + 1)), draft"* ]]
	screen_keys a
	screen_type "Prepare the kick-off"
	screen_keys C-s
	[[ "$(screen_line 'Prepare the kick-off')" == *"open"* ]]
	[ "$(screen_sql "SELECT p.year FROM kam.plan_action x JOIN kam.account_plan p ON p.id = x.plan_id WHERE x.title = 'Prepare the kick-off'")" -eq $((YEAR + 1)) ]
	# another tab and back: still the year chosen
	screen_keys 1 5
	[[ "$(screen_line 'Plan     ')" == *"$((YEAR + 1)), draft"* ]]
}

@test "open actions past their due date say overdue in the theme's plan.overdue look; Enter edits an action" {
	screen_sql "INSERT INTO kam.plan_action (plan_id, title, due_on) SELECT p.id, 'Months late step', current_date - 90 FROM kam.account_plan p JOIN kam.account a ON a.id = p.account_id WHERE a.erp_id = 'C1' AND p.year = $YEAR"
	screen_sql "INSERT INTO kam.plan_action (plan_id, title, due_on, status, done_on) SELECT p.id, 'Done late step', current_date - 90, 'done', current_date - 1 FROM kam.account_plan p JOIN kam.account a ON a.id = p.account_id WHERE a.erp_id = 'C1' AND p.year = $YEAR"
	printf 'plan.overdue = default default underline\n' >"$BATS_TEST_TMPDIR/u.theme"
	screen_open_account nordwind 5 -- --theme "$BATS_TEST_TMPDIR/u.theme"
	[[ "$(screen_line 'Months late step')" == *"$(date -d -90days +%Y-%m-%d) overdue other"* ]]
	[[ "$(screen_line 'Done late step')" == *"done    other"* ]]
	local shown
	screen_keys G	# the row under the cursor has the cursor's look
	shown=$(tm capture-pane -p -e)
	[[ "$(grep -F 'Months late step' <<<"$shown")" == *$'\e[4m'* ]]
	[[ "$(grep -F 'Done late step' <<<"$shown")" != *$'\e[4m'* ]]
	screen_find "months late"
	screen_keys Enter
	[[ "$(screen_text)" == *"Edit plan action - Nordwind GmbH"* ]]
	[[ "$(screen_line 'Action *')" == *"Months late step"* ]]
	screen_keys Escape
	# x still completes it: overdue is open
	screen_keys x y
	[[ "$(screen_text)" == *"Action done."* ]]
	[[ "$(screen_line 'Months late step')" == *"done    other"* ]]
}

@test "the annual talk held: a date, never a later one; the plan says held, the agenda drops it" {
	screen_sql "INSERT INTO kam.account_plan (account_id, year, annual_talk_on, status) SELECT id, $YEAR, current_date, 'active' FROM kam.account WHERE erp_id = 'C4' ON CONFLICT (account_id, year) DO UPDATE SET annual_talk_on = current_date, talk_held_on = NULL"
	screen_start
	screen_keys A
	[[ "$(screen_text | grep -F 'Müller' | grep -F 'Annual talk')" == *"today"*"Annual talk $YEAR"* ]]
	screen_keys Escape
	screen_keys /
	screen_type "müller"
	screen_keys Enter Enter
	screen_wait "Master data"
	screen_keys 5
	[[ "$(screen_line 'Annual talk')" == *"planned for $(date +%Y-%m-%d), not held yet"* ]]
	screen_keys P Tab Tab Tab
	[[ "$(screen_text)" == *"the day it took place: today, 2026-03-15; empty until then"* ]]
	screen_type "tomorrow"
	screen_keys C-s
	[[ "$(screen_text)" == *"^ Talk held on cannot be later than today ($(date +%Y-%m-%d))"* ]]
	screen_keys C-u
	screen_type "yesterday"
	screen_keys C-s
	[[ "$(screen_text)" == *"Plan saved."* ]]
	[[ "$(screen_line 'Annual talk')" == *"held on $(date -d yesterday +%Y-%m-%d) (planned for $(date +%Y-%m-%d))"* ]]
	screen_keys A
	[[ "$(screen_text)" == *"Send the revised offer"* ]]
	[ -z "$(screen_text | grep -F 'Müller' | grep -F 'Annual talk')" ]
	# the database refuses a later day from psql too
	run ! screen_sql "UPDATE kam.account_plan SET talk_held_on = current_date + 1 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C4') AND year = $YEAR"
	[[ "$output" == *"an annual talk cannot have been held on"*"(later than today)"* ]]
	[ "$(screen_sql "SELECT talk_held_on FROM kam.account_plan p JOIN kam.account a ON a.id = p.account_id WHERE a.erp_id = 'C4' AND p.year = $YEAR")" = "$(date -d yesterday +%Y-%m-%d)" ]
}

# Anna (kam 1) and David (kam 2) open C1's plan of this year; David saves
# a date for the annual talk first, then Anna saves a new revenue target.
# The tests share one database: each starts from what the one before left.
conflict() {
	screen_sql "INSERT INTO kam.account_plan (account_id, year, status) SELECT id, $YEAR, 'draft' FROM kam.account WHERE erp_id = 'C1' ON CONFLICT DO NOTHING"
	OLD_TARGET=$(c1_plan "coalesce(trim_scale(p.revenue_target)::text, '-')")
	OLD_TALK=$(c1_plan "coalesce(p.annual_talk_on::text, '-')")
	OLD_VERSION=$(c1_plan p.version)
	NEW_TARGET="12345$BATS_TEST_NUMBER.5" NEW_TALK="$YEAR-0$BATS_TEST_NUMBER-15"
	screen_open_account nordwind 5
	screen_keys P Tab C-u
	screen_type "$NEW_TARGET"
	screen_use 2
	PGUSER=david screen_open_account nordwind 5
	screen_keys P Tab Tab C-u
	screen_type "$NEW_TALK"
	screen_keys C-s
	[[ "$(screen_text)" == *"Plan saved."* ]]
	screen_conflict_open
	screen_conflict_row 'Annual talk' "$NEW_TALK" "$OLD_TALK" they
	screen_conflict_row 'Revenue target' "$OLD_TARGET" "$NEW_TARGET" you
	[[ "$(screen_line 'Objectives')" != *"changed"* ]]
	[[ "$(screen_text)" == *"m       In the conflict dialog: theirs plus the fields you changed"* ]]
}

@test "plan conflict, r: their version in the form, mine dropped" {
	conflict
	screen_keys r
	[[ "$(screen_text)" == *"Their version is in the form; your changes are dropped."* ]]
	[[ "$(screen_line 'Annual talk')" == *"$NEW_TALK"* ]]
	[[ "$(screen_line 'Revenue target')" == *"$OLD_TARGET"* || "$OLD_TARGET" = - ]]
	screen_keys Escape
	[[ "$(screen_line 'Annual talk')" == *"$NEW_TALK"* ]]
	[ "$(c1_plan "coalesce(trim_scale(p.revenue_target)::text, '-')")" = "$OLD_TARGET" ]
}

@test "plan conflict, t: theirs kept and the form closed" {
	conflict
	screen_keys t
	[[ "$(screen_text)" == *"Kept their version."* ]]
	[[ "$(screen_line 'Annual talk')" == *"$NEW_TALK"* ]]
	[ "$(c1_plan "p.annual_talk_on::text || ' ' || coalesce(trim_scale(p.revenue_target)::text, '-')")" = "$NEW_TALK $OLD_TARGET" ]
}

@test "plan conflict, m: theirs plus my changed fields, saved on their version" {
	conflict
	screen_keys m
	[[ "$(screen_text)" == *"Plan saved."* ]]
	[[ "$(screen_line 'Annual talk')" == *"$NEW_TALK"* ]]
	[ "$(c1_plan "p.annual_talk_on::text || ' ' || trim_scale(p.revenue_target)::text")" = "$NEW_TALK $NEW_TARGET" ]
	[ "$(c1_plan p.version)" -eq $((OLD_VERSION + 2)) ]
}
