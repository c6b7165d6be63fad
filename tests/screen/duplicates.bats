#!/usr/bin/env bats
# Duplicates at the door and on :quality (issue 15, items 3 and 5;
# migration 0057): the account form warns before saving an account that
# looks like another; Tab on :quality lists candidate pairs with score
# and reasons, D marks one "not a duplicate" (audited) and it goes, Enter
# opens the account. The look-alike is planted here: Mueller GmbH, in
# Berlin like Müller GmbH (C4) and with its VAT id.

bats_require_minimum_version 1.5.0

load hooks

plant() {
	unplant
	screen_sql "INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city, vat_id)
	    SELECT 'C4B', 'Mueller GmbH', 'standard', id, team, 'DE', 'Berlin', 'DE 123 456 789'
	    FROM kam.app_user WHERE role_name = 'bo'"
}

unplant() {
	screen_sql "DELETE FROM kam.not_duplicate"
	screen_sql "DELETE FROM kam.account WHERE erp_id = 'C4B'"
}

not_on_screen() {
	! on_screen "$1"
}

# duplicates_open COLSxROWS: kam on :quality, then Tab.
duplicates_open() {
	SCREEN_COLS=${1%x*} SCREEN_ROWS=${1#*x} screen_start
	screen_keys :
	screen_type quality
	screen_keys Enter
	screen_wait "Data quality - my accounts"
	screen_keys Tab
	screen_wait "Data quality - duplicates, my accounts"
}

@test "Tab on :quality lists the pairs with score and reasons at 80x24 and 120x40; m turns the scope" {
	plant
	duplicates_open 80x24
	screen_wait "same VAT id DE123456789"
	[[ "$(screen_line "same VAT id")" == *"93"*"Müller GmbH"* ]]
	[[ "$(screen_text)" == *"D: not a duplicate"* ]]
	screen_resize 120 40
	screen_wait "same VAT id DE123456789"
	[[ "$(screen_line "same VAT id")" == *"93"*"Müller GmbH, Berlin"*"Mueller GmbH, Berlin"*"same VAT id DE123456789; names 67 % alike"* ]]
	screen_keys m
	screen_wait "Data quality - duplicates, my team's accounts"
	screen_keys Escape
	screen_wait "Data quality - my team's accounts"
	unplant
}

@test "D marks the pair not a duplicate: asked, logged, gone at once and quiet after" {
	plant
	duplicates_open 80x24
	screen_wait "same VAT id DE123456789"
	screen_find "same VAT id"
	screen_keys D
	screen_wait "Not a duplicate?"
	screen_keys y
	screen_wait "Marked: not a duplicate."
	screen_until 10 not_on_screen "same VAT id"
	[ "$(screen_sql "SELECT actor || ' ' || table_name FROM kam.audit_log WHERE table_name = 'not_duplicate'")" = "anna not_duplicate" ]
	screen_keys C-l
	screen_wait "No candidate duplicates"
	unplant
}

@test "Enter opens the pair's first account and says what it looks like" {
	plant
	duplicates_open 80x24
	screen_wait "same VAT id DE123456789"
	screen_find "same VAT id"
	screen_keys Enter
	screen_wait "Looks like Mueller GmbH, Berlin"
	unplant
}

@test "the account form warns before saving an account that looks like another; saved anyway on y" {
	plant
	screen_open_account "Müller GmbH"
	screen_keys e
	screen_wait "Edit account - Müller GmbH"
	screen_keys Right
	screen_keys C-s
	screen_wait "This account looks like Mueller GmbH, Berlin (same VAT id DE123456789"
	[[ "$(screen_flat)" == *"Save anyway?"* ]]
	screen_keys y
	screen_wait "Account saved."
	[ "$(screen_sql "SELECT tier FROM kam.account WHERE erp_id = 'C4'")" != key ]
	screen_sql "UPDATE kam.account SET tier = 'key' WHERE erp_id = 'C4'"
	unplant
}

@test "support may not look for duplicates" {
	PGUSER=sam SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys :
	screen_type quality
	screen_keys Enter
	screen_keys Tab
	screen_wait "may not look for duplicates"
}
