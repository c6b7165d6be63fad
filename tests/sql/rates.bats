#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Money across currencies (issue 12, item 5): the reporting currency, the
# exchange rates and kam.convert_amount, through psql as each role.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 -c "
	INSERT INTO kam.exchange_rate (currency, quote, valid_on, rate) VALUES
	  ('SEK', 'EUR', '2026-01-01', 0.09), ('SEK', 'EUR', '2026-03-01', 0.08),
	  ('USD', 'EUR', '2026-01-01', 0.9), ('EUR', 'JPY', '2026-02-01', 160)"
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

conv() {	# conv AMOUNT FROM TO DAY: kam.convert_amount as anna sees it
	pg_as anna -c "SELECT coalesce(kam.convert_amount($1, '$2', '$3', '$4')::text, 'NULL')"
}

@test "the reporting currency is EUR until an administrator changes it" {
	[ "$(pg_as sam -c 'SELECT kam.reporting_currency()')" = EUR ]
	run pg_as anna -c "SELECT kam.set_reporting_currency('USD')"
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied for function set_reporting_currency"* ]]
	run pg_as anna -c "UPDATE kam.company_setting SET reporting_currency = 'USD'"
	[ "$status" -ne 0 ]
	run pg_as kamadmin -c "SELECT kam.set_reporting_currency('usd')"
	[ "$status" -ne 0 ]
	[[ "$output" == *'invalid currency "usd"'* ]]
	[ "$(pg_as kamadmin -c "SELECT kam.set_reporting_currency('USD')")" = USD ]
	[ "$(pg_as anna -c 'SELECT kam.reporting_currency()')" = USD ]
	[ "$(psql -X -At -c "SELECT actor, new ->> 'reporting_currency' FROM kam.audit_log WHERE table_name = 'setting' ORDER BY id DESC LIMIT 1")" = "kamadmin|USD" ]
	pg_as kamadmin -c "SELECT kam.set_reporting_currency('EUR')" >/dev/null
}

@test "the latest rate on or before the day converts; before the first rate, none" {
	[ "$(conv 1000 SEK EUR 2026-02-15)" = 90.00 ]
	[ "$(conv 1000 SEK EUR 2026-03-01)" = 80.00 ]
	[ "$(conv 1000 SEK EUR 2025-12-31)" = NULL ]
	[ "$(conv 1000.5 EUR EUR 2020-01-01)" = 1000.50 ]
}

@test "a rate serves the other way round and through a common currency" {
	[ "$(conv 90 EUR USD 2026-02-01)" = 100.00 ]
	[ "$(conv 16000 JPY EUR 2026-02-01)" = 100.00 ]
	# SEK -> EUR -> USD: 1000 * 0.08 / 0.9
	[ "$(conv 1000 SEK USD 2026-03-02)" = 88.89 ]
	[ "$(pg_as anna -c "SELECT valid_on FROM kam.exchange_rate_on('SEK', 'JPY', '2026-03-02')")" = 2026-02-01 ]
}

@test "a currency without a rate converts to NULL, never to the amount itself" {
	[ "$(conv 1000 KRW EUR 2026-03-01)" = NULL ]
	[ "$(conv 1000 EUR KRW 2026-03-01)" = NULL ]
}

@test "everyone reads rates; only administrators write them" {
	[ "$(pg_as sam -c 'SELECT count(*) FROM kam.exchange_rate')" -eq 4 ]
	run pg_as anna -c "INSERT INTO kam.exchange_rate (currency, quote, valid_on, rate) VALUES ('GBP', 'EUR', '2026-01-01', 1.15)"
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied for table exchange_rate"* ]]
	pg_as kamadmin -c "INSERT INTO kam.exchange_rate (currency, quote, valid_on, rate) VALUES ('GBP', 'EUR', '2026-01-01', 1.15)"
	[ "$(psql -X -At -c "SELECT actor FROM kam.audit_log WHERE table_name = 'exchange_rate' ORDER BY id DESC LIMIT 1")" = kamadmin ]
	run pg_as kamadmin -c "INSERT INTO kam.exchange_rate (currency, quote, valid_on, rate) VALUES ('GBP', 'EUR', '2026-01-02', 0)"
	[ "$status" -ne 0 ]
	run pg_as kamadmin -c "TRUNCATE kam.exchange_rate"
	[ "$status" -ne 0 ]
}

@test "account figures in the reporting currency, and which currency lacks a rate" {
	psql -X -q -v ON_ERROR_STOP=1 -c "
	UPDATE kam.account SET currency = 'SEK' WHERE erp_id = 'C1';
	UPDATE kam.account SET currency = 'KRW' WHERE erp_id = 'C2';
	INSERT INTO kam.erp_invoice (erp_id, account_id, number, invoice_date, due_date, amount, open_amount, currency, status, erp_updated_at)
	SELECT 'RT-' || a.erp_id, a.id, 'RT-' || a.erp_id, current_date, current_date, 1000, 500, a.currency, 'open', now()
	  FROM kam.account a WHERE a.erp_id IN ('C1', 'C2');
	INSERT INTO kam.exchange_rate (currency, quote, valid_on, rate) VALUES ('SEK', 'EUR', current_date, 0.1)"
	run pg_as anna -c "SELECT a.erp_id, m.currency, m.revenue_year, coalesce(m.revenue_reporting::text, '-'), m.open_reporting, coalesce(m.missing_rate, '-'), m.rate_on = current_date FROM kam.account_money m JOIN kam.account a ON a.id = m.account_id WHERE a.erp_id IN ('C1', 'C2') ORDER BY 1"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "C1|SEK|1000.00|100.00|50.00|-|t" ]
	[ "${lines[1]}" = "C2|KRW|1000.00|-||KRW|" ]
	# support may not read amounts, converted or not
	run pg_as sam -c "SELECT count(*) FROM kam.account_money"
	[ "$status" -ne 0 ]
	[ "$(pg_as sam -c "SELECT rate IS NULL FROM kam.reporting_rate WHERE currency = 'KRW'")" = t ]
}
