#!/usr/bin/env bats
# The demo and benchmark data generator: deterministic, and its data keeps
# every constraint of the schema when loaded with all checks on.

bats_require_minimum_version 1.5.0

USERS='anna=1,bo=2,carla=3,david=4,eva=5,farid=6,sam=7,kamadmin=8'

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start no-schema
	"$KAM" --db migrate >/dev/null
	"$KAM_SRCDIR/tests/gen/load" --accounts 40 --seed 7 --today 2026-11-22 --checked 2>/dev/null
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
}

gen() {
	"$PYTHON3" "$KAM_SRCDIR/tests/gen/kamgen.py" --users "$USERS" --today 2026-11-22 "$@"
}


@test "the same seed gives the same bytes, another seed other bytes" {
	a=$(gen --seed 3 --accounts 25 | sha256sum)
	b=$(gen --seed 3 --accounts 25 | sha256sum)
	c=$(gen --seed 4 --accounts 25 | sha256sum)
	[ "$a" = "$b" ]
	[ "$a" != "$c" ]
}

@test "it loads with every constraint and trigger checked" {
	[ "$(q 'SELECT count(*) FROM kam.account')" -eq 40 ]
}

@test "the demo users exist with their kinds and teams" {
	[ "$(q "SELECT string_agg(role_name || ':' || kind || ':' || coalesce(team, '-'), ' ' ORDER BY role_name) FROM kam.app_user WHERE role_name IN ('anna', 'bo', 'sam', 'kamadmin')")" = \
	    "anna:manager:north bo:manager:south kamadmin:admin:- sam:support:-" ]
	[ "$(q 'SELECT count(DISTINCT team) FROM kam.account')" -eq 3 ]
}

@test "each account has contacts, one service level, a plan with actions" {
	[ "$(q 'SELECT count(*) FROM kam.account a WHERE (SELECT count(*) FROM kam.service_level s WHERE s.account_id = a.id) <> 1')" -eq 0 ]
	[ "$(q 'SELECT round(avg(n)) BETWEEN 3 AND 7 FROM (SELECT count(*) n FROM kam.contact GROUP BY account_id) x')" = t ]
	[ "$(q 'SELECT count(*) FROM kam.account a WHERE NOT EXISTS (SELECT 1 FROM kam.account_plan p WHERE p.account_id = a.id AND p.year = 2026)')" -eq 0 ]
	[ "$(q 'SELECT count(*) > 0 FROM kam.plan_action')" = t ]
}

@test "about fifty interactions an account, with all kinds of feedback" {
	[ "$(q 'SELECT avg(n) BETWEEN 35 AND 65 FROM (SELECT count(*) n FROM kam.interaction GROUP BY account_id) x')" = t ]
	[ "$(q "SELECT string_agg(DISTINCT feedback, ',' ORDER BY feedback) FROM kam.interaction")" = "complaint,compliment,idea,none" ]
	[ "$(q "SELECT count(*) > 0 FROM kam.interaction WHERE channel = 'ticket'")" = t ]
}

@test "feedback has topics, loop states, owners and due times (issue 14)" {
	[ "$(q "SELECT count(*) FROM kam.interaction WHERE feedback <> 'none'
	    AND (topic_ids = '{}' OR loop_owner_id IS NULL)")" -eq 0 ]
	[ "$(q "SELECT count(DISTINCT loop_state) >= 4 FROM kam.interaction")" = t ]
	[ "$(q "SELECT count(*) > 0 FROM kam.interaction WHERE feedback = 'complaint'
	    AND answer_due_at IS NOT NULL")" = t ]
	[ "$(q "SELECT count(*) FROM kam.topic WHERE status = 'curated'")" -eq 10 ]
}

@test "conditions include expired and soon-expiring ones" {
	[ "$(q "SELECT count(*) > 0 FROM kam.special_condition WHERE valid_to < DATE '2026-11-22'")" = t ]
	[ "$(q "SELECT count(*) > 0 FROM kam.special_condition WHERE valid_to BETWEEN DATE '2026-11-22' AND DATE '2026-12-22'")" = t ]
}

@test "orders and invoices belong to their account, some invoices overdue" {
	[ "$(q 'SELECT count(*) > 0 FROM kam.erp_order')" = t ]
	[ "$(q "SELECT count(*) > 0 FROM kam.erp_invoice WHERE open_amount > 0 AND due_date < DATE '2026-11-22'")" = t ]
	[ "$(q 'SELECT count(*) FROM kam.erp_invoice i JOIN kam.account a ON a.id = i.account_id WHERE i.currency <> a.currency')" -eq 0 ]
}

@test "names come from many countries and scripts" {
	[ "$(q 'SELECT count(DISTINCT country) >= 8 FROM kam.account')" = t ]
	[ "$(q "SELECT count(*) > 0 FROM kam.account WHERE name ~ '[^[:ascii:]]'")" = t ]
}

@test "loading into a database that has accounts is refused" {
	run --separate-stderr "$KAM_SRCDIR/tests/gen/load" --accounts 5
	[ "$status" -eq 65 ]
}

