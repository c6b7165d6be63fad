-- The ERP sync: a customer the ERP deletes stays in kam (plans and history
-- refer to it) but is marked, as deleted orders and invoices are. The flag
-- is the ERP's, so only the sync writes it.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

ALTER TABLE account ADD COLUMN erp_deleted boolean NOT NULL DEFAULT false;
GRANT INSERT (erp_deleted), UPDATE (erp_deleted) ON account TO kam_sync;
