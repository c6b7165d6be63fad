#!/usr/bin/env bats
# The merge in the client (issue 15, item 4; merge_screen.h): J on a pair
# of the duplicates (:quality, Tab) shows both accounts side by side, the
# value each field keeps marked "*" by the default winner rule; Enter
# flips a field, X swaps winner and loser; below stands the dry run
# (what kam --merge --dry-run prints); J merges, asked first, and U undoes
# it, both accounts then exactly as before. U on an account undoes the
# last merge into it; J on two contacts merges them the same way. The
# look-alike is planted as in duplicates.bats: Mueller GmbH, Berlin, with
# Müller GmbH's (C4) VAT id, two history entries and a contact.

bats_require_minimum_version 1.5.0

load hooks
load randkeys_run

plant() {
	unplant
	screen_sql "INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city, vat_id, industry)
	    SELECT 'C4B', 'Mueller GmbH', 'standard', id, team, 'DE', 'Berlin', 'DE 123 456 789', 'Zinc plating'
	    FROM kam.app_user WHERE role_name = 'anna'"
	screen_sql "INSERT INTO kam.interaction (account_id, author_id, channel, direction, subject)
	    SELECT a.id, u.id, 'call', 'inbound', 'Planted call ' || n
	    FROM kam.account a, kam.app_user u, generate_series(1, 2) n
	    WHERE a.erp_id = 'C4B' AND u.role_name = 'anna'"
	screen_sql "INSERT INTO kam.contact (account_id, name, email)
	    SELECT id, 'Hans Mueller', 'hans.m@mueller.example.com' FROM kam.account WHERE erp_id = 'C4'"
}

unplant() {
	screen_sql "DELETE FROM kam.merge_row"
	screen_sql "DELETE FROM kam.merge"
	screen_sql "DELETE FROM kam.not_duplicate"
	screen_sql "DELETE FROM kam.interaction WHERE subject LIKE 'Planted call %'"
	screen_sql "UPDATE kam.contact SET merged_into = NULL WHERE merged_into IS NOT NULL"
	screen_sql "DELETE FROM kam.contact WHERE name = 'Hans Mueller'"
	screen_sql "UPDATE kam.account SET merged_into = NULL WHERE merged_into IS NOT NULL"
	screen_sql "DELETE FROM kam.account WHERE erp_id = 'C4B'"
}

# Both accounts, their history and contacts, as the database has them.
snapshot() {
	screen_sql "SELECT string_agg(x::text, E'\n' ORDER BY x::text) FROM (
	    SELECT to_jsonb(a) AS x FROM kam.account a WHERE a.erp_id IN ('C4', 'C4B')
	    UNION ALL SELECT to_jsonb(i) FROM kam.interaction i
	      JOIN kam.account a ON a.id = i.account_id WHERE a.erp_id IN ('C4', 'C4B')
	    UNION ALL SELECT to_jsonb(c) FROM kam.contact c
	      JOIN kam.account a ON a.id = c.account_id WHERE a.erp_id IN ('C4', 'C4B')
	    UNION ALL SELECT to_jsonb(n) FROM kam.not_duplicate n) s"
}

