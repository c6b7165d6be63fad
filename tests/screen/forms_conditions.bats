#!/usr/bin/env bats
# The Conditions tab's forms in a real terminal: a condition checked,
# warned about an overlap with one of the same kind and saved anyway,
# one of another kind saved without a question, edited, and ended today
# after a question, each shown at once.

bats_require_minimum_version 1.5.0

load hooks

TODAY=$(date +%Y-%m-%d)

# Ctrl-S, and yes to the question about an overlap.
save_anyway() {
	screen_keys C-s
	screen_wait "Save anyway?"
	screen_keys y
	[[ "$(screen_text)" == *"Condition saved."* ]]
}

@test "a condition: checked, warned about an overlap of the same kind, saved anyway, shown at once" {
	screen_open_account nordwind 3
	# the key hints make room for the status fields, the last first
	[[ "$(screen_text)" == *"a add  e edit"* ]]
	screen_resize 120 40
	[[ "$(screen_text)" == *"a add  e edit  D end"* ]]
	screen_keys a
	[[ "$(screen_text)" == *"New special condition - Nordwind GmbH"* ]]
	[[ "$(screen_line 'Kind *')" == *"discount"* ]]
	[[ "$(screen_line 'Valid from *')" == *"$TODAY"* ]]
	screen_keys C-s
	[[ "$(screen_text)" == *"^ Title is required"* ]]
	screen_type "Spring discount"
	screen_keys Tab
	screen_type "150"
	screen_keys Tab p Tab
	screen_type "spare parts"
	screen_keys C-s
	[[ "$(screen_text)" == *"^ Value is a percentage: at most 100"* ]]
	screen_keys C-u
	screen_type "15"
	screen_keys C-s
	# the fixture's volume discount runs from 2026-01-01 without an end
	[[ "$(screen_text)" == *"Overlaps a condition of the same kind: Volume discount (2026-01-01 to open end). Save anyway? (y/n)"* ]]
	screen_keys n
	[[ "$(screen_text)" == *"Not saved: the form is as you left it."* ]]
	[[ "$(screen_line 'Title *')" == *"Spring discount"* ]]
	save_anyway
	[[ "$(screen_line 'Spring discount')" == *"15 percent spare"*"$TODAY"* ]]
	screen_keys 1
	[[ "$(screen_text)" == *"Spring discount (15 percent)"* ]]
	[ "$(screen_sql "SELECT kind || ' ' || value || ' ' || unit || ' ' || scope FROM kam.special_condition WHERE title = 'Spring discount'")" = "discount 15.0000 percent spare parts" ]
}

@test "a condition of another kind saves without a question" {
	screen_open_account nordwind 3
	screen_keys a w Tab
	screen_type "Extended warranty"
	screen_keys Tab
	screen_type "36"
	screen_keys Tab m
	[[ "$(screen_line 'Unit')" == *"months"* ]]
	screen_keys C-s
	[[ "$(screen_text)" == *"Condition saved."* ]]
	[[ "$(screen_line 'Extended wa')" == *"warranty"*"36 months"* ]]
	screen_keys 4
	[[ "$(screen_text)" == *"Extended warranty (36 months)"* ]]
}

@test "e edits a condition; an end before its start is refused at the field" {
	screen_open_account nordwind 3
	screen_find "spring"
	screen_keys e
	[[ "$(screen_text)" == *"Edit special condition - Nordwind GmbH"* ]]
	[[ "$(screen_line 'Value')" == *"15"* ]]
	screen_keys Tab Tab Tab Tab Tab Tab
	screen_type "2020-01-01"
	screen_keys C-s
	[[ "$(screen_text)" == *"^ Valid to is before Valid from"* ]]
	screen_keys C-u
	screen_type "+30d"
	save_anyway
	screen_resize 120 40	# room for both dates
	[[ "$(screen_line 'Spring discount')" == *"$TODAY $(date -d +30days +%Y-%m-%d)"* ]]
}

@test "D ends a condition today after a question; one not begun or ended is left alone" {
	screen_open_account nordwind 3
	screen_find "ends soon"
	screen_keys D
	[[ "$(screen_flat)" == *"End “Ends soon rebate” today ($TODAY)? It applies until then; e sets another date. (y/n)"* ]]
	screen_keys n
	[[ "$(screen_line 'Ends soon rebate')" != *"$TODAY"* ]]
	screen_keys D y
	[[ "$(screen_text)" == *"Condition ended today."* ]]
	screen_resize 120 40	# room for both dates
	[[ "$(screen_line 'Ends soon rebate')" == *" $TODAY" ]]
	[ "$(screen_sql "SELECT valid_to = current_date FROM kam.special_condition WHERE title = 'Ends soon rebate'")" = t ]
	screen_find "next year"
	screen_keys D
	[[ "$(screen_text)" == *"This condition begins on "*": e changes its dates."* ]]
	screen_find "old warranty"
	screen_keys D
	[[ "$(screen_text)" == *"This condition ends on "*" already (e changes its dates)."* ]]
}
