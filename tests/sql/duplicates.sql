-- Planted duplicates for tests/sql/duplicates.bats, on top of
-- tests/lib/fixture.sql (C1 Nordwind GmbH, Hamburg; C2 Åhléns AB,
-- Stockholm; C3 Davids Werkstatt, Kiel). Run as the superuser.
--
-- accounts, the pairs to find:
--   D1/D2  one VAT id typed two ways, names alike, one city (Köln)
--   D3/D4  names unlike, but an e-mail domain and a phone number shared
--   C1/D6  names alike (Nordwind), one country, nothing else
-- and not to find:
--   D1/D5  names alike, but another country and city
--   C1-C3, D5  share mail.example.net: four accounts, a provider's domain
-- contacts, the pairs to find:
--   Eva Klein (C1) / E. Klein (C3)          one address, case aside
--   Johanna Schneider / Johanna Schnieder   alike, on one account (D1)
--   Weber (D3) / Dispatch (D4)              one phone number
INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city, vat_id)
SELECT d.erp_id, d.name, 'key', u.id, u.team, d.country, d.city, d.vat
  FROM (VALUES
	('D1', 'Müller Maschinenbau GmbH', 'DE', 'Köln', 'DE 111 222 333', 'anna'),
	('D2', 'Mueller Maschinenbau GmbH', 'DE', 'Köln', 'DE111222333', 'bo'),
	('D3', 'Schmidt Logistik AG', 'DE', 'Berlin', NULL, 'anna'),
	('D4', 'Spedition Weber', 'DE', 'Bonn', NULL, 'bo'),
	('D5', 'Müller Maschinenbau SARL', 'FR', 'Paris', NULL, 'bo'),
	('D6', 'Nordwind', 'DE', 'Lübeck', NULL, 'bo')) d (erp_id, name, country, city, vat, owner)
  JOIN kam.app_user u ON u.role_name = d.owner;
INSERT INTO kam.contact (account_id, name, email, phone)
SELECT a.id, c.name, c.email, c.phone
  FROM (VALUES
	('C1', 'Eva Klein', 'eva@klein.example.com', NULL),
	('C3', 'E. Klein', 'EVA@Klein.example.com', NULL),
	('D1', 'Johanna Schneider', 'js@mueller-mb.example.de', NULL),
	('D1', 'Johanna Schnieder', NULL, NULL),
	('D3', 'Weber', 'weber@schmidt-log.example.de', '030 1234567'),
	('D4', 'Dispatch', 'dispatch@schmidt-log.example.de', '+49 30 1234567'),
	('C1', 'Info', 'info@mail.example.net', NULL),
	('C2', 'Info', 'info@mail.example.net', NULL),
	('C3', 'Info', 'info2@mail.example.net', NULL),
	('D5', 'Info', 'info3@mail.example.net', NULL)) c (erp_id, name, email, phone)
  JOIN kam.account a ON a.erp_id = c.erp_id;
