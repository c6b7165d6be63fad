-- Two accounts that are one, for tests/sql/merge.bats and tests/cli/merge.bats,
-- on top of tests/lib/fixture.sql. Run as the superuser.
--
-- M1 Weber Antriebe GmbH (anna, north; ERP W1), the winner
-- M2 Weber Antriebe (david, north; ERP W2), the loser, with something of
--    everything that belongs to an account: two contacts (one named by an
--    entry and a service level), a condition, a service level, a plan of
--    2026 (M1 has one too) with an action, a plan of 2025, entries (one a
--    ticket with a pause and a goodwill gesture), an order, an invoice, a
--    team member, a subsidiary (M3), a tombstone pointing at it (M4)
-- M5 (bo, south): an account anna may not write
INSERT INTO kam.account (erp_id, name, legal_name, tier, owner_id, team, country,
    city, industry, notes, updated_at)
SELECT d.erp_id, d.name, d.legal, 'key', u.id, u.team, 'DE', d.city, d.industry,
       d.notes, d.at::timestamptz
  FROM (VALUES
	('W1', 'Weber Antriebe GmbH', 'Weber Antriebe GmbH', 'Mannheim', NULL, NULL, 'anna', '2026-01-01'),
	('W2', 'Weber Antriebe', NULL, 'Mannheim', 'Drives', 'Met at the fair', 'david', '2026-02-01'),
	('W3', 'Weber Antriebe Service', NULL, 'Mannheim', NULL, NULL, 'david', '2026-01-01'),
	(NULL, 'Weber (alt)', NULL, 'Mannheim', NULL, NULL, 'david', '2026-01-01'),
	('W5', 'Weber Süd', NULL, 'Ulm', NULL, NULL, 'bo', '2026-01-01'))
	d (erp_id, name, legal, city, industry, notes, owner, at)
  JOIN kam.app_user u ON u.role_name = d.owner;
UPDATE kam.account SET parent_id = (SELECT id FROM kam.account WHERE erp_id = 'W2')
 WHERE erp_id = 'W3';
UPDATE kam.account SET merged_into = (SELECT id FROM kam.account WHERE erp_id = 'W2'),
       status = 'churned'
 WHERE name = 'Weber (alt)';

INSERT INTO kam.contact (account_id, erp_id, name, email, phone, decision_maker)
SELECT a.id, c.erp_id, c.name, c.email, c.phone, c.dm
  FROM (VALUES ('W1', 'P1', 'Jana Weber', 'jana@weber.example.de', NULL, true),
               ('W2', 'P2', 'Jana Weber', 'jana@weber.example.de', '0621 555', false),
               ('W2', NULL, 'Tom Kraus', 'tom@weber.example.de', NULL, false))
       c (acct, erp_id, name, email, phone, dm)
  JOIN kam.account a ON a.erp_id = c.acct;

INSERT INTO kam.special_condition (account_id, kind, title, value, unit, valid_from)
SELECT id, 'rebate', 'Year-end rebate', 3, 'percent', DATE '2026-01-01'
  FROM kam.account WHERE erp_id = 'W2';
INSERT INTO kam.service_level (account_id, name, first_response, resolution,
    valid_from, escalation_contact_id)
SELECT a.id, 'Gold', '4 hours', '2 days', DATE '2026-01-01', c.id
  FROM kam.account a JOIN kam.contact c ON c.account_id = a.id AND c.name = 'Tom Kraus'
 WHERE a.erp_id = 'W2';

INSERT INTO kam.account_plan (account_id, year, revenue_target, objectives, status)
SELECT a.id, p.year, p.target, p.objectives, 'active'
  FROM (VALUES ('W1', 2026, 50000, 'Retrofit drives'),
               ('W2', 2026, NULL, 'Service contract'),
               ('W2', 2025, 20000, 'First order')) p (acct, year, target, objectives)
  JOIN kam.account a ON a.erp_id = p.acct;
INSERT INTO kam.plan_action (plan_id, title, kind)
SELECT p.id, x.title, 'cross_sell'
  FROM (VALUES ('W1', 'Offer retrofit'), ('W2', 'Offer service contract')) x (acct, title)
  JOIN kam.account a ON a.erp_id = x.acct
  JOIN kam.account_plan p ON p.account_id = a.id AND p.year = 2026;

INSERT INTO kam.interaction (account_id, contact_id, occurred_at, channel, subject,
    author_id, feedback, follow_up_on)
SELECT a.id, c.id, i.at::timestamptz, i.channel, i.subject, u.id, i.feedback, i.follow::date
  FROM (VALUES ('W1', NULL, '2026-03-01 10:00+01', 'call', 'Retrofit talk', 'anna', 'none', NULL),
               ('W2', 'Tom Kraus', '2026-03-02 10:00+01', 'visit', 'Service visit', 'david', 'idea', '2026-12-20'),
               ('W2', NULL, '2026-03-03 10:00+01', 'email', 'Late delivery', 'david', 'complaint', NULL),
               ('W2', NULL, '2026-03-04 10:00+01', 'ticket', 'Drive fault', 'sam', 'none', NULL))
       i (acct, contact, at, channel, subject, author, feedback, follow)
  JOIN kam.account a ON a.erp_id = i.acct
  JOIN kam.app_user u ON u.role_name = i.author
  LEFT JOIN kam.contact c ON c.account_id = a.id AND c.name = i.contact;
INSERT INTO kam.ticket_pause (ticket_id, account_id, paused_at, resumed_at)
SELECT t.id, t.account_id, '2026-03-04 11:00+01', '2026-03-04 12:00+01'
  FROM kam.ticket t JOIN kam.account a ON a.id = t.account_id AND a.erp_id = 'W2';
INSERT INTO kam.goodwill (ticket_id, kind, note, given_by)
SELECT t.id, 'free_service', 'Free inspection', u.id
  FROM kam.ticket t JOIN kam.account a ON a.id = t.account_id AND a.erp_id = 'W2'
  JOIN kam.app_user u ON u.role_name = 'sam';

INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount, currency,
    status, erp_updated_at)
SELECT 'O-W2-1', id, '4711', DATE '2026-02-10', 1234.50, 'EUR', 'shipped',
       '2026-02-10 09:00+01' FROM kam.account WHERE erp_id = 'W2';
INSERT INTO kam.erp_invoice (erp_id, account_id, number, invoice_date, due_date,
    amount, open_amount, currency, status, erp_updated_at)
SELECT 'I-W2-1', id, 'R-4711', DATE '2026-02-11', DATE '2026-03-11', 1234.50, 0,
       'EUR', 'paid', '2026-02-11 09:00+01' FROM kam.account WHERE erp_id = 'W2';

INSERT INTO kam.team_member (account_id, role, person_id)
SELECT a.id, 'technical_lead', u.id FROM kam.account a, kam.app_user u
 WHERE a.erp_id = 'W2' AND u.role_name = 'david';
