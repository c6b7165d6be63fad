#!/usr/bin/env bats
# kam --merge, --merge-contact and --unmerge on tests/sql/merge.sql: the
# dry run prints what would move and changes nothing, the merge prints the
# same and how to undo it, the undo restores; refusals with their sysexits
# codes (64 usage, 65 data, 66 not found, 77 not allowed).

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	pg_as postgres -f "$KAM_SRCDIR/tests/sql/merge.sql" >/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

moved="  account: 2 moved
  account_plan: 1 moved, 1 changed, 1 folded into the winner's
  contact: 2 moved
  erp_invoice: 1 moved
  erp_order: 1 moved
  goodwill: 1 moved
  interaction: 3 moved
  plan_action: 1 moved
  service_level: 1 moved
  special_condition: 1 moved
  team_member: 1 moved
  ticket: 1 moved
  ticket_pause: 1 moved"

@test "a dry run prints what would move and changes nothing" {
	run --separate-stderr "$KAM" --merge W1 'Weber Antriebe' --dry-run -d user=anna
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Dry run: the merge would change" ]
	[ "$(sed -n 2,14p <<<"$output")" = "$moved" ]
	[ "${lines[-1]}" = "Nothing was changed." ]
	[ "$(q "SELECT count(*) FROM kam.merge")" -eq 0 ]
	[ "$(q "SELECT count(*) FROM kam.account WHERE merged_into IS NOT NULL")" -eq 1 ]
}

@test "a merge prints the same, and its number undoes it" {
	before=$(q "SELECT string_agg(t::text, E'\n' ORDER BY t::text) FROM kam.interaction t")
	run --separate-stderr "$KAM" --merge W1 W2 -d user=anna
	[ "$status" -eq 0 ]
	id=$(q "SELECT id FROM kam.merge")
	[ "${lines[0]}" = "Merge $id:" ]
	[ "$(sed -n 2,14p <<<"$output")" = "$moved" ]
	[ "${lines[-1]}" = "Undo it with: kam --unmerge $id" ]
	run --separate-stderr "$KAM" --unmerge "$id" -d user=anna
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Undone, merge $id:" ]
	[ "$(q "SELECT string_agg(t::text, E'\n' ORDER BY t::text) FROM kam.interaction t")" = "$before" ]
	run --separate-stderr "$KAM" --unmerge "$id" -d user=anna
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"merge $id was undone already"* ]]
}

@test "who may not write both is refused with 77; support too" {
	run --separate-stderr "$KAM" --merge W1 W2 -d user=bo
	[ "$status" -eq 77 ]
	[ "$stderr" = "kam: not allowed: bo may not write both accounts, so may not merge them Their owner, their team or an administrator may." ]
	run --separate-stderr "$KAM" --merge W1 W2 --dry-run -d user=sam
	[ "$status" -eq 77 ]
	[ "$(q "SELECT count(*) FROM kam.merge")" -eq 1 ]
}

@test "usage, unknown names, a merge that is no more: 64, 66, 65" {
	run --separate-stderr "$KAM" --merge W1 -d user=anna
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"--merge takes two: the winner, then the loser"* ]]
	run --separate-stderr "$KAM" --unmerge 1x -d user=anna
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --unmerge 5 --dry-run -d user=anna
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --merge W1 W2 --sync -d user=anna
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --merge W1 nosuch -d user=anna
	[ "$status" -eq 66 ]
	[ "$stderr" = "kam: no account matches 'nosuch'" ]
	run --separate-stderr "$KAM" --unmerge 999 -d user=anna
	[ "$status" -eq 66 ]
	[ "$stderr" = "kam: not found: no merge 999" ]
	run --separate-stderr "$KAM" --merge W1 W1 -d user=anna
	[ "$status" -eq 65 ]
}

@test "contacts: by id or ERP id, of one account" {
	run --separate-stderr "$KAM" --merge-contact P1 P2 --dry-run -d user=anna
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"work for different accounts"* ]]
	"$KAM" --merge W1 W2 -d user=anna >/dev/null
	tom=$(q "SELECT id FROM kam.contact WHERE name = 'Tom Kraus'")
	run --separate-stderr "$KAM" --merge-contact P1 "$tom" -d user=anna
	[ "$status" -eq 0 ]
	[[ "$output" == *"  interaction: 1 moved"* ]]
	[ "$(q "SELECT merged_into FROM kam.contact WHERE id = $tom")" = \
	  "$(q "SELECT id FROM kam.contact WHERE erp_id = 'P1'")" ]
	run --separate-stderr "$KAM" --merge-contact P1 nobody -d user=anna
	[ "$status" -eq 66 ]
}
