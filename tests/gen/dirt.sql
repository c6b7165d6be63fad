-- dirt.sql: the demo's planted dirt (issue 15, item 6). Seven accounts of
-- its own, added after tests/gen/load, carry a known set of duplicates and
-- rule breaches, so that the quality screen (:quality, kam --quality) and
-- kam --duplicates show something on first start and tests can count
-- exactly what must be found. They have no ERP id (the ERP's sync leaves
-- them alone), no phone numbers and e-mail domains of their own, and are
-- found by name:
--
--   duplicate accounts (kam.duplicate_accounts)
--     Hansa Kältetechnik GmbH + HKT Service Nord          same VAT id DE811907980
--     Müller & Söhne Maschinenbau + Müller & Söhne        names 83 % alike, both in Graz
--       Maschinenbau GmbH
--   duplicate contacts (kam.duplicate_contacts)
--     Jana Petersen + J. Petersen (Einkauf), Hansa        same e-mail address
--   breaches (kam.quality_finding)
--     Elbtal Pharma AG, key        owner_missing, plan_missing, sla_missing,
--                                  decision_maker_missing
--     Rheinwerk Druck GmbH         vat_invalid (DE12345); email_invalid (its contact
--                                  Tomás Ortega); sla_zone_foreign (America/New_York
--                                  for Germany)
--     Alsterblick Hotels KG, key   sla_expired (its only service level ran out
--                                  30 days ago; the account is active)
--
-- The planted accounts carry findings of other rules too (the second
-- Graz account lacks a VAT id, say); the ones above are what they are
-- planted for, each exactly once. Dates are relative to the day it runs.
-- Run it as a
-- superuser, once, on a loaded database: psql -v ON_ERROR_STOP=1 -f dirt.sql

BEGIN;

CREATE TEMPORARY TABLE dirt_account (name text, vat_id text, tier text,
	owner text, team text, country text, city text) ON COMMIT DROP;
INSERT INTO dirt_account VALUES
('Hansa Kältetechnik GmbH', 'DE811907980', 'key', 'anna', 'north', 'DE', 'Hamburg'),
('HKT Service Nord', 'DE 811 907 980', 'standard', 'anna', 'north', 'DE', 'Bremen'),
('Müller & Söhne Maschinenbau', 'ATU48120537', 'standard', 'bo', 'south', 'AT', 'Graz'),
('Müller & Söhne Maschinenbau GmbH', NULL, 'standard', 'bo', 'south', 'AT', 'Graz'),
('Elbtal Pharma AG', 'DE279345118', 'key', NULL, 'north', 'DE', 'Hamburg'),
('Rheinwerk Druck GmbH', 'DE12345', 'standard', 'carla', 'west', 'DE', 'Köln'),
('Alsterblick Hotels KG', 'DE306614872', 'key', 'anna', 'north', 'DE', 'Hamburg');

INSERT INTO kam.account (name, vat_id, tier, owner_id, team, country, city, status)
SELECT d.name, d.vat_id, d.tier, u.id, d.team, d.country, d.city, 'active'
  FROM dirt_account d LEFT JOIN kam.app_user u ON u.role_name = d.owner;

-- every planted account but Elbtal has a decision maker; Hansa's buyer
-- was entered twice under one address
INSERT INTO kam.contact (account_id, name, email, decision_maker)
SELECT a.id, c.name, c.email, c.dm
  FROM (VALUES
	('Hansa Kältetechnik GmbH', 'Jana Petersen', 'j.petersen@hansa-kaelte.example', true),
	('Hansa Kältetechnik GmbH', 'J. Petersen (Einkauf)', 'J.Petersen@hansa-kaelte.example', false),
	('HKT Service Nord', 'Ole Brandt', 'o.brandt@hkt-nord.example', true),
	('Müller & Söhne Maschinenbau', 'Franz Huber', 'huber@mueller-soehne.example', true),
	('Müller & Söhne Maschinenbau GmbH', 'Gerda Wallner', 'wallner@ms-maschinen.example', true),
	('Elbtal Pharma AG', 'Lena Vogt', 'l.vogt@elbtal-pharma.example', false),
	('Rheinwerk Druck GmbH', 'Tomás Ortega', 'tomas..ortega@rheinwerk.example', true),
	('Alsterblick Hotels KG', 'Mia Hoffmann', 'm.hoffmann@alsterblick.example', true)
       ) c (account, name, email, dm)
  JOIN kam.account a ON a.name = c.account AND a.erp_id IS NULL;

-- service levels: in force in the country's zone, but Rheinwerk's hours
-- are New York's and Alsterblick's ran out; Elbtal has none
INSERT INTO kam.service_level (account_id, name, first_response, resolution,
	time_zone, valid_from, valid_to)
SELECT a.id, 'Standard', interval '4 hours', interval '2 days', s.zone,
       current_date - s.from_days, current_date - s.to_days
  FROM (VALUES
	('Hansa Kältetechnik GmbH', 'Europe/Berlin', 300, NULL::int),
	('HKT Service Nord', 'Europe/Berlin', 300, NULL),
	('Müller & Söhne Maschinenbau', 'Europe/Vienna', 300, NULL),
	('Müller & Söhne Maschinenbau GmbH', 'Europe/Vienna', 300, NULL),
	('Rheinwerk Druck GmbH', 'America/New_York', 300, NULL),
	('Alsterblick Hotels KG', 'Europe/Berlin', 400, 30)
       ) s (account, zone, from_days, to_days)
  JOIN kam.account a ON a.name = s.account AND a.erp_id IS NULL;

-- this year's plan for the key accounts but Elbtal
INSERT INTO kam.account_plan (account_id, year)
SELECT a.id, extract(year FROM current_date)::int
  FROM kam.account a
 WHERE a.name IN ('Hansa Kältetechnik GmbH', 'Alsterblick Hotels KG')
   AND a.erp_id IS NULL;

COMMIT;
