-- Live screens (issue 18, finding 4): every committed change tells the
-- clients that LISTEN on the channel kam_change which table changed, and
-- on which account, so that a screen showing it reads it again.
--
-- Every audited table writes one audit_log row per changed row (0002's
-- audit() and those of later migrations), so one trigger here covers them
-- all, and a table audited later is live without more. NOTIFY is
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

CREATE FUNCTION notify_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
	told text := current_setting('kam.changes_told', true);
	n integer := CASE WHEN told ~ '^[0-9]{1,6}$' THEN told::integer ELSE 0 END;
BEGIN
	IF n < 100 THEN
		PERFORM set_config('kam.changes_told', (n + 1)::text, true);
		PERFORM pg_notify('kam_change', NEW.table_name || ' ' ||
		    coalesce(NEW.account_id::text, '-'));
	ELSE
		PERFORM pg_notify('kam_change', NEW.table_name || ' *');
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER notify_change AFTER INSERT ON audit_log
	FOR EACH ROW EXECUTE FUNCTION notify_change();
