#!/usr/bin/env bats
# Money with its currency (issue 12, item 5): the list sorts revenue in the
# reporting currency, not by the bare numbers of KRW and JPY; every amount
# on the list, the Overview, Orders and the plan carries its currency; the
# screen names the reporting currency and the rates' day; a currency
# without a rate says so and sorts last instead of mixing in.

bats_require_minimum_version 1.5.0

load hooks

setup_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	screen_db_start
	psql -X -q -v ON_ERROR_STOP=1 <<-'SQL'
	INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city, currency)
	SELECT v.erp_id, v.name, 'key', u.id, u.team, v.country, 'X', v.currency
	  FROM (VALUES ('M1', 'Won Heavy Industries', 'KR', 'KRW'),
	               ('M2', 'Yen Precision', 'JP', 'JPY'),
	               ('M3', 'Euro Big AG', 'DE', 'EUR'),
	               ('M4', 'Baht Traders', 'TH', 'THB')) v (erp_id, name, country, currency)
	  JOIN kam.app_user u ON u.role_name = 'anna';
	INSERT INTO kam.erp_invoice (erp_id, account_id, number, invoice_date, due_date, amount, open_amount, currency, status, erp_updated_at)
	SELECT 'MI-' || a.erp_id, a.id, '7000000' || right(a.erp_id, 1), current_date, current_date + 30, v.amount, v.amount / 10, a.currency, 'open', now()
	  FROM (VALUES ('M1', 500000000), ('M2', 80000000), ('M3', 900000), ('M4', 9000000)) v (erp_id, amount)
	  JOIN kam.account a ON a.erp_id = v.erp_id;
	INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, erp_updated_at)
	SELECT 'MO-1', id, '80000001', current_date, 123456789, 'KRW', 'open', now() FROM kam.account WHERE erp_id = 'M1';
	INSERT INTO kam.account_plan (account_id, year, revenue_target, status)
	SELECT id, extract(year FROM current_date)::int, 600000000, 'active' FROM kam.account WHERE erp_id = 'M1';
	-- 1 KRW = 0.00069 EUR, 1 EUR = 160 JPY (read the other way round)
	INSERT INTO kam.exchange_rate (currency, quote, valid_on, rate) VALUES
	  ('KRW', 'EUR', current_date - 3, 0.00069), ('EUR', 'JPY', current_date - 3, 160);
	SQL
}

# The list scrolled right to the money columns, sorted by revenue.
revenue_list() {
	screen_start
	screen_keys :
	screen_type "sort revenue $1"
	screen_keys Enter
	screen_wait "sort revenue"
	screen_keys l l l
	screen_wait "Revenue YTD"
}

# The names of the list's first data rows, in order. The Name column is
# as wide as its longest name shown (20 here) at 80 columns: one column
# of space follows it.
first_rows() {
	screen_text | sed -n "3,$((2 + $1))p" | cut -c1-20 | sed 's/ *$//'
}

@test ":sort revenue desc compares in EUR: KRW and JPY are not on top for their digits" {
	revenue_list desc
	run first_rows 3
	[ "${lines[0]}" = "Euro Big AG" ]
	[ "${lines[1]}" = "Yen Precision" ]
	[ "${lines[2]}" = "Won Heavy Industries" ]
	[[ "$(screen_line 'Euro Big AG')" == *"900,000 EUR"* ]]
	# 80,000,000 JPY / 160 and 500,000,000 KRW * 0.00069, in EUR
	[[ "$(screen_line 'Yen Precision')" == *"500,000 EUR"* ]]
	[[ "$(screen_line 'Won Heavy Industries')" == *"345,000 EUR"* ]]
}

@test "the list says which currency and which rates it uses" {
	screen_start
	day=$(psql -X -At -c "SELECT current_date - 3")
	[[ "$(screen_text | head -1)" == *"in EUR, rates of $day; no rate for THB"* ]]
}

@test "an account whose currency has no rate shows its own and sorts last either way" {
	revenue_list desc
	screen_keys G
	[[ "$(screen_text | grep -B1 'Accounts: row' | head -1)" == "Baht Traders"* ]]
	[[ "$(screen_line 'Baht Traders')" == *"9,000,000 THB no rate"* ]]
	revenue_list asc
	screen_keys G
	[[ "$(screen_text | grep -B1 'Accounts: row' | head -1)" == "Baht Traders"* ]]
}

@test "the Overview shows each amount with its currency, and in EUR with the rate's day" {
	screen_start
	screen_keys :
	screen_type "account Won Heavy Industries"
	screen_keys Enter
	screen_wait "Master data"
	# the card's labels are as wide as the widest ("In reporting
	# currency"), and a long value wraps: read as one line
	run screen_flat
	[[ "$output" == *"Revenue this year 500,000,000.00 KRW of 600,000,000.00 KRW target"* ]]
	[[ "$output" == *"Open invoices 50,000,000.00 KRW"* ]]
	day=$(psql -X -At -c "SELECT current_date - 3")
	[[ "$output" == *"345,000.00 EUR revenue, 34,500.00 EUR open (rates of $day)"* ]]
}

@test "without a rate the Overview says so rather than convert" {
	screen_start
	screen_keys :
	screen_type "account Baht Traders"
	screen_keys Enter
	screen_wait "Master data"
	[[ "$(screen_text)" == *"not converted: no exchange rate from THB to EUR"* ]]
	[[ "$(screen_flat)" == *"Revenue this year 9,000,000.00 THB"* ]]
}

@test "Orders & invoices and the plan's target carry their currency" {
	screen_start
	screen_keys :
	screen_type "account Won Heavy Industries"
	screen_keys Enter
	screen_wait "Master data"
	screen_keys 7
	screen_wait "80000001"
	[[ "$(screen_line 80000001)" == *"123,456,789.00 KRW"* ]]
	[[ "$(screen_line 70000001)" == *"500,000,000.00 KRW"*"50,000,000.00 KRW"* ]]
	screen_keys 5
	screen_wait "Revenue target"
	[[ "$(screen_line 'Revenue target')" == *"600,000,000.00 KRW"* ]]
}
