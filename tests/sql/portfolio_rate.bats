#!/usr/bin/env bats
# kam.portfolio's target in the reporting currency (migration 0044): the
# rate out of today's map gives what 0017's reporting_rate gave, for a
# direct rate, an inverse one, one through a common currency, a currency
# without a rate (none at all, or only from a later day) and the
# reporting currency itself; under EUR and under USD.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.exchange_rate (currency, quote, valid_on, rate) VALUES
  ('USD', 'EUR', DATE '2020-01-01', 0.9), ('USD', 'EUR', current_date - 3, 0.92),
  ('EUR', 'JPY', DATE '2020-01-01', 160),
  ('GBP', 'USD', DATE '2020-01-01', 1.27),
  ('CHF', 'EUR', current_date + 5, 1.05);
INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city, currency)
SELECT v.erp_id, v.erp_id || ' Ltd', 'key', u.id, u.team, 'DE', 'Kiel', v.cur
  FROM (VALUES ('R1', 'EUR'), ('R2', 'USD'), ('R3', 'JPY'), ('R4', 'GBP'),
               ('R5', 'KRW'), ('R6', 'CHF')) v (erp_id, cur)
  JOIN kam.app_user u ON u.role_name = 'anna';
UPDATE kam.account_plan SET year = extract(year FROM current_date);
INSERT INTO kam.account_plan (account_id, year, revenue_target, objectives, status)
SELECT id, extract(year FROM current_date), 12345.67, 'Grow', 'active'
  FROM kam.account WHERE erp_id LIKE 'R%';
SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

# Rows of kam.portfolio whose target in the reporting currency differs
# from 0017's reporting_rate, written out as it was; and how many rows.
differ() {
	pg_as "$1" -F '|' -c "SELECT count(*) FILTER (WHERE p.target_reporting
	    IS DISTINCT FROM round(p.revenue_target * rr.rate, 2)), count(*)
	  FROM kam.portfolio p
	  LEFT JOIN (SELECT c.currency, s.reporting_currency, x.rate, x.valid_on
	               FROM (SELECT DISTINCT currency FROM kam.account) c
	              CROSS JOIN kam.company_setting s
	               LEFT JOIN LATERAL kam.exchange_rate_on(c.currency,
	                   s.reporting_currency, current_date) x ON true) rr
	       ON rr.currency = p.currency"
}

targets() {
	pg_as anna -F '|' -c "SELECT string_agg(p.currency || '=' ||
	    coalesce(p.target_reporting::text, 'none'), ' ' ORDER BY p.erp_id)
	  FROM kam.portfolio p WHERE p.erp_id LIKE 'R%'"
}

@test "the target in EUR: as reporting_rate gave it, for every rate and none" {
	run differ anna
	[ "$output" = "0|9" ]
	run differ kamadmin
	[ "$output" = "0|9" ]
	run targets
	[ "$output" = "EUR=12345.67 USD=11358.02 JPY=77.16 GBP=14424.68 KRW=none CHF=none" ]
}

@test "the target in USD: the reporting currency changed, the same answers" {
	pg_as kamadmin -c "SELECT kam.set_reporting_currency('USD')"
	run differ anna
	[ "$output" = "0|9" ]
	run differ kamadmin
	[ "$output" = "0|9" ]
	run targets
	[ "$output" = "EUR=13419.21 USD=12345.67 JPY=83.87 GBP=15679.00 KRW=none CHF=none" ]
	pg_as kamadmin -c "SELECT kam.set_reporting_currency('EUR')"
}

@test "today's map answers as exchange_rate_on for every currency of an account" {
	run pg_as kamadmin -c "SELECT count(*) FROM kam.reporting_rate r
	  WHERE r.rate IS DISTINCT FROM kam.map_rate(kam.today_rate_map(),
	        r.currency, r.reporting_currency)"
	[ "$output" = 0 ]
}
