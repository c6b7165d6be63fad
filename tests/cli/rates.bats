#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# kam --import rates FILE and kam --db reporting-currency (issue 12, item 5):
# every bad line named, nothing saved unless all is well, sysexits codes.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	psql -X -q -c 'DELETE FROM kam.exchange_rate'
}

rates() {	# the rates table as pairs: currency>quote@day=rate
	psql -X -At -c "SELECT string_agg(currency || '>' || quote || '@' || valid_on || '=' || rate, ' ' ORDER BY currency, quote, valid_on) FROM kam.exchange_rate"
}

@test "an administrator imports rates against the reporting currency" {
	printf 'date,currency,rate\n2026-01-01,SEK,0.0900\n2026-02-01,SEK,0.0850\r\n\n2026-01-01,"JPY",0.0062\n' >"$BATS_TEST_TMPDIR/r.csv"
	run --separate-stderr "$KAM" -d user=kamadmin --import rates "$BATS_TEST_TMPDIR/r.csv"
	[ "$status" -eq 0 ]
	[ "$output" = "imported 3 rates of 2 currencies, 2026-01-01 to 2026-02-01: 3 new, 0 changed, 0 as they were" ]
	[ "$(rates)" = "JPY>EUR@2026-01-01=0.0062 SEK>EUR@2026-01-01=0.0900 SEK>EUR@2026-02-01=0.0850" ]
	# again, one rate changed, a quote column, from standard input
	printf 'currency,quote,date,rate\nSEK,EUR,2026-01-01,0.0900\nSEK,EUR,2026-02-01,0.086\n' >"$BATS_TEST_TMPDIR/q.csv"
	run --separate-stderr "$KAM" -d user=kamadmin --import rates - <"$BATS_TEST_TMPDIR/q.csv"
	[ "$status" -eq 0 ]
	[ "$output" = "imported 2 rates of 1 currency, 2026-01-01 to 2026-02-01: 0 new, 1 changed, 1 as they were" ]
	[ "$(psql -X -At -c "SELECT rate FROM kam.exchange_rate WHERE currency = 'SEK' AND valid_on = '2026-02-01'")" = 0.086 ]
}

@test "bad lines are each named and nothing is saved: exit 65" {
	cat >"$BATS_TEST_TMPDIR/bad.csv" <<-'EOF'
	date,currency,rate
	2026-01-01,SEK,0.09
	2026-02-30,SEK,0.09
	2026-03-01,XYZ,0.09
	2026-03-01,sek,0.09
	2026-03-01,SEK,-1
	2026-03-01,SEK,0
	2026-03-01,SEK,1e3
	2026-03-01,SEK
	2026-03-01,EUR,1
	EOF
	run --separate-stderr "$KAM" -d user=kamadmin --import rates "$BATS_TEST_TMPDIR/bad.csv"
	[ "$status" -eq 65 ]
	[ -z "$output" ]
	[[ "$stderr" == *"bad.csv:3: date '2026-02-30' is not a date YYYY-MM-DD"* ]]
	[[ "$stderr" == *"bad.csv:4: unknown currency 'XYZ' (an ISO 4217 code such as EUR)"* ]]
	[[ "$stderr" == *"bad.csv:5: unknown currency 'sek'"* ]]
	[[ "$stderr" == *"bad.csv:6: a rate must be above 0"* ]]
	[[ "$stderr" == *"bad.csv:7: a rate must be above 0"* ]]
	[[ "$stderr" == *"bad.csv:8: rate '1e3' is not a decimal number"* ]]
	[[ "$stderr" == *"bad.csv:9: 2 fields where the header has 3"* ]]
	[[ "$stderr" == *"bad.csv:10: a rate from EUR to itself (EUR is the reporting currency)"* ]]
	[[ "$stderr" == *"nothing imported: 8 bad lines"* ]]
	[ -z "$(rates)" ]
}

@test "the same pair and day twice is refused, naming both lines" {
	printf 'date,currency,rate\n2026-01-01,SEK,0.09\n2026-01-02,SEK,0.09\n2026-01-01,SEK,0.08\n' >"$BATS_TEST_TMPDIR/twice.csv"
	run --separate-stderr "$KAM" -d user=kamadmin --import rates "$BATS_TEST_TMPDIR/twice.csv"
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"line 4: SEK to EUR on 2026-01-01 again (first on line 2)"* ]]
	[ -z "$(rates)" ]
}

@test "an empty file, a header alone or a wrong header: exit 65, nothing saved" {
	: >"$BATS_TEST_TMPDIR/empty.csv"
	run --separate-stderr "$KAM" -d user=kamadmin --import rates "$BATS_TEST_TMPDIR/empty.csv"
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"empty.csv: empty: no header line (date,currency,rate)"* ]]
	printf 'date,currency,rate\n' >"$BATS_TEST_TMPDIR/header.csv"
	run --separate-stderr "$KAM" -d user=kamadmin --import rates "$BATS_TEST_TMPDIR/header.csv"
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"header.csv: no rates after the header"* ]]
	printf '2026-01-01,SEK,0.09\n' >"$BATS_TEST_TMPDIR/nohead.csv"
	run --separate-stderr "$KAM" -d user=kamadmin --import rates "$BATS_TEST_TMPDIR/nohead.csv"
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"nohead.csv:1: the header names column 1 '2026-01-01'; the columns are date, currency, rate and (optionally) quote"* ]]
	[ -z "$(rates)" ]
}

