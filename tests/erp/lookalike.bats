#!/usr/bin/env bats
# The sync reports new ERP customers that look like accounts kam had
# before the run (issue 15, item 5; migration 0057): one statement after
# the customers are applied, its pairs on stderr beside the summary.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_start native --customers 5 --contacts 0 --orders 0 --invoices 0
}

teardown_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_stop
}

setup() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_fresh
}

@test "a new customer with the VAT id and name of an account kam had is reported" {
	sync --resource customers
	[ "$status" -eq 0 ]
	[[ "$stderr" != *"looks like"* ]]
	# kam had the customer before, typed in by hand; the ERP's record of
	# it comes (again) in the next run
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 -c "
	    INSERT INTO kam.account (name, country, city, vat_id)
	    SELECT name, country, city, vat_id FROM kam.account WHERE erp_id = 'C00002';
	    DELETE FROM kam.account WHERE erp_id = 'C00002'"
	vat=$(q "SELECT vat_id_normal FROM kam.account WHERE erp_id IS NULL AND vat_id IS NOT NULL ORDER BY id DESC LIMIT 1")
	erp_ctl mutate '{"op": "touch", "resource": "customers", "ids": [2]}' >/dev/null
	sync --resource customers
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"customers: new customer C00002 ("*") looks like the account "*": same VAT id $vat; names 100 % alike"* ]]
	[[ "$stderr" == *"customers: 1 pair of a new customer and an account kam had look alike"* ]]
	[[ "${lines[0]}" == "customers fetched 5, inserted 1,"* ]]
}
