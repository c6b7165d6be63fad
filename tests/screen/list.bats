#!/usr/bin/env bats
# The account list in a real terminal (tmux): columns, status line,
# sorting, search as you type, filters, paging through 300 more accounts,
# wide characters, escaped control characters, help, resizing and exits.

bats_require_minimum_version 1.5.0

load hooks

@test "the start screen lists accounts with columns and a status line" {
	screen_start
	run screen_text
	[[ "$output" == *"Key accounts - Anna Lindqvist"* ]]
	[[ "$output" == *"Name ^"*"Tier"*"Owner"*"Lifecycle"*"Status"*"SLA"* ]]
	[[ "$(screen_line 'Nordwind GmbH')" == *"key"*"Anna Lindqvist"*"development"*"active"*"Platinum"* ]]
	[[ "$output" == *"Accounts: row 1 of 307 | sort name"* ]]
	[[ "$output" == *"anna | db ok | ERP sync never"* ]]
	# accents fold in the name order: Åhléns sorts with the a's
	[[ "$(screen_text | sed -n 3p)" == "Åhléns AB"* ]]
}

@test "first paint and keys are in the trace" {
	screen_start
	screen_keys j
	run cat "$SCREEN_TRACE"
	[[ "${lines[0]}" == *" start" ]]
	[[ "$output" == *"paint idle"* ]]
	[[ "$output" == *"key j"* ]]
	# it records every key typed: for the user's eyes only
	[ "$(stat -c %a "$SCREEN_TRACE")" = 600 ]
}

@test "scrolling right shows the ERP and contact columns" {
	screen_start
	# at 80 columns the third step brings both amounts, each with its
	# currency; the fourth would hold the name and the last three
	screen_keys l l l
	run screen_text
	[[ "$output" == *"Revenue YTD"*"Open (overdue)"* ]]
	# whole units in the reporting currency, each with its code
	[[ "$(screen_line 'Nordwind GmbH')" == *"2,000 EUR (2,000 EUR)"* ]]
	screen_keys l l l
	[[ "$(screen_text)" == *"Last contact"*"Follow-up"* ]]
	[[ "$(screen_line 'Last contact')" != *" >" ]]
}

@test "sort by another column and reverse it" {
	screen_start
	screen_keys s
	[[ "$(screen_text)" == *"Tier ^"* ]]
	# then by name within a tier (issue 12)
	[[ "$(screen_text | sed -n 3p)" == "Åhléns AB"* ]]
	[[ "$(screen_text | sed -n 4p)" == "漢字 Trading"* ]]
	[[ "$(screen_text | sed -n 5p)" == "Müller GmbH"* ]]
	[[ "$(screen_text | sed -n 6p)" == "Nordwind GmbH"* ]]
	[[ "$(screen_text | sed -n 7p)" == "Davids Werkstatt"* ]]
	screen_keys s
	[[ "$(screen_text)" == *"Owner ^"* ]]
	[[ "$(screen_text | sed -n 3p)" == "Émoji 😀 Café"*"Anna Lindqvist"* ]]
	[[ "$(screen_text | sed -n 4p)" == "Müller GmbH"*"Anna Lindqvist"* ]]
	[[ "$(screen_text | sed -n 5p)" == "Nordwind GmbH"*"Anna Lindqvist"* ]]
	# paging on in that order: the key of the last row shown carries the name
	screen_keys G
	[[ "$(screen_text)" == *"Accounts: row 307 of 307"* ]]
	[[ "$(screen_text | grep 'Zeta Paging' | tail -n 1)" == "Zeta Paging 0300"* ]]
	screen_keys g
	screen_keys S
	screen_keys r
	[[ "$(screen_text)" == *"Tier v"* ]]
	[[ "$(screen_text)" == *"sort tier desc"* ]]
	screen_keys : ; screen_type "sort name desc"; screen_keys Enter
	[[ "$(screen_text | sed -n 4p)" == "Zeta Paging 0300"* ]]
	[[ "$(screen_text | sed -n 5p)" == "Zeta Paging 0299"* ]]
}

