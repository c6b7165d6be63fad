#!/usr/bin/env bats
# The sync and the portfolio's kept figures (migrations 0053, 0062,
# 0080): a page of orders or invoices over more than 64 accounts only
# drops their kept rows, and the sync works them out again after its last
# page, each once, so that the portfolio reads every account from a kept
# row, with the figures 0045's definition gives (kam.portfolio_computed).

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_start native --customers 100 --contacts 10 --orders 400 --invoices 200
}

teardown_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_stop
}

setup() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_fresh
}

# stale: the accounts without a kept row that holds today
stale() {
	q "SELECT count(*) FROM kam.account a WHERE NOT EXISTS (
	       SELECT FROM kam.portfolio_figure k WHERE k.account_id = a.id
	          AND current_date BETWEEN k.kept_on AND k.valid_until)"
}

# differing: the portfolio's lines that are not the computed ones, and
# the computed ones it lacks
differing() {
	pg_as kamadmin -c "
	    SELECT count(*) FROM (
	        (SELECT p::text FROM kam.portfolio p
	         EXCEPT ALL SELECT c::text FROM kam.portfolio_computed c)
	        UNION ALL
	        (SELECT c::text FROM kam.portfolio_computed c
	         EXCEPT ALL SELECT p::text FROM kam.portfolio p)) x"
}

@test "after a sync every account's figures are kept, and they are the computed ones" {
	sync
	[ "$status" -eq 0 ]
	[ "$(q "SELECT count(DISTINCT account_id) FROM kam.erp_order")" -gt 64 ]
	[ "$(stale)" = 0 ]
	[ "$(differing)" = 0 ]
}

@test "a second sync that changes nothing keeps every row kept" {
	sync
	[ "$status" -eq 0 ]
	sync
	[ "$status" -eq 0 ]
	[ "$(stale)" = 0 ]
}

@test "the lanes share the refresh, a span of the accounts' ids each, and leave no account out" {
	# 3 000 accounts more (one statement: their rows are only dropped),
	# enough ids for three spans of at least a batch
	q "INSERT INTO kam.account (erp_id, name, tier)
	    SELECT 'X' || i, 'Spread ' || i, 'standard' FROM generate_series(1, 3000) i" >/dev/null
	[ "$(stale)" -ge 3000 ]
	export KAM_CONFIG=$BATS_TEST_TMPDIR/kam.conf
	printf '[erp]\nconnections = 3\n' > "$KAM_CONFIG"
	sync
	[ "$status" -eq 0 ]
	[ "$(stale)" = 0 ]
	[ "$(differing)" = 0 ]
}

@test "where few accounts are stale, each lane works out those of its own span, each once" {
	q "INSERT INTO kam.account (erp_id, name, tier)
	    SELECT 'X' || i, 'Spread ' || i, 'standard' FROM generate_series(1, 3000) i" >/dev/null
	export KAM_CONFIG=$BATS_TEST_TMPDIR/kam.conf
	printf '[erp]\nconnections = 2\n' > "$KAM_CONFIG"
	sync
	[ "$status" -eq 0 ]
	[ "$(stale)" = 0 ]
	# a tenth stale, over both lanes' spans (as a re-sync leaves them);
	# each batch holds its accounts' locks a second, so that the other
	# lane has chosen its stale accounts before the first batch ends
	q "DELETE FROM kam.portfolio_figure WHERE account_id % 10 = 0" >/dev/null
	n=$(stale)
	[ "$n" -gt 300 ]
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE TABLE public.recounted (account_id bigint);
CREATE FUNCTION public.recounted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
	INSERT INTO public.recounted SELECT account_id FROM new_rows;
	PERFORM pg_sleep(1);
	RETURN NULL;
END
$$;
CREATE TRIGGER recounted AFTER INSERT ON kam.portfolio_figure
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION public.recounted();
SQL
	sync
	twice=$(q "SELECT count(*) - count(DISTINCT account_id) FROM public.recounted")
	once=$(q "SELECT count(DISTINCT account_id) FROM public.recounted")
	q "DROP TRIGGER recounted ON kam.portfolio_figure;
	   DROP FUNCTION public.recounted(); DROP TABLE public.recounted" >/dev/null
	[ "$status" -eq 0 ]
	[ "$twice" = 0 ]
	[ "$once" = "$n" ]
	[ "$(stale)" = 0 ]
	[ "$(differing)" = 0 ]
}
