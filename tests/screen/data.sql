-- Screen test data on top of tests/lib/fixture.sql: names in many
-- scripts, text with control characters, a full account (C1) with
-- contacts, conditions, an SLA, a plan, history and invoices, and 300
-- more accounts to page through.
INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city, vat_id, status, lifecycle)
SELECT v.erp_id, v.name, v.tier, u.id, u.team, 'DE', v.city, v.vat, v.status, v.lc
  FROM (VALUES
	('C4', 'Müller GmbH', 'key', 'anna', 'Berlin', 'DE123456789', 'at_risk', 'retention'),
	('C5', '漢字 Trading 株式会社', 'strategic', 'bo', 'Tokyo', NULL, 'active', 'acquisition'),
	('C6', E'Evil\u001b[31mRed\u202eCorp', 'standard', 'bo', E'Line\nBreak', NULL, 'dormant', 'development'),
	('C7', 'Émoji 😀 Café', 'standard', 'anna', 'Paris', NULL, 'churned', 'development'))
       AS v (erp_id, name, tier, owner, city, vat, status, lc)
  JOIN kam.app_user u ON u.role_name = v.owner;

INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city)
SELECT 'P' || lpad(g::text, 4, '0'), 'Zeta Paging ' || lpad(g::text, 4, '0'),
       'standard', u.id, u.team, 'DE', 'Bonn'
  FROM generate_series(1, 300) g, kam.app_user u WHERE u.role_name = 'david';

-- C1: everything
UPDATE kam.contact SET name = 'Jana Novak', phone = '+49 40 1234', job_title = 'Head of purchasing', decision_maker = true
 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1');
INSERT INTO kam.contact (account_id, name, email, active)
SELECT id, 'Old Contact', 'old@c1.example.com', false FROM kam.account WHERE erp_id = 'C1';
INSERT INTO kam.service_level (account_id, name, first_response, resolution, support_days, time_zone, channels, escalation_contact_id, escalation, goodwill_policy, valid_from)
SELECT a.id, 'Platinum', '1 hour', '1 day 4 hours', '{1,2,3,4,5,6,7}', 'Europe/Berlin', '{phone,email}', c.id, 'Call the duty manager', 'Free parts up to 500 EUR', DATE '2025-01-01'
  FROM kam.account a JOIN kam.contact c ON c.account_id = a.id AND c.active WHERE a.erp_id = 'C1';
INSERT INTO kam.special_condition (account_id, kind, title, value, unit, valid_from, valid_to)
SELECT id, k.kind, k.title, k.value, k.unit, current_date + k.f, current_date + k.t
  FROM kam.account, (VALUES
	('rebate', 'Ends soon rebate', 3, 'percent', -100, 10),
	('warranty', 'Old warranty', 24, 'months', -900, -10),
	('free_shipping', 'Next year shipping', NULL, NULL, 30, 400)) k (kind, title, value, unit, f, t)
 WHERE erp_id = 'C1';
INSERT INTO kam.plan_action (plan_id, title, kind, owner_id, due_on)
SELECT p.id, 'Cross-sell service contract', 'cross_sell', u.id, DATE '2026-06-30'
  FROM kam.account_plan p JOIN kam.account a ON a.id = p.account_id, kam.app_user u
 WHERE a.erp_id = 'C1' AND u.role_name = 'anna';
INSERT INTO kam.interaction (account_id, contact_id, occurred_at, channel, subject, body, author_id, feedback, follow_up_on, outcome)
SELECT a.id, c.id, now() - (g || ' days')::interval,
       (ARRAY['call','email','meeting','visit','ticket','chat'])[1 + g % 6],
       'Talk number ' || g, 'Body of talk ' || g || E'\nsecond line with \u001b[2J escape',
       u.id, (ARRAY['none','none','compliment','idea','complaint'])[1 + g % 5],
       CASE WHEN g = 1 THEN current_date + 7 END, CASE WHEN g % 5 = 4 AND g > 10 THEN 'resolved' END
  FROM kam.account a JOIN kam.contact c ON c.account_id = a.id AND c.active,
       generate_series(1, 250) g, kam.app_user u
 WHERE a.erp_id = 'C1' AND u.role_name = 'anna';
