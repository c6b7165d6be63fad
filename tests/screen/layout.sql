-- tests/screen/layout.bats: one account whose every screen holds
-- identifiers as long as the demo's or longer (ERP id, VAT id, order and
-- invoice numbers that share their first 8 digits, e-mail addresses),
-- long free text, and large amounts; on top of data.sql.
INSERT INTO kam.account (erp_id, name, legal_name, vat_id, tier, owner_id, team, country, city, industry, status, lifecycle, currency, credit_limit, payment_terms)
SELECT 'KUNDE-0000471108', 'Layout Probe Industrieanlagen', 'Layout Probe Industrieanlagen und Sondermaschinenbau GmbH & Co. KG',
       'DE813471108150', 'strategic', u.id, u.team, 'DE', 'Mönchengladbach', 'Mechanical engineering', 'at_risk', 'retention', 'EUR', 2500000, '30 days net'
  FROM kam.app_user u WHERE u.role_name = 'anna';

INSERT INTO kam.contact (account_id, erp_id, name, job_title, email, phone, decision_maker)
SELECT a.id, c.erp_id, c.name, c.title, c.email, c.phone, c.dm
  FROM kam.account a, (VALUES
	('KUNDE-0000471108-P01', 'Maximiliane Oberhuber-Schwarzenberg', 'Head of strategic procurement and supplier development',
	 'm.oberhuber-schwarzenberg@layout-probe.example.com', '+49 2161 123456-789', true),
	('KUNDE-0000471108-P02', '山田 太郎', '部長', 'yamada.taro@layout-probe.example.com', '+81 3 1234 5678', false))
       c (erp_id, name, title, email, phone, dm)
 WHERE a.erp_id = 'KUNDE-0000471108';

INSERT INTO kam.special_condition (account_id, kind, title, value, unit, scope, valid_from, valid_to)
SELECT a.id, k.kind, k.title, k.value, k.unit, k.scope, current_date + k.f, current_date + k.t
  FROM kam.account a, (VALUES
	('rebate', 'Framework agreement rebate on all spare parts and wear parts', 7.5, 'percent', 'Spare parts', -30, 300),
	('payment_terms', 'Extended payment terms for project business', 60, 'days', NULL, -10, 20)) k (kind, title, value, unit, scope, f, t)
 WHERE a.erp_id = 'KUNDE-0000471108';

INSERT INTO kam.service_level (account_id, name, first_response, resolution, support_days, support_from, support_to, time_zone, channels, escalation, goodwill_policy, valid_from)
SELECT id, 'Platinum Plus', '30 minutes', '8 hours', '{1,2,3,4,5}', '07:00', '19:00', 'Europe/Berlin', '{phone,email,portal}',
       'Call the duty manager of the service centre in Mönchengladbach, then the head of service',
       'Free replacement parts up to 2,500 EUR per case without asking', DATE '2025-01-01'
  FROM kam.account WHERE erp_id = 'KUNDE-0000471108';

INSERT INTO kam.account_plan (account_id, year, annual_talk_on, revenue_target, objectives, status)
SELECT id, extract(year FROM current_date)::int, current_date + 2, 12500000,
       'Win the retrofit programme for all four plants and keep the spare-parts business', 'active'
  FROM kam.account WHERE erp_id = 'KUNDE-0000471108';
INSERT INTO kam.plan_action (plan_id, title, kind, owner_id, due_on)
SELECT p.id, 'Propose a retrofit programme for the presses of plants two, three and four', 'cross_sell', u.id, current_date + 5
  FROM kam.account_plan p JOIN kam.account a ON a.id = p.account_id, kam.app_user u
 WHERE a.erp_id = 'KUNDE-0000471108' AND u.role_name = 'anna';

INSERT INTO kam.interaction (account_id, contact_id, occurred_at, channel, subject, body, author_id, feedback, follow_up_on)
SELECT a.id, c.id, now() - (g || ' days')::interval, (ARRAY['call','email','meeting'])[1 + g % 3],
       'Quarterly review of the spare-parts deliveries and the open retrofit questions ' || g,
       'Notes ' || g, u.id, (ARRAY['none','complaint','idea'])[1 + g % 3],
       CASE WHEN g = 1 THEN current_date END
  FROM kam.account a JOIN kam.contact c ON c.account_id = a.id AND c.erp_id = 'KUNDE-0000471108-P01',
       generate_series(1, 3) g, kam.app_user u
 WHERE a.erp_id = 'KUNDE-0000471108' AND u.role_name = 'anna';

-- a long topic in two scripts, for the cloud
INSERT INTO kam.topic (name, status) VALUES ('納期 Lieferzuverlässigkeit', 'curated');
UPDATE kam.interaction SET topic_ids = ARRAY(SELECT id FROM kam.topic WHERE name = '納期 Lieferzuverlässigkeit')
 WHERE feedback <> 'none' AND account_id = (SELECT id FROM kam.account WHERE erp_id = 'KUNDE-0000471108');

-- order numbers as the demo's, sharing their first 8 digits
INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, erp_updated_at)
SELECT 'LP-ORD-' || g, id, '10000392' || g || '7', current_date - 20 - g, 1234567.89 * g, 'EUR', 'confirmed', now()
  FROM kam.account, generate_series(1, 3) g WHERE erp_id = 'KUNDE-0000471108';
INSERT INTO kam.erp_invoice (erp_id, account_id, number, invoice_date, due_date, amount, open_amount, currency, status, erp_updated_at)
SELECT 'LP-INV-' || g, id, 'RE-2026-90000392' || g, current_date - 60 + g, current_date - 30 + g, 987654.32 * g, 8765432.10, 'EUR', 'open', now()
  FROM kam.account, generate_series(1, 2) g WHERE erp_id = 'KUNDE-0000471108';

-- an audit entry: the account changed by hand
UPDATE kam.account SET industry = 'Special purpose machinery and plant engineering'
 WHERE erp_id = 'KUNDE-0000471108';