@test "a dry run checks and counts, and saves nothing" {
	printf 'date,currency,rate\n2026-01-01,SEK,0.09\n' >"$BATS_TEST_TMPDIR/r.csv"
	run --separate-stderr "$KAM" -d user=kamadmin --import rates "$BATS_TEST_TMPDIR/r.csv" --dry-run
	[ "$status" -eq 0 ]
	[[ "$output" == "would import 1 rate of 1 currency, 2026-01-01 to 2026-01-01: 1 new,"* ]]
	[ -z "$(rates)" ]
}

@test "managers may not import rates: exit 77; no file: 66; usage: 64" {
	printf 'date,currency,rate\n2026-01-01,SEK,0.09\n' >"$BATS_TEST_TMPDIR/r.csv"
	run --separate-stderr "$KAM" -d user=anna --import rates "$BATS_TEST_TMPDIR/r.csv"
	[ "$status" -eq 77 ]
	[[ "$stderr" == *"only kam administrators keep exchange rates"* ]]
	run --separate-stderr "$KAM" -d user=kamadmin --import rates "$BATS_TEST_TMPDIR/none.csv"
	[ "$status" -eq 66 ]
	run --separate-stderr "$KAM" --import prices "$BATS_TEST_TMPDIR/r.csv"
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --import rates
	[ "$status" -eq 64 ]
	run --separate-stderr "$KAM" --dry-run
	[ "$status" -eq 64 ]
	[ -z "$(rates)" ]
}

@test "a long file streams in batches and imports whole" {
	"$PYTHON3" -c '
import datetime
d = datetime.date(2000, 1, 1)
print("date,currency,quote,rate")
for i in range(20000):
    for c in ("SEK", "USD"):
        print("%s,%s,EUR,0.%04d" % (d + datetime.timedelta(days=i), c, 1000 + i % 9000))
' >"$BATS_TEST_TMPDIR/long.csv"
	run --separate-stderr "$KAM" -d user=kamadmin --import rates "$BATS_TEST_TMPDIR/long.csv"
	[ "$status" -eq 0 ]
	[[ "$output" == "imported 40000 rates of 2 currencies, 2000-01-01 to 2054-10-03: 40000 new,"* ]]
}

@test "the reporting currency: anyone reads it, administrators set it" {
	run --separate-stderr "$KAM" -d user=anna --db reporting-currency
	[ "$status" -eq 0 ]
	[ "$output" = "reporting currency EUR" ]
	run --separate-stderr "$KAM" -d user=anna --db reporting-currency USD
	[ "$status" -eq 77 ]
	run --separate-stderr "$KAM" -d user=kamadmin --db reporting-currency EURO
	[ "$status" -eq 64 ]
	[[ "$stderr" == *"'EURO' is not an ISO 4217 currency code"* ]]
	run --separate-stderr "$KAM" -d user=kamadmin --db reporting-currency USD
	[ "$status" -eq 0 ]
	[ "$output" = "reporting currency USD" ]
	# a file without a quote column now quotes in USD
	printf 'date,currency,rate\n2026-01-01,EUR,1.08\n' >"$BATS_TEST_TMPDIR/r.csv"
	"$KAM" -d user=kamadmin --import rates "$BATS_TEST_TMPDIR/r.csv" >/dev/null
	[ "$(rates)" = "EUR>USD@2026-01-01=1.08" ]
	"$KAM" -d user=kamadmin --db reporting-currency EUR >/dev/null
}

@test "plans export their target's currency and the target in the reporting currency" {
	psql -X -q -v ON_ERROR_STOP=1 -c "UPDATE kam.account SET currency = 'SEK' WHERE id = (SELECT account_id FROM kam.account_plan ORDER BY id LIMIT 1)"
	printf 'date,currency,rate\n2020-01-01,SEK,0.1\n' >"$BATS_TEST_TMPDIR/r.csv"
	"$KAM" -d user=kamadmin --import rates "$BATS_TEST_TMPDIR/r.csv" >/dev/null
	run --separate-stderr "$KAM" -d user=anna -e plans --columns revenue_target,currency,reporting_currency,revenue_target_reporting
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "revenue_target,currency,reporting_currency,revenue_target_reporting" ]
	target=$(psql -X -At -c "SELECT revenue_target FROM kam.account_plan ORDER BY id LIMIT 1")
	[[ "$output" == *"$target,SEK,EUR,$(psql -X -At -c "SELECT round($target * 0.1, 2)")"* ]]
	psql -X -q -c "DELETE FROM kam.exchange_rate"
	run --separate-stderr "$KAM" -d user=anna -e plans --columns currency,revenue_target_reporting
	[[ "$output" == *"SEK,"$'\n'* || "$output" == *"SEK," ]]
}