@test "search as you type forgives accents and typos" {
	screen_start
	screen_keys /
	screen_type muller
	run screen_text
	[[ "$output" == *"Müller GmbH"* ]]
	[[ "$output" != *"Nordwind"* ]]
	[[ "$output" == *"row 1 of 1"* ]]
	screen_keys Enter
	[[ "$(screen_text)" == *"| /muller"* ]]
	screen_keys /
	screen_type mulller
	screen_keys Enter
	[[ "$(screen_text)" == *"Müller GmbH"* ]]
	# searching by ERP id and by city
	screen_keys /
	screen_type P0299
	[[ "$(screen_text)" == *"Zeta Paging 0299"* ]]
	screen_keys Escape
	[[ "$(screen_text)" == *"Müller GmbH"* ]]
}

@test "filters narrow the list and say so" {
	screen_start
	screen_keys : ; screen_type "filter tier=strategic"; screen_keys Enter
	run screen_text
	[[ "$output" == *"Åhléns AB"* ]]
	[[ "$output" == *"漢字 Trading"* ]]
	[[ "$output" != *"Nordwind"* ]]
	[[ "$output" == *"row 1 of 2 | sort name | filter: tier strategic"* ]]
	screen_keys : ; screen_type "filter mine"; screen_keys Enter
	[[ "$(screen_text)" == *"of 3 | sort name | filter: mine"* ]]
	screen_keys : ; screen_type "filter tier=gold"; screen_keys Enter
	[[ "$(screen_text)" == *"tier cannot be 'gold'"* ]]
	screen_keys m
	[[ "$(screen_text)" == *"row 1 of 307"* ]]
}

@test "keyset paging reaches the last of 307 rows and comes back" {
	screen_start
	screen_keys G
	[[ "$(screen_text)" == *"row 307 of 307"* ]]
	[[ "$(screen_text)" == *"Zeta Paging 0300"* ]]
	# a page is the rows between the header and the status line
	local page=$((SCREEN_ROWS - 4))
	for i in 1 2 3 4 5 6; do screen_keys PPage; done
	[[ "$(screen_text)" == *"row $((307 - 6 * page)) of 307"* ]]
	screen_keys g
	[[ "$(screen_text)" == *"row 1 of 307"* ]]
	[[ "$(screen_text | sed -n 3p)" == "Åhléns AB"* ]]
	for i in $(seq 1 12); do screen_keys C-d; done
	screen_keys j
	[[ "$(screen_text)" == *"row $((2 + 12 * (page / 2))) of 307"* ]]
}

@test "wide characters keep the columns aligned" {
	screen_start
	local tier_col
	tier_col=$(screen_column 'Nordwind GmbH' 'key')
	[ "$(screen_column 'Émoji' 'standard')" -eq "$tier_col" ]
	[ "$(screen_column 'Müller GmbH' 'key')" -eq "$tier_col" ]
	[ "$(screen_column 'Åhléns AB' 'strategic')" -eq "$tier_col" ]
	[ "$(screen_column 'Name ^' 'Tier')" -eq "$tier_col" ]
	screen_keys /
	screen_type "漢字"
	# the columns are as wide as the rows shown: the found row lines up
	# with the header it is shown under
	[ "$(screen_column '漢字 Trading' 'strategic')" -eq "$(screen_column 'Name ^' 'Tier')" ]
}

@test "control characters and bidi overrides are shown escaped" {
	screen_start
	run screen_text
	# (the name is free text: at 80 columns it ends in an ellipsis)
	[[ "$output" == *'Evil^[[31mRed<U+202E>'* ]]
	[ "$(screen_column 'Evil^[' 'standard')" -eq "$(screen_column 'Nordwind GmbH' 'key')" ]
}

