#!/usr/bin/env bats
# Esc never leaves kam (issue 12 item 9): on the list it clears the search,
# an Alt key or an escape sequence kam does not know is ignored, Ctrl-C in
# a form asks as Esc does; only q on the list, Q and :q quit.

bats_require_minimum_version 1.5.0

load hooks

# Whether kam still runs: its list or screen is there, no exit status.
still_running() {
	[ ! -f "$SCREEN_EXIT" ] && [[ "$(screen_text)" != *KAM-EXITED* ]]
}

@test "Esc on the list clears the search, then stays" {
	screen_start
	screen_keys /
	screen_type muller
	screen_keys Enter
	[[ "$(screen_text)" == *"| /muller"* ]]
	screen_keys Escape
	still_running
	[[ "$(screen_text)" != *"| /muller"* ]]
	[[ "$(screen_text)" == *"Search cleared."* ]]
	[[ "$(screen_text)" == *"Nordwind"* ]]
	screen_keys Escape
	still_running
	[[ "$(screen_text)" == *"q quits kam."* ]]
}

@test "Alt-j and an unknown mouse sequence are ignored" {
	screen_start
	screen_keys M-j
	still_running
	# an SGR mouse report (xterm's 1006 mode) that kam never asked for
	screen_send_wait 1 -H 1b 5b 3c 30 3b 31 30 3b 35 4d
	still_running
	[[ "$(screen_text)" == *"row 1 of"* ]]
	[[ "$(screen_text)" != *"Mouse"* ]]
}

@test "Ctrl-C in a form asks as Esc does; :q quits" {
	screen_open_account nordwind
	screen_keys L Tab Tab Tab Tab
	screen_type x
	tm send-keys C-c
	screen_wait "Discard your changes? (y/n)"
	still_running
	screen_keys n
	[[ "$(screen_text)" == *"Log an interaction"* ]]
	screen_keys Escape
	screen_keys y
	[[ "$(screen_text)" == *"Master data"* ]]
	screen_keys :
	screen_type q
	tm send-keys Enter
	screen_wait KAM-EXITED
	[ "$(cat "$SCREEN_EXIT")" -eq 0 ]
}
