-- Live screens (issue 18, finding 4): every committed change tells the
-- clients that LISTEN on the channel kam_change which table changed, and
-- on which account, so that a screen showing it reads it again.
--
-- Every audited table writes one audit_log row per changed row (0002's
-- audit() and those of later migrations), so one trigger here covers them
-- all, and a table audited later is live without more; orders and
-- invoices, which the ERP owns and nobody audits, have their own. NOTIFY is
-- transactional: nothing goes out before the commit, and a rolled back
-- change tells nobody (sql-notify.html: "if a NOTIFY is executed inside
-- a transaction, the notify events are not delivered until and unless
-- the transaction is committed").
--
-- The payload is "TABLE ACCOUNT": the table's name and the account's id,
-- "-" for a row of no account (app_user), "*" for "any account". Nothing
-- confidential: notifications are visible to every user of the database
-- (sql-notify.html), and ids say nothing more than that a row changed.
-- Under 8000 bytes, the payload's limit there: a name is at most 63.
--
-- A bulk change (a sync of 100 000 accounts, a COPY) must not flood the
-- listeners: identical payloads within one transaction are folded into
-- one (sql-notify.html: "If the same channel name is signaled multiple
-- times with identical payload strings within the same transaction, only
-- one instance of the notification event is delivered to listeners"),
-- so after the first NOTIFY_MAX rows of a transaction the rest say "TABLE
-- *" -- each table once -- and clients read every screen of that table.
-- The count lives in a setting local to the transaction.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- Tells one change: by account while the transaction has told fewer than
-- 100, then "TABLE *".
CREATE FUNCTION notify_one(tbl text, acct bigint) RETURNS void
LANGUAGE plpgsql SET search_path = kam, pg_temp
AS $$
DECLARE
	told text := current_setting('kam.changes_told', true);
	n integer := CASE WHEN told ~ '^[0-9]{1,6}$' THEN told::integer ELSE 0 END;
BEGIN
	IF n < 100 THEN
		PERFORM set_config('kam.changes_told', (n + 1)::text, true);
		PERFORM pg_notify('kam_change', tbl || ' ' || coalesce(acct::text, '-'));
	ELSE
		PERFORM pg_notify('kam_change', tbl || ' *');
	END IF;
END
$$;

CREATE FUNCTION notify_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = kam, pg_temp
AS $$
BEGIN
	PERFORM kam.notify_one(NEW.table_name, NEW.account_id);
	RETURN NULL;
END
$$;

CREATE TRIGGER notify_change AFTER INSERT ON audit_log
	FOR EACH ROW EXECUTE FUNCTION notify_change();

-- Orders and invoices are the ERP's, not audited: the sync writes them a
-- statement at a time, so a statement trigger tells each account of the
-- statement's rows once (its transition table, trigger-definition.html),
-- never a row at a time.
CREATE FUNCTION notify_rows() RETURNS trigger
LANGUAGE plpgsql SET search_path = kam, pg_temp
AS $$
DECLARE
	acct bigint;
	n integer := 0;
BEGIN
	FOR acct IN SELECT DISTINCT account_id FROM changed LIMIT 101 LOOP
		n := n + 1;
		EXIT WHEN n > 100;
		PERFORM kam.notify_one(TG_TABLE_NAME::text, acct);
	END LOOP;
	IF n > 100 THEN
		PERFORM pg_notify('kam_change', TG_TABLE_NAME || ' *');
	END IF;
	RETURN NULL;
END
$$;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['erp_order', 'erp_invoice'] LOOP
		EXECUTE format('CREATE TRIGGER notify_insert AFTER INSERT ON kam.%I '
		    'REFERENCING NEW TABLE AS changed '
		    'FOR EACH STATEMENT EXECUTE FUNCTION kam.notify_rows()', t);
		EXECUTE format('CREATE TRIGGER notify_update AFTER UPDATE ON kam.%I '
		    'REFERENCING NEW TABLE AS changed '
		    'FOR EACH STATEMENT EXECUTE FUNCTION kam.notify_rows()', t);
		EXECUTE format('CREATE TRIGGER notify_delete AFTER DELETE ON kam.%I '
		    'REFERENCING OLD TABLE AS changed '
		    'FOR EACH STATEMENT EXECUTE FUNCTION kam.notify_rows()', t);
	END LOOP;
END
$$;
