#!/usr/bin/env bats

bats_require_minimum_version 1.5.0
# Migrations 0023 and 0024 through psql: the data-quality rules find
# exactly the dirt tests/sql/quality.sql plants (one breach of each rule
# on accounts Q01 to Q16 and Q19, none on clean, churned or standard
# accounts),
# the score counts each rule once, the settings change what is found,
# and the rights per role hold.

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	pg_as postgres -f "$KAM_SRCDIR/tests/sql/quality.sql" >/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

# as USER: every finding as "ERP-ID RULE", in order
findings_as() {
	pg_as "$1" -c "SELECT a.erp_id || ' ' || f.rule FROM kam.quality_finding f
	    JOIN kam.account a ON a.id = f.account_id ORDER BY 1"
}

planted="Q01 owner_missing
Q02 team_missing
Q03 sla_missing
Q04 sla_expired
Q05 plan_missing
Q06 decision_maker_missing
Q07 vat_missing
Q08 vat_invalid
Q09 email_invalid
Q10 phone_not_e164
Q11 conditions_overlap
Q12 erp_deleted_active
Q13 email_domain_odd
Q14 interaction_stale
Q15 contact_stale
Q16 annual_talk_overdue
Q19 sla_zone_foreign"

@test "the planted dirt is found exactly, one finding a rule" {
	run findings_as anna
	[ "$status" -eq 0 ]
	[ "$output" = "$planted" ]
	# every rule of the table is planted once
	[ "$(pg_as anna -c 'SELECT count(*) FROM kam.quality_rule')" = 17 ]
}

@test "a finding says where and what in words" {
	run pg_as anna -c "SELECT f.entity || '|' || f.field || '|' || f.severity || '|' ||
	    f.kind || '|' || f.tier || '|' || f.detail FROM kam.quality_finding f
	    JOIN kam.account a ON a.id = f.account_id
	    WHERE a.erp_id IN ('Q08', 'Q09', 'Q11', 'Q13') ORDER BY a.erp_id"
	[ "${lines[0]}" = "account|vat_id|high|validity|key|DE12345 does not fit DE (like DE123456789)" ]
	[ "${lines[1]}" = "contact|email|medium|validity|key|Dotty: dotty..two@q09.example.com" ]
	[[ "${lines[2]}" == "condition|valid_from|medium|consistency|key|Summer rebate overlaps Spring rebate (rebate, both valid 2026-06-01 to "* ]]
	[ "${lines[3]}" = "contact|email|low|consistency|key|Private: someone@mail.example.org" ]
}

