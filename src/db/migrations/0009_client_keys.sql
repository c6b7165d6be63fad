-- Saves from the client are safe to send again. A new row carries a key
-- the client made (a random UUID); when a connection breaks after the
-- commit but before the reply, the client sends the same INSERT again
-- with ON CONFLICT (client_key) DO NOTHING and finds the row it made,
-- instead of adding it twice. Rows from elsewhere (psql, the ERP sync)
-- leave it NULL.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['contact', 'special_condition', 'service_level',
	    'account_plan', 'plan_action', 'interaction'] LOOP
		EXECUTE format('ALTER TABLE kam.%I ADD COLUMN client_key uuid UNIQUE', t);
		EXECUTE format('GRANT INSERT (client_key) ON kam.%I TO kam_manager', t);
	END LOOP;
END
$$;
GRANT INSERT (client_key) ON interaction TO kam_support;