# merge_open COLSxROWS [ENV ...]: the merge view of the planted pair.
merge_open() {
	local size=$1
	shift
	SCREEN_COLS=${size%x*} SCREEN_ROWS=${size#*x} screen_start "$@"
	screen_keys :
	screen_type quality
	screen_keys Enter
	screen_wait "Data quality - my accounts"
	screen_keys Tab
	screen_wait "same VAT id DE123456789"
	screen_find "same VAT id"
	screen_keys J
	screen_wait "Merge accounts: Müller GmbH <- Mueller GmbH"
	screen_wait "Dry run: the merge would change (J merges)" 20
}

not_on_screen() {
	! on_screen "$1"
}

@test "J on a pair shows both side by side with the default winner at 80x24 and 120x40" {
	plant
	merge_open 80x24
	# the ERP's fields from the side the ERP sends, both have an ERP id:
	# the winner's; the empty industry takes the loser's
	[[ "$(screen_line " name (ERP)")" == *"* Müller GmbH"*"  Mueller GmbH"* ]]
	[[ "$(screen_line " industry")" == *"* Zinc plating"* ]]
	[[ "$(screen_line " industry")" != *"* "*"* "* ]]
	screen_wait "interaction: 2 moved"
	screen_wait "more (kam --merge with --dry-run shows all)"
	[[ "$(screen_text)" == *"Enter: flip"*"J: merge"* ]]
	screen_clean
	screen_resize 120 40
	screen_wait "Winner"
	[[ "$(screen_line " name (ERP)")" == *"* Müller GmbH"*"  Mueller GmbH"* ]]
	[[ "$(screen_line " payment_terms (ERP)")" == *"(ERP)"*"*"* ]]
	screen_wait "interaction: 2 moved"
	screen_wait "tombstone: account"
	screen_clean
	# nothing changed by looking
	[ "$(screen_sql "SELECT count(*) FROM kam.merge")" = 0 ]
	unplant
}

@test "Enter flips a field, the dry run follows; X swaps winner and loser" {
	plant
	merge_open 80x24
	screen_keys Enter
	screen_until 10 on_screen "account.name: Müller GmbH -> Mueller GmbH"
	[[ "$(screen_line " name (ERP)")" == *"  Müller GmbH"*"* Mueller GmbH"* ]]
	screen_keys h
	screen_until 10 not_on_screen "account.name: Müller GmbH -> Mueller GmbH"
	screen_keys X
	screen_wait "Merge accounts: Mueller GmbH <- Müller GmbH"
	screen_wait "Dry run: the merge would change (J merges)" 20
	[[ "$(screen_line " name (ERP)")" == *"* Mueller GmbH"*"  Müller GmbH"* ]]
	[ "$(screen_sql "SELECT count(*) FROM kam.merge")" = 0 ]
	unplant
}

@test "J merges with the fields chosen (asked first), U undoes it: both exactly as before" {
	local before
	plant
	before=$(snapshot)
	merge_open 80x24 -- --theme mono
	screen_find "industry"
	screen_keys h
	screen_until 10 not_on_screen "account.industry"
	# h reads the dry run again; J before it came said "not known yet"
	# (failed in CI at load 2 to 3)
	screen_wait "Dry run: the merge would change (J merges)" 20
	screen_keys J
	screen_wait "Merge Mueller GmbH"
	screen_keys n
	screen_wait "Nothing was changed."
	[ "$(screen_sql "SELECT count(*) FROM kam.merge")" = 0 ]
	screen_keys J
	screen_wait "It keeps a tombstone"
	screen_keys y
	screen_wait "Merged: merge" 20
	[ "$(screen_sql "SELECT count(*) FROM kam.account WHERE erp_id = 'C4B'
	    AND merged_into = (SELECT id FROM kam.account WHERE erp_id = 'C4')")" = 1 ]
	[ "$(screen_sql "SELECT count(*) FROM kam.interaction i JOIN kam.account a
	    ON a.id = i.account_id WHERE a.erp_id = 'C4' AND i.subject LIKE 'Planted%'")" = 2 ]
	# the industry stayed the winner's, as chosen
	[ "$(screen_sql "SELECT coalesce(industry, '') FROM kam.account WHERE erp_id = 'C4'")" = "" ]
	[ "$(screen_sql "SELECT 'industry' = ANY (from_loser) FROM kam.merge")" = f ]
	[[ "$(screen_text)" == *"U: undo merge"* ]]
	screen_keys U
	screen_wait "Undo merge"
	screen_keys y
	screen_wait "undone: both are back as they were." 20
	[ "$(snapshot)" = "$before" ]
	unplant
}

@test "U on an account shows the last merge into it and undoes it" {
	local before id
	plant
	before=$(snapshot)
	id=$(screen_sql "SELECT merge_id FROM kam.merge_accounts(
	    (SELECT id FROM kam.account WHERE erp_id = 'C4'),
	    (SELECT id FROM kam.account WHERE erp_id = 'C4B')) LIMIT 1")
	screen_open_account "Müller GmbH"
	screen_keys U
	screen_wait "Undo a merge into Müller GmbH"
	screen_wait "Merge $id: account Mueller GmbH"
	screen_keys U
	screen_wait "Undo merge $id"
	screen_keys y
	screen_wait "Undone, merge $id" 20
	[ "$(snapshot)" = "$before" ]
	screen_keys q
	screen_keys U
	screen_wait "No merge into Müller GmbH to undo."
	unplant
}

@test "J on a contact, J on another: the contacts merge side by side, and back" {
	local before
	plant
	before=$(snapshot)
	screen_open_account "Müller GmbH" 2
	screen_find "Hans Müller"
	screen_keys J
	screen_wait "Hans Müller marked to stay"
	screen_find "Hans Mueller"
	screen_keys J
	screen_wait "Merge contacts: Hans Müller <- Hans Mueller"
	screen_wait "Dry run: the merge would change (J merges)" 20
	[[ "$(screen_line " email (ERP)")" == *"* hans@mueller.example.com"*"  hans.m@mueller"* ]]
	screen_keys J
	screen_wait "It keeps a tombstone"
	screen_keys y
	screen_wait "Merged: merge" 20
	[ "$(screen_sql "SELECT active FROM kam.contact WHERE name = 'Hans Mueller'")" = f ]
	screen_keys U
	screen_keys y
	screen_wait "undone: both are back as they were." 20
	[ "$(snapshot)" = "$before" ]
	unplant
}

@test "a merge the database refuses says why and changes nothing" {
	plant
	# anna, a manager of the north, may not write the south's accounts
	screen_sql "UPDATE kam.account SET team = 'south', owner_id = (SELECT id FROM kam.app_user
	    WHERE role_name = 'bo') WHERE erp_id = 'C4B'"
	SCREEN_COLS=80 SCREEN_ROWS=24 screen_start
	screen_keys :
	screen_type quality
	screen_keys Enter
	screen_wait "Data quality - my accounts"
	screen_keys Tab
	screen_find "same VAT id"
	screen_keys J
	screen_wait "anna may not write both accounts, so may not merge them" 20
	screen_wait "Dry run: refused"
	screen_keys J
	screen_wait "What the merge would do is not known yet."
	[ "$(screen_sql "SELECT count(*) FROM kam.merge")" = 0 ]
	unplant
}

# each start again plants the pair anew (a random y may have merged it)
randkeys_open_merge() {
	plant
	screen_keys :
	screen_type quality
	screen_keys Enter
	screen_wait "Data quality - my accounts"
	screen_keys Tab
	screen_until 10 on_screen "same VAT id DE123456789" || return 0
	screen_find "same VAT id"
	screen_keys J
	screen_wait "Merge accounts"
}

@test "random keys in the merge view, at 80x24 and at 120x40" {
	plant
	export PGUSER=anna RANDKEYS_OPEN=randkeys_open_merge
	randkeys_setup
	for size in 80x24 120x40; do
		randkeys_run "${KAM_RANDKEYS_STEPS:-400}" "${KAM_RANDKEYS_MERGE_SECONDS:-30}"
	done
	unplant
}