@test "the score takes each broken rule's points once" {
	pg_as postgres -c "INSERT INTO kam.contact (account_id, name, email)
	    SELECT id, 'Dotty 2', 'x.@q09.example.com' FROM kam.account WHERE erp_id = 'Q09'"
	run pg_as anna -c "SELECT a.erp_id || ' ' || coalesce(q.score::text, '-') || ' ' ||
	    q.findings || ' ' || q.high || ' ' || q.medium || ' ' || q.low
	    FROM kam.account_quality q JOIN kam.account a ON a.id = q.account_id
	    WHERE a.erp_id IN ('C1', 'Q01', 'Q09', 'Q13', 'Q17', 'Q18') ORDER BY 1"
	[ "$output" = "C1 100 0 0 0 0
Q01 80 1 1 0 0
Q09 90 2 0 2 0
Q13 95 1 0 0 1
Q17 - 0 0 0 0
Q18 100 0 0 0 0" ]
	# every finding carries its account's score, from one pass (0070)
	run pg_as anna -c "SELECT count(*) || ' ' || count(*) FILTER (WHERE f.score = q.score)
	    FROM kam.quality_finding_scored f
	    JOIN kam.account_quality q ON q.account_id = f.account_id"
	[ "$output" = "$(pg_as anna -c "SELECT count(*) FROM kam.quality_finding") $(pg_as anna -c "SELECT count(*) FROM kam.quality_finding")" ]
	pg_as postgres -c "DELETE FROM kam.contact WHERE name = 'Dotty 2'"
}

@test "fixing the data clears its finding at once" {
	pg_as anna -c "UPDATE kam.account SET owner_id = kam.my_user_id() WHERE erp_id = 'Q01'"
	run findings_as anna
	[ "${lines[0]}" = "Q02 team_missing" ]
	pg_as postgres -c "UPDATE kam.account SET owner_id = NULL WHERE erp_id = 'Q01'"
	run findings_as anna
	[ "$output" = "$planted" ]
}

@test "phone numbers are stored in E.164 beside what was typed" {
	run pg_as anna -c "SELECT coalesce(kam.phone_e164(p, c), '-') FROM (VALUES
	    ('+49 (0)30 1234-5678', 'DE'), ('030/123 45 67', 'DE'), ('0049 30 1234567', 'FR'),
	    ('06 1 234 5678', 'HU'), ('06 1234 5678', 'IT'), ('(555) 123-4567', 'US'),
	    ('1 555 123 4567', 'CA'), ('+1 555.123.4567 ext. 89', 'DE'),
	    ('030 1234567', 'ZZ'), ('030 1234567', NULL), ('+12 34', 'DE'),
	    ('call me', 'DE'), (NULL, 'DE')) v (p, c)"
	[ "$output" = "+493012345678
+49301234567
+49301234567
+3612345678
+390612345678
+15551234567
+15551234567
+15551234567
-
-
-
-
-" ]
	run pg_as anna -c "SELECT phone || ' ' || phone_e164 FROM kam.contact c
	    JOIN kam.account a ON a.id = c.account_id WHERE a.erp_id = 'C1'"
	[ "$output" = "040 123 4567 +49401234567" ]
}

@test "a changed country writes its contacts' numbers again" {
	pg_as postgres -c "UPDATE kam.account SET country = 'AT' WHERE erp_id = 'C1'"
	run pg_as anna -c "SELECT phone_e164 FROM kam.contact c
	    JOIN kam.account a ON a.id = c.account_id WHERE a.erp_id = 'C1'"
	[ "$output" = "+43401234567" ]
	pg_as postgres -c "UPDATE kam.account SET country = 'DE' WHERE erp_id = 'C1'"
	run pg_as anna -c "SELECT phone_e164 FROM kam.contact c
	    JOIN kam.account a ON a.id = c.account_id WHERE a.erp_id = 'C1'"
	[ "$output" = "+49401234567" ]
}

@test "e-mail addresses and VAT ids are judged by their format" {
	run pg_as anna -c "SELECT kam.email_valid(e) FROM (VALUES ('a.b+c@x-y.example.com'),
	    ('O''Brien@example.ie'), ('a..b@example.com'), ('.a@example.com'), ('a.@example.com'),
	    ('a@localhost'), ('a@-x.example.com'), ('a@x_y.example.com'), ('a b@example.com')) v (e)"
	[ "$output" = "$(printf 't\nt\nf\nf\nf\nf\nf\nf\nf')" ]
	run pg_as anna -c "SELECT kam.vat_normal(' de 123.456-789 ') || ' ' ||
	    (SELECT count(*) FROM kam.vat_format WHERE kam.vat_normal('NL 123456789 B01') ~ pattern)"
	[ "$output" = "DE123456789 1" ]
}

@test "managers and administrators read findings; support may not" {
	run findings_as kamadmin
	[ "$output" = "$planted" ]
	run findings_as sam
	[ "$status" -ne 0 ]
	[[ "$output" == *"permission denied"* ]]
	# the rules themselves everyone reads
	run pg_as sam -c "SELECT severity FROM kam.quality_rule WHERE code = 'vat_invalid'"
	[ "$output" = high ]
}

