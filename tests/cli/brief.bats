#!/usr/bin/env bats
# kam --brief: the annual-talk brief of a demo-like account as Markdown,
# HTML and PDF (groff; checked with poppler's pdftotext and pdftoppm),
# values escaped for each format, accounts named as for --sla, and -o by
# the output rules of exports.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_start
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
-- C1, demo-like: 23 of the last 24 months with orders, an overdue
-- invoice, this year's plan with actions, a condition ending soon, a
-- service level
INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, erp_updated_at)
SELECT 'O' || g, a.id, 'N' || g, (date_trunc('month', current_date) - make_interval(months => g))::date,
       1000 + g * 250, 'EUR', 'open', now()
  FROM kam.account a, generate_series(0, 23) g WHERE a.erp_id = 'C1' AND g <> 5;
INSERT INTO kam.erp_invoice (erp_id, account_id, number, invoice_date, due_date, amount, open_amount, currency, status, erp_updated_at)
SELECT 'I1', id, 'R1', current_date - 60, current_date - 30, 4200.50, 4200.50, 'EUR', 'open', now()
  FROM kam.account WHERE erp_id = 'C1';
UPDATE kam.account SET legal_name = 'Nordwind Handels GmbH', industry = 'Wholesale',
       address = 'Kaiserkai 1', credit_limit = 250000, payment_terms = '30 days net'
 WHERE erp_id = 'C1';
UPDATE kam.account_plan SET year = extract(year FROM current_date), annual_talk_on = current_date + 10,
       objectives = E'Grow the service business\nSecond site in Lübeck'
 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1');
INSERT INTO kam.plan_action (plan_id, title, kind, due_on, status, done_on)
SELECT p.id, v.title, v.kind, v.due, v.status, v.done
  FROM kam.account_plan p JOIN kam.account a ON a.id = p.account_id AND a.erp_id = 'C1',
       (VALUES ('Offer maintenance contract', 'cross_sell', current_date + 20, 'open', NULL::date),
               ('Visit the plant', 'retention', current_date - 40, 'done', current_date - 41)) v (title, kind, due, status, done);
INSERT INTO kam.special_condition (account_id, kind, title, value, unit, valid_from, valid_to)
SELECT id, 'rebate', 'Year-end rebate', 2500, 'amount', current_date - 300, current_date + 30
  FROM kam.account WHERE erp_id = 'C1';
INSERT INTO kam.service_level (account_id, name, first_response, resolution, time_zone, valid_from)
SELECT id, 'Platinum', '1 hour', '1 day 4 hours', 'Europe/Berlin', DATE '2025-01-01'
  FROM kam.account WHERE erp_id = 'C1';
-- names for the search, and one made of every format's specials
INSERT INTO kam.account (erp_id, name, owner_id, team)
SELECT v.erp_id, v.name, u.id, 'north'
  FROM (VALUES ('M1', 'Müller GmbH'), ('M2', 'Müller & Söhne KG'),
               ('X1', E'.so /etc/passwd \\fB<b>"A&B''s"</b> *x* _y_ [l](u) # \x1b[31mred')) v (erp_id, name),
       kam.app_user u WHERE u.role_name = 'anna';
INSERT INTO kam.account_plan (account_id, year, objectives, status)
SELECT id, extract(year FROM current_date), E'\'ti 3\n.bp\n- <script>alert(1)</script>', 'active'
  FROM kam.account WHERE erp_id = 'X1';
SQL
	PGUSER=anna psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.interaction (account_id, contact_id, occurred_at, channel, direction, subject, feedback)
SELECT a.id, c.id, now() - v.ago, v.ch, v.dir, v.subj, v.fb
  FROM kam.account a JOIN kam.contact c ON c.account_id = a.id,
       (VALUES (interval '3 days', 'call', 'outbound', 'Quarterly call', 'none'),
               (interval '10 days', 'email', 'inbound', 'Late delivery of pumps', 'complaint'),
               (interval '20 days', 'meeting', 'inbound', 'Self-service portal', 'idea')) v (ago, ch, dir, subj, fb)
 WHERE a.erp_id = 'C1';
SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	pg_test_stop
}

setup() {
	. "$KAM_SRCDIR/tests/lib/pg.bash"
	export PGUSER=anna
}

sections_in() {
	local s
	for s in "Annual talk brief: Nordwind GmbH" "Account team" "Plan 20" \
	    "Revenue this year" "Orders a month" "Conditions and service level" \
	    "Open complaints and ideas" "Last contacts" "Agenda of the talk"; do
		[[ "$1" == *"$s"* ]] || { echo "missing: $s"; return 1; }
	done
}

