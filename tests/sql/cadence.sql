-- Cadence data on the fixture for 2025-06-15 (tests/sql/cadence.bats,
-- tests/cli/due.bats): each account's history, plans, SLAs and conditions.
UPDATE kam.account SET created_at = '2024-01-01';
INSERT INTO kam.account (erp_id, name, tier, status, created_at)
VALUES ('C9', 'Closed Ltd', 'strategic', 'churned', '2024-01-01');

-- C1 (key: contact 60, talk 45, renewal 60, condition 45)
INSERT INTO kam.interaction (account_id, channel, direction, subject, occurred_at, author_id)
SELECT a.id, v.channel, v.direction, v.subject, v.at, u.id
  FROM kam.account a, kam.app_user u,
       (VALUES ('call', 'outbound', 'Quarterly call', timestamptz '2025-04-10 10:00+02'),
               ('ticket', 'inbound', 'Broken pump', '2025-06-14 10:00+02'),
               ('email', 'internal', 'Note to self', '2025-06-14 11:00+02'),
               ('visit', 'outbound', 'After the day', '2025-07-01 10:00+02'))
       v (channel, direction, subject, at)
 WHERE a.erp_id = 'C1' AND u.role_name = 'anna';
INSERT INTO kam.account_plan (account_id, year, annual_talk_on, status)
SELECT id, 2025, DATE '2025-07-15', 'active' FROM kam.account WHERE erp_id = 'C1';
INSERT INTO kam.service_level (account_id, name, first_response, resolution, valid_from, valid_to)
SELECT id, v.name, '4 hours', '2 days', v.f, v.t FROM kam.account,
       (VALUES ('Silver', DATE '2024-01-01', DATE '2025-06-30'),
               ('Silver 2', DATE '2025-07-01', NULL)) v (name, f, t)
 WHERE erp_id = 'C1';
INSERT INTO kam.special_condition (account_id, kind, title, valid_from, valid_to)
SELECT id, 'free_shipping', 'Freight included', DATE '2025-01-01', DATE '2025-07-20'
  FROM kam.account WHERE erp_id = 'C1';

-- C2 (strategic: contact 30, talk 60, renewal 90, condition 60)
INSERT INTO kam.interaction (account_id, channel, subject, occurred_at, author_id)
SELECT a.id, 'email', 'Price list sent', '2025-06-05 09:00+02', u.id
  FROM kam.account a, kam.app_user u WHERE a.erp_id = 'C2' AND u.role_name = 'bo';
INSERT INTO kam.account_plan (account_id, year, annual_talk_on, talk_held_on, status)
SELECT id, 2025, DATE '2025-03-01', DATE '2025-03-01', 'active'
  FROM kam.account WHERE erp_id = 'C2';
INSERT INTO kam.service_level (account_id, name, first_response, resolution, valid_from, valid_to)
SELECT id, 'Gold', '1 hour', '1 day', DATE '2024-09-01', DATE '2025-08-31'
  FROM kam.account WHERE erp_id = 'C2';
INSERT INTO kam.special_condition (account_id, kind, title, value, unit, valid_from, valid_to)
SELECT id, 'rebate', 'Year-end rebate', 2, 'percent', v.f, v.t FROM kam.account,
       (VALUES (DATE '2024-07-02', DATE '2025-07-01'),
               (DATE '2025-07-02', DATE '2026-07-01')) v (f, t)
 WHERE erp_id = 'C2';

-- C3 (standard: contact 120, talk 30, renewal 30, condition 30)
INSERT INTO kam.account_plan (account_id, year, annual_talk_on, status)
SELECT id, 2025, DATE '2025-05-01', 'active' FROM kam.account WHERE erp_id = 'C3';
INSERT INTO kam.special_condition (account_id, kind, title, valid_from, valid_to)
SELECT id, 'other', 'Trial terms', DATE '2025-01-01', DATE '2025-06-01'
  FROM kam.account WHERE erp_id = 'C3';
