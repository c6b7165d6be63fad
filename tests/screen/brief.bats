#!/usr/bin/env bats
# b in a real terminal (tmux): the brief of the account under the cursor
# on the list, or open, written as PDF into $XDG_DATA_HOME/kam/briefs
# (Markdown when groff is missing), the bottom line naming the file.

bats_require_minimum_version 1.5.0

load hooks

c1_id() {
	screen_sql "SELECT id FROM kam.account WHERE erp_id = 'C1'"
}

@test "b on the list writes the brief of the account under the cursor as PDF" {
	screen_start XDG_DATA_HOME="$BATS_TEST_TMPDIR/data"
	screen_keys /
	screen_type nordwind
	screen_keys Enter
	f="$BATS_TEST_TMPDIR/data/kam/briefs/brief-$(c1_id)-$(date +%F).pdf"
	screen_keys b
	screen_wait "Brief written: $f"
	head -c 5 "$f" | grep -q '^%PDF-'
	run -0 pdftotext "$f" -
	[[ "$output" == *"Annual talk brief: Nordwind GmbH"* ]]
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/data/kam/briefs")" = 700 ]
}

@test "b on the account screen, without groff: Markdown" {
	screen_open_account nordwind 4 XDG_DATA_HOME="$BATS_TEST_TMPDIR/data" \
	    PATH=/nonexistent
	f="$BATS_TEST_TMPDIR/data/kam/briefs/brief-$(c1_id)-$(date +%F).md"
	screen_keys b
	screen_wait "Brief written: $f"
	grep -q "^# Annual talk brief: Nordwind GmbH" "$f"
	# still on the tab it was pressed on
	screen_wait "Service level"
}

@test "b where it cannot write says so, and kam goes on" {
	touch "$BATS_TEST_TMPDIR/file"
	screen_start XDG_DATA_HOME="$BATS_TEST_TMPDIR/file"
	screen_keys b
	screen_wait "Brief not written: cannot make $BATS_TEST_TMPDIR/file/kam"
	screen_keys j
	screen_wait "Nordwind GmbH"
}
