-- What the full-screen client's account list and account screen read fast:
-- a name order that ignores case and accents, the next follow-up and the
-- feedback of one account through an index, and the list's columns as
-- views that run with the rights of whoever reads them.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- "Åhléns" sorts with the a's; keyset paging walks (fold(name), id).
CREATE INDEX account_fold_name ON account (fold(name), id);
-- The first keystrokes of a search match the start of the name: LIKE
-- 'mu%' needs pattern order, whatever the database's collation.
CREATE INDEX account_fold_name_prefix ON account (fold(name) text_pattern_ops);
CREATE INDEX interaction_account_follow_up ON interaction (account_id, follow_up_on)
	WHERE follow_up_on IS NOT NULL;
CREATE INDEX interaction_account_feedback ON interaction (account_id, occurred_at DESC)
	WHERE feedback <> 'none';

-- One row per account with what the list shows beside its own columns.
-- The service level is the one in force today; last contact and next
-- follow-up come from the history. ERP money is in account_erp_figures,
-- which support may not read.
CREATE VIEW account_list WITH (security_invoker = true) AS
SELECT a.id, a.erp_id, a.name, a.legal_name, a.vat_id, a.tier, a.owner_id,
       o.role_name AS owner_role, o.display_name AS owner_name, a.team,
       a.industry, a.country, a.city, a.lifecycle, a.status, a.currency,
       s.name AS sla_name, lc.last_contact_at, nf.next_follow_up_on
  FROM account a
  LEFT JOIN app_user o ON o.id = a.owner_id
  LEFT JOIN LATERAL (
	SELECT x.name FROM service_level x
	 WHERE x.account_id = a.id AND x.valid_from <= current_date
	   AND (x.valid_to IS NULL OR x.valid_to >= current_date)
	 ORDER BY x.valid_from DESC, x.id DESC LIMIT 1) s ON true
  LEFT JOIN LATERAL (
	SELECT max(i.occurred_at) AS last_contact_at FROM interaction i
	 WHERE i.account_id = a.id) lc ON true
  LEFT JOIN LATERAL (
	SELECT min(i.follow_up_on) AS next_follow_up_on FROM interaction i
	 WHERE i.account_id = a.id AND i.follow_up_on >= current_date) nf ON true;

-- Invoiced this calendar year, still open, and open past the due date.
-- An aggregate per account in a lateral subquery, so that asking for one
-- account (or a page of them) sums only their invoices.
CREATE VIEW account_erp_figures WITH (security_invoker = true) AS
SELECT a.id AS account_id, f.revenue_year, f.open_amount, f.overdue_amount
  FROM account a
 CROSS JOIN LATERAL (
	SELECT coalesce(sum(v.amount) FILTER (WHERE v.invoice_date >=
	           date_trunc('year', current_date)::date), 0) AS revenue_year,
	       coalesce(sum(v.open_amount), 0) AS open_amount,
	       coalesce(sum(v.open_amount) FILTER (WHERE v.due_date < current_date), 0)
	           AS overdue_amount
	  FROM erp_invoice v
	 WHERE v.account_id = a.id AND NOT v.deleted) f;

GRANT SELECT ON account_list TO kam_manager, kam_support, kam_admin;
GRANT SELECT ON account_erp_figures TO kam_manager, kam_admin;