INSERT INTO kam.erp_invoice (erp_id, account_id, number, invoice_date, due_date, amount, open_amount, currency, status, erp_updated_at)
SELECT 'INV' || g, a.id, 'R-2026-' || g, current_date - 40 + g, current_date - 10 + g, 12345.60 * g, CASE WHEN g < 3 THEN 1000 ELSE 0 END, 'EUR', 'open', now()
  FROM kam.account a, generate_series(1, 3) g WHERE a.erp_id = 'C1';
INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, erp_updated_at)
SELECT 'ORD1', id, 'A-777', current_date - 50, 999.99, 'EUR', 'shipped', now() FROM kam.account WHERE erp_id = 'C1';
-- C4: a contact that came from the ERP
INSERT INTO kam.contact (account_id, erp_id, name, email)
SELECT id, 'C4-P1', 'Hans Müller', 'hans@mueller.example.com' FROM kam.account WHERE erp_id = 'C4';

-- The agenda (tests/screen/agenda.bats): anna's follow-ups, plan actions
-- and annual talks, dated from today, beside items that are not hers or
-- no longer open.
INSERT INTO kam.interaction (account_id, occurred_at, channel, subject, author_id, follow_up_on)
SELECT a.id, now() - (f.ago || ' days')::interval, f.channel, f.subject, u.id, current_date + f.due
  FROM (VALUES
	('C4', 'anna', 10, 'call', 'Answered by a later call', -5),
	('C4', 'anna', 3, 'call', 'Send the revised offer', -2),
	('C4', 'david', 2, 'visit', 'Bring the samples', 0),
	('C2', 'anna', 2, 'email', 'Ask about the Stockholm fair', -1),
	('C7', 'anna', 1, 'meeting', 'Book the tasting', 3),
	('C3', 'david', 1, 'call', 'Not on anna''s agenda', -1))
       AS f (erp_id, author, ago, channel, subject, due)
  JOIN kam.account a ON a.erp_id = f.erp_id
  JOIN kam.app_user u ON u.role_name = f.author;
INSERT INTO kam.interaction (account_id, channel, subject, author_id, follow_up_on)
SELECT a.id, 'ticket', 'Sam checks the spare part', u.id, current_date - 4
  FROM kam.account a, kam.app_user u WHERE a.erp_id = 'C2' AND u.role_name = 'sam';
INSERT INTO kam.account_plan (account_id, year, annual_talk_on, status)
SELECT a.id, extract(year FROM current_date)::int, p.talk, 'active'
  FROM (VALUES ('C4', NULL::date), ('C7', current_date + 1)) AS p (erp_id, talk)
  JOIN kam.account a ON a.erp_id = p.erp_id
ON CONFLICT (account_id, year) DO NOTHING;
INSERT INTO kam.plan_action (plan_id, title, kind, owner_id, due_on, status)
SELECT p.id, x.title, x.kind, u.id, current_date + x.due, x.status
  FROM (VALUES
	('Win back the spare-parts business', 'retention', 'anna', -3, 'open'),
	('Propose the maintenance upgrade', 'up_sell', NULL, 0, 'open'),
	('Already done', 'other', 'anna', -1, 'done'),
	('Not due yet', 'other', 'anna', 20, 'open'),
	('David''s own step', 'other', 'david', -1, 'open'))
       AS x (title, kind, owner, due, status)
  JOIN kam.account a ON a.erp_id = 'C4'
  JOIN kam.account_plan p ON p.account_id = a.id AND p.year = extract(year FROM current_date)
  LEFT JOIN kam.app_user u ON u.role_name = x.owner;

-- C5: contacts in wide and combining characters
INSERT INTO kam.contact (account_id, name, job_title, email, phone)
SELECT a.id, c.name, c.title, c.email, '+81 3 1234'
  FROM kam.account a, (VALUES
	('山田 太郎', '部長', 'yamada@c5.example.com'),
	(E'Jose\u0301 Nin\u0303o', 'Buyer', 'jose@c5.example.com'),
	('Zoë 😀 Smith', 'CTO', 'zoe@c5.example.com')) c (name, title, email)
 WHERE a.erp_id = 'C5';
