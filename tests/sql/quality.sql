-- Planted dirt for tests/sql/quality.bats, on top of tests/lib/fixture.sql:
-- the fixture's accounts made clean, and accounts Q01 to Q16, each a clean
-- key account with exactly one breach (Q01 breaks the first rule of
-- kam(1)'s list, Q16 the last), Q17 churned and dirty (out of the rules),
-- Q18 a clean standard account without what only key accounts need, and
-- Q19 a clean key account with one breach of the rule 0051 added.
-- Run as the superuser.

-- clean: a VAT id (typed with spaces and dots), a service level in force
-- and a decision maker with a national phone number
UPDATE kam.account SET vat_id = CASE erp_id WHEN 'C2' THEN 'SE 556677-8899 01'
                                 ELSE 'DE 123.456.789' END
 WHERE erp_id IN ('C1', 'C2', 'C3');
UPDATE kam.contact SET decision_maker = true, phone = '040 123 4567';
INSERT INTO kam.service_level (account_id, name, first_response, resolution, valid_from,
                               time_zone)
SELECT id, 'Gold', '4 hours', '2 days', DATE '2020-01-01',
       CASE country WHEN 'SE' THEN 'Europe/Stockholm' ELSE 'Europe/Berlin' END
  FROM kam.account;

INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city, vat_id, status)
SELECT 'Q' || lpad(g::text, 2, '0'), 'Quality ' || lpad(g::text, 2, '0'),
       CASE g WHEN 18 THEN 'standard' ELSE 'key' END, u.id, u.team, 'DE', 'Köln',
       'DE' || (100000000 + g), CASE g WHEN 17 THEN 'churned' ELSE 'active' END
  FROM generate_series(1, 19) g, kam.app_user u WHERE u.role_name = 'anna';
INSERT INTO kam.contact (account_id, name, email, phone, decision_maker)
SELECT id, 'Boss ' || erp_id, 'boss@' || lower(erp_id) || '.example.com',
       '+49 221 ' || (1000 + id), erp_id <> 'Q18'
  FROM kam.account WHERE erp_id LIKE 'Q%';
INSERT INTO kam.service_level (account_id, name, first_response, resolution, valid_from, valid_to,
                               time_zone)
SELECT id, 'Gold', '4 hours', '2 days', DATE '2020-01-01',
       CASE erp_id WHEN 'Q04' THEN current_date - 10 END, 'Europe/Berlin'
  FROM kam.account WHERE erp_id LIKE 'Q%' AND erp_id NOT IN ('Q03', 'Q18');
INSERT INTO kam.account_plan (account_id, year, annual_talk_on, status)
SELECT id, extract(year FROM current_date)::int,
       CASE erp_id WHEN 'Q16' THEN current_date - 5 ELSE current_date + 30 END, 'active'
  FROM kam.account WHERE erp_id LIKE 'Q%' AND erp_id NOT IN ('Q05', 'Q18');

-- the breaches
UPDATE kam.account SET owner_id = NULL WHERE erp_id IN ('Q01', 'Q17');
UPDATE kam.account SET team = NULL WHERE erp_id IN ('Q02', 'Q17');
UPDATE kam.contact SET decision_maker = false
 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'Q06');
UPDATE kam.account SET vat_id = NULL WHERE erp_id IN ('Q07', 'Q17');
UPDATE kam.account SET vat_id = 'DE12345' WHERE erp_id = 'Q08';
INSERT INTO kam.contact (account_id, name, email)
SELECT id, 'Dotty', 'dotty..two@q09.example.com' FROM kam.account WHERE erp_id = 'Q09';
INSERT INTO kam.contact (account_id, name, phone)
SELECT id, 'Shorty', '+12 34' FROM kam.account WHERE erp_id = 'Q10';
-- a live overlap, and one long over (not a finding)
INSERT INTO kam.special_condition (account_id, kind, title, value, unit, valid_from, valid_to)
SELECT a.id, 'rebate', k.title, 2, 'percent', k.f, k.t
  FROM kam.account a, (VALUES
	('Spring rebate', DATE '2026-03-01', NULL::date),
	('Summer rebate', DATE '2026-06-01', current_date + 100),
	('Old rebate', DATE '2020-01-01', DATE '2020-12-31'),
	('Old rebate 2', DATE '2020-06-01', DATE '2021-06-30')) k (title, f, t)
 WHERE a.erp_id = 'Q11';
UPDATE kam.account SET erp_deleted = true WHERE erp_id IN ('Q12', 'Q17');
INSERT INTO kam.contact (account_id, name, email)
SELECT a.id, c.name, c.email FROM kam.account a, (VALUES
	('Buyer', 'buyer@q13.example.com'),
	('Clerk', 'Clerk@Q13.Example.com'),
	('Private', 'someone@mail.example.org')) c (name, email)
 WHERE a.erp_id = 'Q13';
UPDATE kam.account SET created_at = now() - interval '100 days' WHERE erp_id = 'Q14';
INSERT INTO kam.interaction (account_id, occurred_at, channel, subject, author_id)
SELECT a.id, now() - interval '90 days', 'call', 'Last call', u.id
  FROM kam.account a, kam.app_user u WHERE a.erp_id = 'Q14' AND u.role_name = 'anna';
ALTER TABLE kam.contact DISABLE TRIGGER touch;
UPDATE kam.contact SET updated_at = now() - interval '13 months'
 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'Q15');
ALTER TABLE kam.contact ENABLE TRIGGER touch;
-- the default zone left as it was, for a customer in Germany
UPDATE kam.service_level SET time_zone = 'UTC'
 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'Q19');