# The SGR colour codes on the screen (foreground, background; 8, 16 and
# 256 colours), one a line.
screen_colours() {
	tm capture-pane -p -e | grep -oE $'\e\\[[0-9;]*m' | tr -d $'\e[m' |
	    awk -F ';' '{ for (i = 1; i <= NF; i++)
		if ($i ~ /^([34][0-7]|9[0-7]|10[0-7])$/) print $i
		else if ($i ~ /^[34]8$/) { print $i ";" $(i + 1) ";" $(i + 2); i += 2 } }' |
	    sort -u
}

@test "NO_COLOR still shows the cursor and every screen" {
	screen_start NO_COLOR=1
	screen_keys j
	[[ "$(screen_text)" == *"Davids Werkstatt"* ]]
	[[ "$(tm capture-pane -p -e)" == *$'\e[7m'* ]]
	[ -z "$(screen_colours)" ]
	screen_keys Enter
	[[ "$(screen_text)" == *"Master data"* ]]
	[ -z "$(screen_colours)" ]
	screen_keys 6 ?
	[[ "$(screen_text)" == *"Help: keys and commands"* ]]
	[ -z "$(screen_colours)" ]
}

@test "every theme loads, and fits 8 or 256 colours" {
	screen_start TERM=screen
	for theme in default light high-contrast mono; do
		screen_keys : ; screen_type "theme $theme"; screen_keys Enter
		[[ "$(screen_text)" == *"Theme $theme."* ]]
	done
	screen_keys : ; screen_type "theme light"; screen_keys Enter
	[ -n "$(screen_colours)" ]
	# 8 colours: only the codes 30-37 and 40-47 (and the defaults)
	run ! grep -vE '^[34][0-7]$' <<<"$(screen_colours)"
	screen_stop
	screen_start -- --theme light
	[[ "$(screen_colours)" == *";5;"* ]]
}

@test "themes: the user's own first, then kam's folder (KAM_DATADIR, else the build tree)" {
	mkdir -p "$BATS_TEST_TMPDIR/data/themes" "$BATS_TEST_TMPDIR/xdg/kam/themes"
	printf 'normal = default default\n' >"$BATS_TEST_TMPDIR/data/themes/plain.theme"
	printf 'normal = default default\nlist.selected = purple cyan\n' \
	    >"$BATS_TEST_TMPDIR/xdg/kam/themes/light.theme"
	screen_start KAM_DATADIR=$BATS_TEST_TMPDIR/data -- --theme plain
	[[ "$(screen_text)" == *"Nordwind GmbH"* ]]
	[[ "$(screen_text)" != *"no theme"* ]]
	screen_keys : ; screen_type "theme light"; screen_keys Enter
	# (a message longer than the line wraps)
	[[ "$(screen_flat)" == *"xdg/kam/themes/light.theme:2: 'purple' is not a colour"* ]]
	screen_keys : ; screen_type "theme mono"; screen_keys Enter
	# where kam looked (the long paths wrap onto the lines below)
	[[ "$(screen_flat)" == *"no theme 'mono' ("*"/xdg/kam/themes/mono.theme or "* ]]
}

@test "a bad theme is reported as file:line and the default used" {
	printf 'normal = default default\nlist.selected = purple cyan\n' >"$BATS_TEST_TMPDIR/bad.theme"
	screen_start -- --theme "$BATS_TEST_TMPDIR/bad.theme"
	[[ "$(screen_text)" == *"bad.theme:2: 'purple' is not a colour"* ]]
	[[ "$(screen_text)" == *"Nordwind GmbH"* ]]
	screen_keys : ; screen_type "theme light"; screen_keys Enter
	[[ "$(screen_text)" == *"Theme light."* ]]
}

