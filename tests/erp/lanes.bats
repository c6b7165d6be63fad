#!/usr/bin/env bats
# Pages applied side by side on several connections (erp.connections,
# kam-erp(5)): a record saved twice ends with its newest version, a page
# that fails in the database leaves the mark before it with every page
# before it stored, and the next run completes what is missing.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_start native --customers 10 --contacts 10 --orders 60 --invoices 10
}

teardown_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_stop
}

setup() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_fresh
	export KAM_CONFIG=$BATS_TEST_TMPDIR/kam.conf
	lanes 2
}

teardown() {
	q "DROP TRIGGER IF EXISTS refuse ON kam.erp_order" >/dev/null
}

# lanes N: small pages on N connections, so that pages are in flight
# together.
lanes() {
	printf '[erp]\npage_size = 3\nconnections = %s\n' "$1" > "$KAM_CONFIG"
}

complete() {
	PGUSER=postgres "$PYTHON3" "$KAM_SRCDIR/tests/erp/compare.py" "$KAM_ERP_URL" "$KAM_ERP_TOKEN"
}

# The orders' ids in the order the ERP lists them (by change time, then
# id), as the sync stored them.
listed() {
	q "SELECT erp_id FROM kam.erp_order ORDER BY erp_updated_at, erp_id"
}

@test "records saved again while two and four connections apply pages end with their newest version" {
	for n in 2 4; do
		erp_ctl reset >/dev/null
		erp_forget
		lanes "$n"
		# saves between the first five requests of orders; the pages
		# after them bring the new versions
		erp_ctl fault '{"kind": "changing", "count": 2, "times": 5, "resource": "orders"}' >/dev/null
		sync
		[ "$status" -eq 0 ]
		erp_ctl clear >/dev/null
		complete
		[ "$(q "SELECT count(*) FROM kam.erp_order")" -eq 60 ]
	done
}

@test "duplicates across pages on four connections are absorbed" {
	lanes 4
	erp_ctl fault '{"kind": "duplicates", "count": 2, "times": 0, "resource": "orders"}' >/dev/null
	sync
	[ "$status" -eq 0 ]
	[[ "${lines[2]}" == "orders    fetched "*", inserted 60, updated 0, unchanged "*", deleted 0, errors 0" ]]
	complete
}

@test "a page failing in the database: the mark stays before it, the pages before it are stored" {
	local bad mark stored
	sync
	[ "$status" -eq 0 ]
	# the 29th order the ERP lists: page 10 of 3 records
	bad=$(listed | sed -n 29p)
	erp_forget
	q "CREATE OR REPLACE FUNCTION public.refuse() RETURNS trigger LANGUAGE plpgsql
	   AS \$\$BEGIN RAISE EXCEPTION 'refused for the test'; END\$\$" >/dev/null
	q "CREATE TRIGGER refuse BEFORE INSERT ON kam.erp_order FOR EACH ROW
	   WHEN (NEW.erp_id = '$bad') EXECUTE FUNCTION public.refuse()" >/dev/null
	sync --resource customers
	[ "$status" -eq 0 ]
	sync --resource orders
	[ "$status" -ne 0 ]
	[[ "$stderr" == *"refused for the test"* ]]
	[ "$(q "SELECT count(*) FROM kam.erp_order WHERE erp_id = '$bad'")" -eq 0 ]
	# the first 27 (nine pages before it) are stored
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -ge 27 ]
	mark=$(q "SELECT high_water_mark FROM kam.sync_state WHERE resource = 'orders'")
	q "DROP TRIGGER refuse ON kam.erp_order" >/dev/null
	stored=$(q "SELECT string_agg(erp_id, ' ' ORDER BY erp_id) FROM kam.erp_order")
	sync
	[ "$status" -eq 0 ]
	complete
	# the mark was not past the refused order, and every order up to it
	# had been stored by the failed run
	[ "$(q "SELECT count(*) FROM kam.erp_order WHERE erp_id = '$bad'
	        AND erp_updated_at > '$mark'")" -eq 1 ]
	[ "$(q "SELECT count(*) FROM kam.erp_order WHERE erp_updated_at <= '$mark'
	        AND erp_id <> ALL (string_to_array('$stored', ' '))")" -eq 0 ]
}

@test "one connection applies the pages as before" {
	lanes 1
	erp_ctl fault '{"kind": "changing", "count": 2, "times": 5, "resource": "orders"}' >/dev/null
	sync
	[ "$status" -eq 0 ]
	erp_ctl clear >/dev/null
	complete
}
