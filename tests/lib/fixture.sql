-- A small, fixed world for the database tests: two teams, a support agent
-- and an administrator; one account per manager.
SELECT kam.add_user('anna', 'manager', 'north', 'Anna Lindqvist', 'anna@example.com');
SELECT kam.add_user('david', 'manager', 'north', 'David Okonkwo', 'david@example.com');
SELECT kam.add_user('bo', 'manager', 'south', 'Bo Nakamura', 'bo@example.com');
SELECT kam.add_user('sam', 'support', NULL, 'Sam Okafor', 'sam@example.com');
SELECT kam.add_user('kamadmin', 'admin', NULL, 'KAM Admin', NULL);

INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city)
SELECT a.erp_id, a.name, a.tier, u.id, u.team, a.country, a.city
  FROM (VALUES ('C1', 'Nordwind GmbH', 'key', 'anna', 'DE', 'Hamburg'),
               ('C2', 'Åhléns AB', 'strategic', 'bo', 'SE', 'Stockholm'),
               ('C3', 'Davids Werkstatt', 'standard', 'david', 'DE', 'Kiel'))
       AS a (erp_id, name, tier, owner, country, city)
  JOIN kam.app_user u ON u.role_name = a.owner;

INSERT INTO kam.special_condition (account_id, kind, title, value, unit, valid_from)
SELECT id, 'discount', 'Volume discount', 12.5, 'percent', DATE '2026-01-01'
  FROM kam.account;

INSERT INTO kam.account_plan (account_id, year, revenue_target, objectives, status)
SELECT id, 2026, 100000, 'Grow the service business', 'active'
  FROM kam.account;

INSERT INTO kam.contact (account_id, name, email)
SELECT id, 'Front desk', 'desk@' || lower(erp_id) || '.example.com'
  FROM kam.account;