@test "the help is generated from the key table" {
	screen_start
	screen_keys ?
	run screen_text
	[[ "$output" == *"Help: keys and commands"* ]]
	[[ "$output" == *"j, Down"*"Move the cursor one line down"* ]]
	[[ "$output" == *"Ctrl-D"*"Move half a screen down"* ]]
	screen_keys G
	[[ "$(screen_text)" == *":account NAME"* ]]
	screen_keys q
	[[ "$(screen_text)" == *"Name ^"* ]]
}

@test "below 80x24 a clear message, and the list again when larger" {
	screen_start
	tm resize-window -x 70 -y 20
	screen_wait "Terminal too small: 70x20, kam needs at least 80x24."
	screen_resize 120 40
	screen_wait "Revenue YTD"
	[[ "$(screen_text)" == *"Nordwind GmbH"* ]]
	screen_clean
	screen_resize 80 24
	screen_wait "row 1 of 307"
	[ "$(screen_text | wc -l)" -eq 24 ]
	screen_clean
}

@test "q quits and restores the terminal" {
	screen_start
	tm send-keys q
	screen_wait KAM-EXITED
	[ "$(cat "$SCREEN_EXIT")" -eq 0 ]
	[[ "$(screen_text)" != *"Key accounts"* ]]
}

@test "Ctrl-C and SIGTERM end kam with the terminal restored" {
	screen_start
	tm send-keys C-c
	screen_wait KAM-EXITED
	[[ "$(screen_text)" != *"Key accounts"* ]]
	screen_stop
	screen_start
	kill -TERM "$(screen_kam_pid)"
	screen_wait KAM-EXITED
	[[ "$(screen_text)" != *"Key accounts"* ]]
	grep -q 'signal TERM' "$SCREEN_TRACE"
	[ ! -s "$BATS_TEST_TMPDIR/stderr" ]
}

# X10 mouse reports as the terminal would send them: ESC [ M, then the
# button, column and line, each plus 32 (and one for the 1-based places).
mouse() {
	local b=$1 x=$2 y=$3
	tm send-keys -l "$(printf '\033[M%b%b%b' "\\$(printf '%03o' $((32 + b)))" \
	    "\\$(printf '%03o' $((33 + x)))" "\\$(printf '%03o' $((33 + y)))")"
}

# a press and its release (button 3 in X10 reports)
click() {
	mouse 0 "$1" "$2"
	mouse 3 "$1" "$2"
}

@test "mouse: a click selects, a second opens, a title sorts, the wheel scrolls" {
	screen_start
	click 5 3
	screen_wait "row 2 of 307"
	# the titles lie where the columns' widths put them
	click "$(($(screen_column 'Name ^' 'Tier') + 1))" 1
	screen_wait "Tier ^"
	mouse 65 5 5
	mouse 65 5 5
	screen_wait "row 7 of 307"
	click 5 4
	click 5 4
	# tier, then name: the key accounts Müller and Nordwind are 3rd and 4th
	screen_wait "kam - Müller GmbH"
	click "$(($(screen_column '1 Overview' ' 2') + 1))" 1
	screen_wait "Contacts: row 1 of 1"
}

@test "a fatal signal still puts the terminal back" {
	screen_start
	kill -SEGV "$(screen_kam_pid)"
	screen_wait KAM-EXITED
	[ "$(cat "$SCREEN_EXIT")" -eq 139 ]
	[[ "$(screen_text)" != *"Key accounts"* ]]
}

@test "the status line shows when the ERP sync last succeeded" {
	screen_start
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 -c "INSERT INTO kam.sync_run
	    (profile, started_at, finished_at, status) VALUES
	    ('native', '2026-03-04 10:00+00', '2026-03-04 10:05+00', 'ok'),
	    ('native', '2026-03-05 10:00+00', '2026-03-05 10:01+00', 'failed')"
	screen_keys C-l
	local shown
	shown=$(screen_text)
	PGUSER=postgres psql -X -q -c "DELETE FROM kam.sync_run"
	[[ "$shown" == *"| db ok | ERP sync 2026-03-04 10:05"* ]]
}