@test "Markdown: every section, money with its currency, the chart in blocks" {
	run -0 "$KAM" --brief C1
	sections_in "$output"
	[[ "$output" == *"- **Owner:** Anna Lindqvist \\<anna@example.com\\>"* ]]
	[[ "$output" == *"- **Revenue this year:** 4,200.50 EUR of 100,000.00 EUR (4 %)"* ]]
	[[ "$output" == *"- **Overdue:** 4,200.50 EUR (invoices: 1)"* ]]
	[[ "$output" == *"- **Service level:** Platinum"* ]]
	[[ "$output" == *"rebate: Year-end rebate, 2,500 EUR"* ]]
	[[ "$output" == *"complaint: Late delivery of pumps (new)"* ]]
	[[ "$output" == *"idea: Self-service portal (new)"* ]]
	[[ "$output" == *"outbound call: Quarterly call (Front desk)"* ]]
	[[ "$output" == *"- Objective: Second site in Lübeck"* ]]
	[[ "$output" == *"- Renewal: Year-end rebate, ends "* ]]
	# 24 months: 23 bars and the gap of the month without orders
	[[ "$output" =~ \*\*Orders\ a\ month:\*\*\ [▁▂▃▄▅▆▇█]{18}\ [▁▂▃▄▅▆▇█]{5}\  ]]
}

@test "HTML: a whole document with every section and the chart as SVG" {
	run -0 "$KAM" --brief C1 -f html
	sections_in "$output"
	[[ "$output" == "<!DOCTYPE html>"* ]]
	[[ "$output" == *"</html>" ]]
	[[ "$output" == *"<svg "*"<rect "*"</svg>"* ]]
	[ "$(grep -o '<rect ' <<<"$output" | wc -l)" -eq 23 ]
}