@test "--erp puts the ERP's side apart and draws the same data" {
	d=$BATS_TEST_TMPDIR
	mkdir "$d/erp"
	gen --seed 3 --accounts 25 > "$d/plain.sql"
	gen --seed 3 --accounts 25 --erp "$d/erp" > "$d/erp.sql"
	! grep -q '^COPY kam.erp_order' "$d/erp.sql"
	! grep -q '^COPY kam.erp_invoice' "$d/erp.sql"
	"$PYTHON3" - "$d" <<'PY'
import json, sys
d = sys.argv[1]
def block(path, table):
    rows, on = [], False
    for line in open(path, encoding='utf-8'):
        if line.startswith('COPY kam.%s ' % table):
            on = True
        elif on and line == '\\.\n':
            break
        elif on:
            rows.append(line.rstrip('\n').split('\t'))
    return rows
def jsonl(name):
    return [json.loads(l) for l in open('%s/erp/%s.jsonl' % (d, name), encoding='utf-8')]
plain, erp = block(d + '/plain.sql', 'account'), block(d + '/erp.sql', 'account')
cust = jsonl('customers')
assert [r[:3] + r[5:11] + r[12:16] + r[18:19] for r in plain] == \
       [r[:3] + r[5:11] + r[12:16] + r[18:19] for r in erp], 'kam columns differ'
assert all(r[3] == r[4] == r[11] == r[16] == r[17] == r[19] == '\\N' for r in erp)
assert [(c['id'], c['legal_name'], c.get('credit_limit', '\\N')) for c in cust] == \
       [(r[1], r[3], r[16]) for r in plain], 'customers differ'
orders = jsonl('orders')
assert [(o['id'], o['amount']) for o in orders] == \
       [(r[1], r[5]) for r in block(d + '/plain.sql', 'erp_order')]
assert len(jsonl('invoices')) == len(block(d + '/plain.sql', 'erp_invoice'))
contacts = jsonl('contacts')
assert [c['id'] for c in contacts] == [r[2] for r in block(d + '/plain.sql', 'contact')]
assert all(c.get('deleted') for c, r in zip(contacts, block(d + '/plain.sql', 'contact')) if r[9] == 'f')
PY
}

# the cadence's alarms (migration 0045), kept by the same load's triggers
# (before the next test writes with triggers off)
kept_alarms() {
	q "SELECT string_agg(concat_ws(' ', account_id, kind, subject_id, due, until,
	    last_at, account), chr(10) ORDER BY account_id, kind, subject_id)
	    FROM kam.cadence_alarm"
}

@test "a load with triggers keeps the cadence's alarms as a rebuild from scratch does" {
	before=$(kept_alarms)
	q 'SELECT kam.cadence_alarms_rebuild()' >/dev/null
	[ "$(wc -l <<<"$before")" -gt 5 ]
	diff <(echo "$before") <(kept_alarms)
}

# the voice of the customer's counts (migration 0054), the same way
kept_voc() {
	q "SELECT string_agg(concat_ws(' ', day, owner_id, team, topic_id, kind, items,
	    open, open_due), chr(10) ORDER BY day, owner_id, team, topic_id, kind)
	    FROM kam.voc_count"
}

@test "a load with triggers keeps the voice of the customer's counts as a rebuild does" {
	before=$(kept_voc)
	q 'SELECT kam.voc_counts_rebuild()' >/dev/null
	[ "$(wc -l <<<"$before")" -gt 5 ]
	diff <(echo "$before") <(kept_voc)
}

@test "every service level has the calendar of its hours, with holidays, loaded with triggers off too" {
	[ "$(q "SELECT count(*) FROM kam.service_level s JOIN kam.calendar c ON c.id = s.calendar_id
	    WHERE c.time_zone = s.time_zone")" -eq "$(q 'SELECT count(*) FROM kam.service_level')" ]
	[ "$(q "SELECT count(DISTINCT calendar_id) FROM kam.calendar_holiday WHERE day = '2026-12-24' AND closed_from = '12:00'")" -eq "$(q 'SELECT count(*) FROM kam.calendar')" ]
	# the demo's load skips triggers (session_replication_role = replica),
	# the calendar's still runs
	psql -X -q -v ON_ERROR_STOP=1 -c "SET session_replication_role = replica" -c "
	    INSERT INTO kam.service_level (account_id, name, first_response, resolution,
	        support_days, support_from, support_to, time_zone, valid_from)
	    SELECT min(id), 'Replica', '1 hour', '1 day', '{2,4}', '06:00', '22:00',
	        'Europe/Paris', '2030-01-01' FROM kam.account"
	[ "$(q "SELECT c.name FROM kam.service_level s JOIN kam.calendar c ON c.id = s.calendar_id
	    WHERE s.name = 'Replica'")" = "Tue,Thu 06:00-22:00 Europe/Paris" ]
}

@test "a load with triggers keeps the agenda's follow-ups as a rebuild from scratch does" {
	before=$(kept_follow_ups)
	q 'SELECT kam.follow_ups_rebuild()' >/dev/null
	[ "$(wc -l <<<"$before")" -gt 5 ]
	[ "$(kept_follow_ups)" = "$before" ]
}

@test "every ticket entry is a ticket; the recent ones open in every state (issue 16)" {
	[ "$(q "SELECT count(*) FROM kam.interaction i LEFT JOIN kam.ticket t ON t.id = i.id
	    WHERE i.channel = 'ticket' AND t.id IS NULL")" -eq 0 ]
	[ "$(q "SELECT string_agg(DISTINCT state, ',' ORDER BY state) FROM kam.ticket
	    WHERE opened_at >= DATE '2026-11-22' - 45 OR state <> 'closed'")" = \
	    "closed,in_progress,new,resolved,waiting_for_customer" ]
	[ "$(q "SELECT count(*) FROM kam.ticket WHERE state <> 'closed' AND next_due_at IS NOT NULL")" -gt 0 ]
}
