#!/usr/bin/env bats
# How a page is applied (src/erp/erp_resource.c): after --full kam holds
# exactly what the ERP holds, even where a record's change time went back
# (a restore from a backup, a clock set right).

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_start native --customers 10 --contacts 20 --orders 50 --invoices 0
}

teardown_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_stop
}

setup() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_fresh
}


@test "--full takes the ERP's record even when its change time went back" {
	sync
	[ "$status" -eq 0 ]
	before=$(q "SELECT amount || ' ' || status FROM kam.erp_order WHERE erp_id = 'O0000003'")
	erp_ctl mutate '{"op": "backdate", "resource": "orders", "ids": [3], "to": "2025-01-01T00:00:00Z"}'
	sync --full --resource orders
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "orders    fetched 50, inserted 0, updated 1, unchanged 49, deleted 0, errors 0" ]
	[ "$(q "SELECT erp_updated_at AT TIME ZONE 'UTC' FROM kam.erp_order WHERE erp_id = 'O0000003'")" = "2025-01-01 00:00:00" ]
	[ "$(q "SELECT amount || ' ' || status FROM kam.erp_order WHERE erp_id = 'O0000003'")" != "$before" ]
	PGUSER=postgres "$PYTHON3" "$KAM_SRCDIR/tests/erp/compare.py" "$KAM_ERP_URL" "$KAM_ERP_TOKEN"
}

@test "--full takes a tombstone older than kam's copy, for contacts too" {
	sync
	[ "$status" -eq 0 ]
	erp_ctl mutate '{"op": "delete", "resource": "orders", "ids": [4]}'
	erp_ctl mutate '{"op": "backdate", "resource": "orders", "ids": [4], "to": "2025-01-01T00:00:00Z"}'
	erp_ctl mutate '{"op": "backdate", "resource": "contacts", "ids": [5], "to": "2025-01-01T00:00:00Z"}'
	sync --full --resource orders
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "orders    fetched 50, inserted 0, updated 0, unchanged 49, deleted 1, errors 0" ]
	sync --full --resource contacts
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "contacts  fetched 20, inserted 0, updated 1, unchanged 19, deleted 0, errors 0" ]
	PGUSER=postgres "$PYTHON3" "$KAM_SRCDIR/tests/erp/compare.py" "$KAM_ERP_URL" "$KAM_ERP_TOKEN"
}
