-- Search test data on top of tests/lib/fixture.sql: 6000 accounts laid
-- out so that each way the list searches in name order is taken. In name
-- order the 3000 "Alpha" accounts come first, the 3000 "Omega" ones last.
--   Alpha n: ERP id S<n>, city Bonn, every 100th Zwickau
--   Omega n: ERP id T<n>, VAT id XY<n>, city Zwickau (odd n), Köln (even
--            n), every 100th Bochum
INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city, vat_id)
SELECT s.erp_id, s.name, 'standard', u.id, u.team, 'DE', s.city, s.vat
  FROM (SELECT 'S' || lpad(g::text, 4, '0'), 'Alpha ' || lpad(g::text, 4, '0'),
               CASE WHEN g % 100 = 0 THEN 'Zwickau' ELSE 'Bonn' END, NULL
	  FROM generate_series(1, 3000) g
	UNION ALL
	SELECT 'T' || lpad(g::text, 4, '0'), 'Omega ' || lpad(g::text, 4, '0'),
	       CASE WHEN g % 100 = 0 THEN 'Bochum' WHEN g % 2 = 1 THEN 'Zwickau'
	            ELSE 'Köln' END, 'XY' || lpad(g::text, 4, '0')
	  FROM generate_series(1, 3000) g) AS s (erp_id, name, city, vat)
  JOIN kam.app_user u ON u.role_name = 'david';
ANALYZE kam.account;
-- The tiers of a search (issue 12): a name two swapped letters away, and a
-- name in a script that does not space its words.
INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city, vat_id)
SELECT v.erp_id, v.name, 'standard', u.id, u.team, v.country, v.city, v.vat
  FROM (VALUES ('B0001', 'Bengtsons Trä AB', 'SE', 'Göteborg', 'SE556677'),
               ('K0001', '푸른바다 주식회사', 'KR', '부산', NULL))
       AS v (erp_id, name, country, city, vat)
  JOIN kam.app_user u ON u.role_name = 'david';