@test "only administrators change the settings, and it is logged" {
	run pg_as anna -c "UPDATE kam.quality_rule_tier SET threshold = 120
	    WHERE rule = 'interaction_stale' AND tier = 'key'"
	[ "$status" -ne 0 ]
	run pg_as anna -c "UPDATE kam.quality_rule SET severity = 'low' WHERE code = 'owner_missing'"
	[ "$status" -ne 0 ]
	pg_as kamadmin -c "UPDATE kam.quality_rule_tier SET threshold = 120
	    WHERE rule = 'interaction_stale' AND tier = 'key'"
	run pg_as kamadmin -c "SELECT new ->> 'threshold' FROM kam.audit_log
	    WHERE table_name = 'quality_rule_tier' AND actor = 'kamadmin'"
	[ "$output" = 120 ]
	run findings_as anna
	[ "$output" = "$(grep -v Q14 <<<"$planted")" ]
	pg_as kamadmin -c "DELETE FROM kam.quality_rule_tier WHERE rule = 'owner_missing' AND tier = 'key'"
	pg_as kamadmin -c "UPDATE kam.quality_rule SET severity = 'low' WHERE code = 'team_missing'"
	run pg_as anna -c "SELECT f.rule || ' ' || f.severity FROM kam.quality_finding f
	    JOIN kam.account a ON a.id = f.account_id WHERE a.erp_id IN ('Q01', 'Q02')"
	[ "$output" = "team_missing low" ]
	pg_as kamadmin -c "INSERT INTO kam.quality_rule_tier (rule, tier) VALUES ('owner_missing', 'key');
	    UPDATE kam.quality_rule_tier SET threshold = 60 WHERE rule = 'interaction_stale' AND tier = 'key';
	    UPDATE kam.quality_rule SET severity = 'medium' WHERE code = 'team_missing'"
	run findings_as anna
	[ "$output" = "$planted" ]
}

@test "the set of rules is fixed, and a threshold goes where a rule counts" {
	run pg_as kamadmin -c "INSERT INTO kam.quality_rule (code, kind, description, severity)
	    VALUES ('mine', 'validity', 'Mine.', 'low')"
	[ "$status" -ne 0 ]
	run pg_as kamadmin -c "DELETE FROM kam.quality_rule WHERE code = 'owner_missing'"
	[ "$status" -ne 0 ]
	run pg_as kamadmin -c "UPDATE kam.quality_rule_tier SET threshold = 3 WHERE rule = 'owner_missing'" 2>&1
	[ "$status" -ne 0 ]
	[[ "$output" == *"rule owner_missing takes no threshold"* ]]
	run pg_as kamadmin -c "INSERT INTO kam.quality_rule_tier (rule, tier) VALUES ('contact_stale', 'standard')
	    ON CONFLICT (rule, tier) DO UPDATE SET threshold = NULL" 2>&1
	[ "$status" -ne 0 ]
	[[ "$output" == *"rule contact_stale needs a threshold in months"* ]]
}

@test "a service level's time zone must be one its account's country uses" {
	run pg_as anna -c "SELECT f.entity || '|' || f.field || '|' || f.severity || '|' || f.detail
	    FROM kam.quality_finding f JOIN kam.account a ON a.id = f.account_id
	    WHERE a.erp_id = 'Q19'"
	[ "$output" = "service_level|time_zone|medium|Gold: UTC is not a time zone of DE (Europe/Berlin, Europe/Busingen)" ]
	# a zone tzdata files under the country fits; one that ran out is not judged
	pg_as anna -c "UPDATE kam.service_level SET time_zone = 'Europe/Busingen'
	    WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'Q19')"
	run findings_as anna
	[ "$output" = "$(grep -v Q19 <<<"$planted")" ]
	pg_as anna -c "UPDATE kam.service_level SET time_zone = 'Asia/Tokyo'
	    WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'Q04')"
	run findings_as anna
	[ "$output" = "$(grep -v Q19 <<<"$planted")" ]
	# a country the table does not know is not judged; administrators add zones
	pg_as postgres -c "UPDATE kam.account SET country = 'XK' WHERE erp_id = 'Q19'"
	pg_as anna -c "UPDATE kam.service_level SET time_zone = 'UTC'
	    WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'Q19')"
	run findings_as anna
	[ "$output" = "$(grep -v Q19 <<<"$planted")" ]
	run pg_as anna -c "INSERT INTO kam.zone_country (country, zone) VALUES ('XK', 'UTC')"
	[ "$status" -ne 0 ]
	pg_as kamadmin -c "INSERT INTO kam.zone_country (country, zone) VALUES ('XK', 'Europe/Belgrade')"
	run findings_as anna
	[ "$output" = "$planted" ]
	run pg_as kamadmin -c "SELECT new ->> 'zone' FROM kam.audit_log
	    WHERE table_name = 'zone_country' AND actor = 'kamadmin'"
	[ "$output" = Europe/Belgrade ]
	pg_as kamadmin -c "DELETE FROM kam.zone_country WHERE country = 'XK'"
	pg_as postgres -c "UPDATE kam.account SET country = 'DE' WHERE erp_id = 'Q19'"
	run findings_as anna
	[ "$output" = "$planted" ]
}
