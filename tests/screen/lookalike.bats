#!/usr/bin/env bats
# Kept clean at the door (issue 15, item 5): the account form's look-alike
# warning offers to open the account on record instead of saving (o); the
# contact form warns the same way before saving a contact that looks like
# one of the account's (the same e-mail, the same phone in E.164, a
# similar name) and o opens that contact in the form. What was typed is
# kept as a draft.

bats_require_minimum_version 1.5.0

load hooks

plant() {
	unplant
	screen_sql "INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city, vat_id)
	    SELECT 'C4B', 'Mueller GmbH', 'standard', id, team, 'DE', 'Berlin', 'DE 123 456 789'
	    FROM kam.app_user WHERE role_name = 'bo'"
	screen_sql "UPDATE kam.contact SET phone = '+49 30 1234 567' WHERE erp_id = 'C4-P1'"
}

unplant() {
	screen_sql "DELETE FROM kam.not_duplicate"
	screen_sql "DELETE FROM kam.account WHERE erp_id = 'C4B'"
	screen_sql "DELETE FROM kam.contact WHERE name IN ('H. Mueller', 'Petra Schmidt')"
	screen_sql "UPDATE kam.contact SET phone = NULL WHERE erp_id = 'C4-P1'"
}

@test "the account form's look-alike warning: o opens the account on record instead" {
	plant
	screen_open_account "Müller GmbH"
	screen_keys e
	screen_wait "Edit account - Müller GmbH"
	screen_keys Right
	screen_keys C-s
	screen_wait "This account looks like Mueller GmbH, Berlin (same VAT id DE123456789"
	[[ "$(screen_flat)" == *": open it? Save anyway? (y/n, o: open it)"* ]]
	screen_keys o
	screen_wait "Opened Mueller GmbH instead"
	screen_wait "kam - Mueller GmbH"
	# nothing saved
	[ "$(screen_sql "SELECT tier FROM kam.account WHERE erp_id = 'C4'")" = key ]
	unplant
}

@test "the contact form warns of the same phone in another notation; o opens that contact" {
	plant
	SCREEN_COLS=120 SCREEN_ROWS=40 screen_open_account "Müller GmbH" 2
	screen_keys a
	screen_type "Petra Schmidt"
	screen_keys Tab Tab Tab
	screen_type "030 1234567"
	screen_keys C-s
	screen_wait "This contact looks like Hans Müller, hans@mueller.example.com, +49 30 1234 567 (same phone +49301234567)"
	screen_keys o
	screen_wait "Opened Hans Müller instead"
	screen_wait "Edit contact"
	[[ "$(screen_text)" == *"hans@mueller.example.com"* ]]
	[ "$(screen_sql "SELECT count(*) FROM kam.contact WHERE name = 'Petra Schmidt'")" = 0 ]
	unplant
}

@test "the contact form warns of a similar name and of the same e-mail; y saves anyway" {
	plant
	screen_open_account "Müller GmbH" 2
	screen_keys a
	screen_type "Hans Muller"
	screen_keys C-s
	screen_wait "This contact looks like Hans Müller"
	screen_wait "% alike): open it? Save anyway?"
	screen_keys n
	screen_wait "Not saved: the form is as you left it."
	screen_keys C-u
	screen_type "H. Mueller"
	screen_keys Tab Tab
	screen_type "HANS@mueller.example.com"
	screen_keys C-s
	screen_wait "(same e-mail"
	screen_keys y
	screen_wait "Contact saved."
	[ "$(screen_sql "SELECT count(*) FROM kam.contact WHERE name = 'H. Mueller'")" = 1 ]
	unplant
}