@test "PDF: one page of A4 with every section, and ink on it" {
	run -0 "$KAM" --brief C1 -f pdf -o "$BATS_TEST_TMPDIR/c1.pdf"
	[ -z "$output" ]
	run -0 pdfinfo "$BATS_TEST_TMPDIR/c1.pdf"
	grep -Eq '^Pages: +1$' <<<"$output"
	[[ "$output" == *"595 x 842 pts (A4)"* ]]
	run -0 pdftotext -layout "$BATS_TEST_TMPDIR/c1.pdf" -
	sections_in "$output"
	[[ "$output" == *"Second site in Lübeck"* ]]
	[[ "$output" == *"4,200.50 EUR of 100,000.00 EUR"* ]]
	# page 1 as an image: dark pixels, and some in the chart's own region
	pdftoppm -r 50 -gray -f 1 -l 1 "$BATS_TEST_TMPDIR/c1.pdf" "$BATS_TEST_TMPDIR/page"
	[ ! -e "$BATS_TEST_TMPDIR/page-2.pgm" ]
	run -0 "$PYTHON3" -c '
import sys
data = open(sys.argv[1], "rb").read()
# P5 width height maxval, then the pixels
head = data.split(maxsplit=4)
w, h = int(head[1]), int(head[2])
px = data[len(data) - w * h:]
dark = sum(1 for b in px if b < 128)
print(dark, w * h)
sys.exit(0 if 1000 < dark < w * h // 4 else 1)' "$BATS_TEST_TMPDIR"/page-1.pgm
}

@test "specials of groff, HTML and Markdown and control characters stay text" {
	run -0 "$KAM" --brief X1
	[[ "$output" != *$'\e'* ]]
	[[ "$output" == *'# Annual talk brief: .so /etc/passwd \\fB\<b\>"A\&B'"'"'s"\</b\> \*x\* \_y\_ \[l\](u) \# ^\[\[31mred'* ]]
	[[ "$output" == *"- Objective: - \\<script\\>alert(1)\\</script\\>"* ]]
	[[ "$output" == *"- Objective: 'ti 3"* && "$output" == *"- Objective: .bp"* ]]
	run -0 "$KAM" --brief X1 -f html
	[[ "$output" != *$'\e'* ]]
	[[ "$output" != *'<b>"A'* && "$output" != *"<script>"* ]]
	[[ "$output" == *"Objective: - &lt;script&gt;alert(1)&lt;/script&gt;"* ]]
	[[ "$output" == *'<h1>Annual talk brief: .so /etc/passwd \fB&lt;b&gt;&quot;A&amp;B&#39;s&quot;&lt;/b&gt; *x* _y_ [l](u) # ^[[31mred, '* ]]
	# groff's input: the value's backslash a glyph, its start never a
	# request's
	run -0 "$KAM" --brief X1 -f ms
	[[ "$output" == *'\&Annual talk brief: \&.so /etc/passwd \(rsfB<b>"A&B\(aqs"</b>'* ]]
	[[ "$output" == *'Objective: \(aqti 3'* ]]
	run -1 grep '^\.so\|^\.bp\|^'"'" <<<"$output"
	run -0 "$KAM" --brief X1 -f pdf -o "$BATS_TEST_TMPDIR/x1.pdf"
	run -0 pdfinfo "$BATS_TEST_TMPDIR/x1.pdf"
	grep -Eq '^Pages: +1$' <<<"$output"
	run -0 pdftotext "$BATS_TEST_TMPDIR/x1.pdf" -
	# .so read nothing, \fB made no bold, 'ti and .bp no requests
	[[ "$output" == *"so /etc/passwd \\fB<b>"* ]]
	[[ "$output" != *"root:"* ]]
	[[ "$output" == *"ti 3"* && "$output" == *"Objective: .bp"* ]]
	[[ "$output" == *"^[[31mred"* ]]
}

@test "an account named by ERP id, by id and by a unique name" {
	run -0 "$KAM" --brief 'Nordwind'
	[[ "$output" == *"Annual talk brief: Nordwind GmbH"* ]]
	id=$(psql -X -At -c "SELECT id FROM kam.account WHERE erp_id = 'C1'")
	run -0 "$KAM" --brief "$id"
	[[ "$output" == *"Annual talk brief: Nordwind GmbH"* ]]
}

@test "no such account: 66; several: 65 and the candidates, as for --sla" {
	run -66 --separate-stderr "$KAM" --brief 'Nowhere Ltd'
	[ -z "$output" ]
	[[ "$stderr" == *"no account matches 'Nowhere Ltd'"* ]]
	run -65 --separate-stderr "$KAM" --brief Müller
	[ -z "$output" ]
	[[ "$stderr" == *"matches several accounts"* ]]
	[[ "$stderr" == *"M1 "*"Müller GmbH"* && "$stderr" == *"M2 "*"Müller & Söhne KG"* ]]
	run -64 "$KAM" --brief ''
	run -64 "$KAM" --brief C1 -f pdfx
	[[ "$output" == *"--format for --brief is md, html, ms or pdf"* ]]
	run -64 "$KAM" --brief C1 --sla C1
}

@test "-o replaces a file whole, keeps its mode, and a failure leaves it" {
	f=$BATS_TEST_TMPDIR/brief.md
	echo old >"$f"
	chmod 640 "$f"
	run -0 "$KAM" --brief C1 -o "$f"
	[ -z "$output" ]
	grep -q "Annual talk brief: Nordwind GmbH" "$f"
	[ "$(stat -c %a "$f")" = 640 ]
	cp "$f" "$f.before"
	run -66 "$KAM" --brief 'Nowhere Ltd' -o "$f"
	cmp "$f" "$f.before"
	run -0 "$KAM" --brief C1 -f pdf -o "$f.pdf"
	run -69 env PATH=/nonexistent "$KAM" --brief C1 -f pdf -o "$f.pdf"
	[[ "$output" == *"Debian package groff"* ]]
	head -c 5 "$f.pdf" | grep -q '^%PDF-'
	[ "$(ls "$BATS_TEST_TMPDIR")" = "$(printf '%s\n' brief.md brief.md.before brief.md.pdf)" ]
}

@test "-o to a device writes straight, to a folder is refused" {
	run -0 "$KAM" --brief C1 -f pdf -o /dev/null
	run -73 "$KAM" --brief C1 -o "$BATS_TEST_TMPDIR"
	[[ "$output" == *"$BATS_TEST_TMPDIR"* ]]
}

@test "support may not read plans: 77, and nothing written" {
	export PGUSER=sam
	run -77 --separate-stderr "$KAM" --brief C1
	[ -z "$output" ]
	[[ "$stderr" == *"permission denied"* ]]
}

@test "the longest brief still holds on one page: lists cut, and said so" {
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.account (erp_id, name, legal_name, owner_id, team, address, city, country, industry)
SELECT 'W1', 'Worst Case Maschinenbau und Anlagentechnik AG', repeat('Worst Case Holding ', 6), u.id, 'north',
       repeat('Industriestraße 12, Halle 7, ', 4), 'Wuppertal', 'DE', 'Machinery'
  FROM kam.app_user u WHERE u.role_name = 'anna';
INSERT INTO kam.contact (account_id, name) SELECT id, 'Buyer' FROM kam.account WHERE erp_id = 'W1';
INSERT INTO kam.account_plan (account_id, year, revenue_target, status, objectives)
SELECT id, extract(year FROM current_date), 500000, 'active',
       (SELECT string_agg('Objective number ' || g || ': ' || repeat('a long aim ', 8), E'\n') FROM generate_series(1, 12) g)
  FROM kam.account WHERE erp_id = 'W1';
INSERT INTO kam.plan_action (plan_id, title, due_on)
SELECT p.id, 'Action ' || g || ' ' || repeat('with a long title ', 5), current_date + g
  FROM kam.account_plan p JOIN kam.account a ON a.id = p.account_id AND a.erp_id = 'W1', generate_series(1, 20) g;
INSERT INTO kam.special_condition (account_id, kind, title, value, unit, valid_from, valid_to)
SELECT a.id, 'warranty', 'Condition ' || g || ' ' || repeat('long ', 10), g, 'months', current_date - 10, current_date + g * 20
  FROM kam.account a, generate_series(1, 12) g WHERE a.erp_id = 'W1';
INSERT INTO kam.service_level (account_id, name, first_response, resolution, time_zone, valid_from, escalation, goodwill_policy)
SELECT id, 'Gold', '4 hours', '2 days', 'Europe/Berlin', DATE '2025-01-01', repeat('Call the desk, then the manager. ', 4), repeat('Goodwill up to 500 EUR. ', 4)
  FROM kam.account WHERE erp_id = 'W1';
SQL
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.interaction (account_id, contact_id, occurred_at, channel, direction, subject, feedback)
SELECT a.id, c.id, now() - make_interval(days => g), 'email', 'inbound',
       'Feedback ' || g || ' ' || repeat('about something long ', 5), CASE WHEN g % 2 = 0 THEN 'complaint' ELSE 'idea' END
  FROM kam.account a JOIN kam.contact c ON c.account_id = a.id, generate_series(1, 20) g WHERE a.erp_id = 'W1';
SQL
	run -0 "$KAM" --brief W1
	[ "$(grep -c '^- and more: see kam$' <<<"$output")" -eq 4 ]
	[[ "$output" == *"- More objectives: see the plan in kam"* ]]
	run -0 "$KAM" --brief W1 -f pdf -o "$BATS_TEST_TMPDIR/w1.pdf"
	run -0 pdfinfo "$BATS_TEST_TMPDIR/w1.pdf"
	grep -Eq '^Pages: +1$' <<<"$output"
	run -0 pdftotext "$BATS_TEST_TMPDIR/w1.pdf" -
	[[ "$output" == *"Agenda of the talk"*"Plan and target for "* ]]
}

@test "the account team: each role with its person and deputy, in every format" {
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO kam.team_role (code, label, position) VALUES ('buyer_care', 'Buyer <care> & *co*', 40);
INSERT INTO kam.team_member (account_id, role, person_id, deputy_id)
SELECT a.id, v.role, p.id, d.id
  FROM kam.account a,
       (VALUES ('service_owner', 'sam', 'david'), ('buyer_care', 'bo', NULL)) v (role, person, deputy)
  JOIN kam.app_user p ON p.role_name = v.person
  LEFT JOIN kam.app_user d ON d.role_name = v.deputy
 WHERE a.erp_id = 'C1';
SQL
	run -0 "$KAM" --brief C1
	[[ "$output" == *"## Account team"*"- **Owner:** Anna Lindqvist"*"- Service owner: Sam Okafor, deputy David Okonkwo"*"- Buyer \\<care\\> \\& \\*co\\*: Bo Nakamura"*"## Plan "* ]]
	run -0 "$KAM" --brief C1 -f html
	[[ "$output" == *"<li>Service owner: Sam Okafor, deputy David Okonkwo</li>"* ]]
	[[ "$output" == *"<li>Buyer &lt;care&gt; &amp; *co*: Bo Nakamura</li>"* ]]
	run -0 "$KAM" --brief C1 -f ms
	grep -A1 -F '.IP \(bu 1.2m' <<<"$output" | grep -q 'Service owner: Sam Okafor, deputy David Okonkwo$'
	grep -A1 -F '.IP \(bu 1.2m' <<<"$output" | grep -q 'Buyer <care> & \*co\*: Bo Nakamura$'
	run -0 "$KAM" --brief C1 -f pdf -o "$BATS_TEST_TMPDIR/team.pdf"
	run -0 pdfinfo "$BATS_TEST_TMPDIR/team.pdf"
	grep -Eq '^Pages: +1$' <<<"$output"
	run -0 pdftotext "$BATS_TEST_TMPDIR/team.pdf" -
	[[ "$output" == *"Service owner: Sam Okafor, deputy David Okonkwo"* ]]
	[[ "$output" == *"Buyer <care> & *co*: Bo Nakamura"* ]]
	PGUSER=postgres psql -X -q -c "DELETE FROM kam.team_member; DELETE FROM kam.team_role WHERE code = 'buyer_care'"
}
