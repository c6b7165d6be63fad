#!/usr/bin/env bats
# The demo's planted dirt (tests/gen/dirt.sql, as scripts/demo plants it
# after the load): kam --duplicates finds exactly the planted pairs, and
# kam --quality each planted breach, once, on the account it was planted on.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start no-schema
	"$KAM" --db migrate >/dev/null
	"$KAM_SRCDIR/tests/gen/load" --accounts 12 --seed 5 --today 2026-11-22 2>/dev/null
	pg_as postgres -f "$KAM_SRCDIR/tests/gen/dirt.sql" >/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

@test "kam --duplicates: the two planted account pairs and the contact pair, nothing else" {
	run --separate-stderr "$KAM" --duplicates -f tsv --no-header -d user=kamadmin
	[ "$status" -eq 0 ]
	# kind, both names and the reasons, sorted
	[ "$(cut -f1,3,5,7 <<<"$output" | sort)" = "$(printf '%s\n' \
	    'account	same VAT id DE811907980	Hansa Kältetechnik GmbH	HKT Service Nord' \
	    'account	names 83 % alike	Müller & Söhne Maschinenbau	Müller & Söhne Maschinenbau GmbH' \
	    'contact	same e-mail j.petersen@hansa-kaelte.example	Jana Petersen	J. Petersen (Einkauf)' | sort)" ]
}

@test "kam --quality: each planted breach once, on its account" {
	# the expected dates are the database's, read on both sides of the run
	# and the run made again if a midnight fell between (the machine's
	# clock and zone need not be the server's)
	for try in 1 2; do
		before=$(pg_as kamadmin -Atc "SELECT current_date - 30, extract(year FROM current_date)")
		run --separate-stderr "$KAM" --quality -f tsv --no-header -d user=kamadmin
		after=$(pg_as kamadmin -Atc "SELECT current_date - 30, extract(year FROM current_date)")
		[ "$before" != "$after" ] || break
	done
	[ "$status" -eq 0 ]
	expired=${after%|*} year=${after#*|}
	# the planted rules on every planted account: exactly the planted ones
	planted=$(awk -F '\t' '
	    $3 ~ /^(Hansa Kältetechnik GmbH|HKT Service Nord|Müller & Söhne Maschinenbau( GmbH)?|Elbtal Pharma AG|Rheinwerk Druck GmbH|Alsterblick Hotels KG)$/ &&
	    $8 ~ /^((owner|plan|sla|decision_maker)_missing|vat_invalid|email_invalid|sla_zone_foreign|sla_expired)$/ {
		print $3 ": " $8 ": " $14 }' <<<"$output" | sort)
	[ "$planted" = "$(printf '%s\n' \
	    'Alsterblick Hotels KG: sla_expired: ran out on '"$expired" \
	    'Elbtal Pharma AG: decision_maker_missing: no active decision maker' \
	    'Elbtal Pharma AG: owner_missing: no owner' \
	    "Elbtal Pharma AG: plan_missing: no plan for $year" \
	    'Elbtal Pharma AG: sla_missing: none' \
	    'Rheinwerk Druck GmbH: email_invalid: Tomás Ortega: tomas..ortega@rheinwerk.example' \
	    'Rheinwerk Druck GmbH: sla_zone_foreign: Standard: America/New_York is not a time zone of DE (Europe/Berlin, Europe/Busingen)' \
	    'Rheinwerk Druck GmbH: vat_invalid: DE12345 does not fit DE (like DE123456789)' | sort)" ]
}
