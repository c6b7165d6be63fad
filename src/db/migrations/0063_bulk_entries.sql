-- A statement of thousands of entries (an announcement, an import) pays
-- once a statement, not a row or an account at a time (issue 14, speed:
-- an announcement to 5 000 customers in one transaction in 5 s; it took
-- 62 to 78 s, bench/README.md).
--
-- audit         the history's audit (0002's audit(), a row trigger: a
--               plpgsql call, two jsonb documents and an INSERT each row)
--               is written by one INSERT a statement from its transition
--               tables, the same rows as before: one per row inserted or
--               deleted, one per row updated in what it holds (the fields
--               that changed, old and new side by side). The trigger keeps
--               its name (audit), so whoever turns it off for a while (the
--               merge, 0055) turns off the same thing. The live
--               notifications come from the audit rows as before (0031).
-- follow-ups    a new entry can only close open follow-ups (a later entry
--               by the owner or the author; a later follow-up for the same
--               person, or an entry of theirs), never reopen one: so on
--               INSERT the kept rows the new entries close go, and the new
--               entries that are open follow-ups come, instead of every
--               touched account's follow-ups worked out again (0037: 9.8 s
--               of an announcement). Updates and deletes work the accounts
--               out again as before.
-- cadence       a new entry moves only the contact alarm, and only
--               forwards: its last contact becomes the later of the kept
--               one and the new entries' (those neither tickets nor
--               internal), instead of every alarm of every touched account
--               worked out again (0045: 6.6 s). Updates and deletes, and
--               the other tables, as before.
-- The accounts are locked as before (entries_lock_accounts), so that
-- two writers on one account still see each other's entries.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- The audit rows of a statement on a table whose rows have an id and an
-- account_id, from its transition tables (new_rows for an insert,
-- old_rows for a delete, both for an update). Rows are written in the
-- order the statement changed them.
CREATE FUNCTION audit_rows() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	IF TG_NAME <> 'audit' AND EXISTS (SELECT FROM pg_trigger t
	    WHERE t.tgrelid = TG_RELID AND t.tgname = 'audit' AND t.tgenabled = 'D') THEN
		RETURN NULL;
	END IF;
	IF TG_OP = 'INSERT' THEN
		INSERT INTO kam.audit_log (actor, table_name, row_id, account_id, op,
		                           old, new)
		SELECT session_user, TG_TABLE_NAME, n.id, n.account_id, TG_OP, NULL,
		       to_jsonb(n) - 'updated_at' - 'version'
		  FROM new_rows n;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO kam.audit_log (actor, table_name, row_id, account_id, op,
		                           old, new)
		SELECT session_user, TG_TABLE_NAME, o.id, o.account_id, TG_OP,
		       to_jsonb(o) - 'updated_at' - 'version', NULL
		  FROM old_rows o;
	ELSE
		-- only the fields that changed; a row that changed in none of
		-- them (but its version and time) is not audited. Each row's
		-- two documents are made once (MATERIALIZED), not once a field.
		WITH r AS MATERIALIZED (
			SELECT n.ord, n.id, n.account_id,
			       to_jsonb(o) - 'updated_at' - 'version' AS oj, n.nj
			  FROM (SELECT x.id, x.account_id,
			               to_jsonb(x) - 'updated_at' - 'version' AS nj,
			               row_number() OVER () AS ord
			          FROM new_rows x) n
			  JOIN old_rows o ON o.id = n.id)
		INSERT INTO kam.audit_log (actor, table_name, row_id, account_id, op,
		                           old, new)
		SELECT session_user, TG_TABLE_NAME, r.id, r.account_id, TG_OP, d.o, d.n
		  FROM r
		 CROSS JOIN LATERAL (
		       SELECT jsonb_object_agg(k, r.oj -> k) AS o,
		              jsonb_object_agg(k, r.nj -> k) AS n
		         FROM jsonb_object_keys(r.nj) k
		        WHERE (r.oj -> k) IS DISTINCT FROM (r.nj -> k)) d
		 WHERE d.n IS NOT NULL
		 ORDER BY r.ord;
	END IF;
	RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION audit_rows() FROM PUBLIC;

-- A trigger with transition tables fires on one event only, so three:
-- audit (updates) keeps the row trigger's name, and audit_insert and
-- audit_delete write nothing while it is disabled, so that turning off
-- "audit" (ALTER TABLE ... DISABLE TRIGGER audit, as the merge does)
-- still turns off the whole audit of entries.
DROP TRIGGER audit ON interaction;
CREATE TRIGGER audit AFTER UPDATE ON interaction
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION audit_rows();
CREATE TRIGGER audit_insert AFTER INSERT ON interaction
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION audit_rows();
CREATE TRIGGER audit_delete AFTER DELETE ON interaction
	REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION audit_rows();

-- The open follow-ups among the given entries of the given accounts
-- (entries NULL: all of theirs), as 0037 defines them; added to the kept
-- rows. The one definition the recount and the insert share.
CREATE FUNCTION follow_ups_open_add(accounts bigint[], entries bigint[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	INSERT INTO follow_up_open_owned
	SELECT y.id, y.account_id, a.owner_id, y.follow_up_on
	  FROM account a JOIN interaction y ON y.account_id = a.id
	 WHERE a.id = ANY (accounts) AND a.owner_id IS NOT NULL
	   AND (entries IS NULL OR y.id = ANY (entries))
	   AND y.follow_up_on IS NOT NULL AND y.follow_up_done_at IS NULL
	   AND NOT EXISTS (SELECT FROM interaction j
	                    WHERE j.account_id = y.account_id
	                      AND j.author_id IN (a.owner_id, y.author_id)
	                      AND j.occurred_at > y.occurred_at);
	INSERT INTO follow_up_open_owed
	SELECT y.id, y.account_id, y.follow_up_owner_id, y.follow_up_on
	  FROM account a JOIN interaction y ON y.account_id = a.id
	 WHERE a.id = ANY (accounts)
	   AND (entries IS NULL OR y.id = ANY (entries))
	   AND y.follow_up_on IS NOT NULL AND y.follow_up_done_at IS NULL
	   AND a.owner_id IS DISTINCT FROM y.follow_up_owner_id
	   AND NOT EXISTS (SELECT FROM interaction n
	                    WHERE n.account_id = y.account_id
	                      AND n.follow_up_owner_id = y.follow_up_owner_id
	                      AND n.follow_up_on IS NOT NULL
	                      AND n.follow_up_done_at IS NULL
	                      AND (n.occurred_at, n.id) > (y.occurred_at, y.id))
	   AND NOT EXISTS (SELECT FROM interaction j
	                    WHERE j.account_id = y.account_id
	                      AND j.author_id = y.follow_up_owner_id
	                      AND j.occurred_at > y.occurred_at);
END
$$;

CREATE OR REPLACE FUNCTION follow_ups_recount(accounts bigint[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	DELETE FROM follow_up_open_owned WHERE account_id = ANY (accounts);
	DELETE FROM follow_up_open_owed WHERE account_id = ANY (accounts);
	PERFORM follow_ups_open_add(accounts, NULL);
END
$$;

-- Locks the given accounts, in id order, as 0037 and 0045 do before they
-- work them out: one writer of an account's entries at a time, each
-- seeing what the one before committed.
CREATE FUNCTION entries_lock_accounts(accounts bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	PERFORM FROM account WHERE id = ANY (accounts) ORDER BY id
	    FOR NO KEY UPDATE;
END
$$;
REVOKE ALL ON FUNCTION entries_lock_accounts(bigint[]) FROM PUBLIC;

-- New entries, by difference (see above): the kept rows they close go,
-- those of them that are open follow-ups come. Updates and deletes stay
-- with 0037's follow_ups_keep.
CREATE FUNCTION follow_ups_keep_entries() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	touched bigint[];
BEGIN
	SELECT array_agg(DISTINCT account_id) INTO touched FROM new_rows;
	IF touched IS NULL THEN
		RETURN NULL;
	END IF;
	PERFORM entries_lock_accounts(touched);
	DELETE FROM follow_up_open_owned k USING interaction y
	 WHERE k.account_id = ANY (touched) AND y.id = k.id
	   AND EXISTS (SELECT FROM new_rows j
	                WHERE j.account_id = k.account_id
	                  AND j.author_id IN (k.owner_id, y.author_id)
	                  AND j.occurred_at > y.occurred_at);
	DELETE FROM follow_up_open_owed k USING interaction y
	 WHERE k.account_id = ANY (touched) AND y.id = k.id
	   AND (EXISTS (SELECT FROM new_rows n
	                 WHERE n.account_id = k.account_id
	                   AND n.follow_up_owner_id = y.follow_up_owner_id
	                   AND n.follow_up_on IS NOT NULL
	                   AND n.follow_up_done_at IS NULL
	                   AND (n.occurred_at, n.id) > (y.occurred_at, y.id))
	     OR EXISTS (SELECT FROM new_rows j
	                 WHERE j.account_id = k.account_id
	                   AND j.author_id = y.follow_up_owner_id
	                   AND j.occurred_at > y.occurred_at));
	PERFORM follow_ups_open_add(touched, ARRAY(
	    SELECT n.id FROM new_rows n WHERE n.follow_up_on IS NOT NULL
	       AND n.follow_up_done_at IS NULL));
	RETURN NULL;
END
$$;
DROP TRIGGER follow_ups_keep_insert ON interaction;
CREATE TRIGGER follow_ups_keep_insert AFTER INSERT ON interaction
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION follow_ups_keep_entries();

-- New entries: the contact alarms of their accounts move to the latest
-- contact (0045's recount sets due from it the same way); the accounts
-- locked as cadence_alarms_keep_accounts does.
CREATE FUNCTION cadence_alarms_keep_entries() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	touched bigint[];
BEGIN
	SELECT array_agg(DISTINCT account_id) INTO touched FROM new_rows;
	IF touched IS NULL THEN
		RETURN NULL;
	END IF;
	PERFORM entries_lock_accounts(touched);
	UPDATE cadence_alarm k
	   SET last_at = l.at, due = (l.at AT TIME ZONE 'UTC')::date + k.days
	  FROM (SELECT n.account_id, max(n.occurred_at) AS at FROM new_rows n
	         WHERE n.channel <> 'ticket' AND n.direction <> 'internal'
	         GROUP BY n.account_id) l
	 WHERE k.account_id = l.account_id AND k.kind = 'contact'
	   AND (k.last_at IS NULL OR k.last_at < l.at);
	RETURN NULL;
END
$$;
DROP TRIGGER cadence_alarms_keep_insert ON interaction;
CREATE TRIGGER cadence_alarms_keep_insert AFTER INSERT ON interaction
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION cadence_alarms_keep_entries();

-- The live notifications of audit rows (0031's notify_change, a row
-- trigger on audit_log: a plpgsql call each) once a statement: the same
-- NOTIFYs in the same order, "TABLE ACCOUNT" while the transaction has
-- told fewer than 100, then "TABLE *" (notify_one's rule), so a listener
-- hears what it heard before.
CREATE FUNCTION notify_changes() RETURNS trigger
LANGUAGE plpgsql SET search_path = kam, pg_temp
AS $$
DECLARE
	told text := current_setting('kam.changes_told', true);
	n integer := CASE WHEN told ~ '^[0-9]{1,6}$' THEN told::integer ELSE 0 END;
	k bigint;
BEGIN
	SELECT count(*) INTO k
	  FROM (SELECT pg_notify('kam_change', c.table_name || ' '
	               || CASE WHEN n + c.ord <= 100
	                       THEN coalesce(c.account_id::text, '-') ELSE '*' END)
	          FROM (SELECT r.table_name, r.account_id,
	                       row_number() OVER (ORDER BY r.id) AS ord
	                  FROM changed r) c
	         ORDER BY c.ord) s;
	IF n < 100 THEN
		PERFORM set_config('kam.changes_told', least(n + k, 100)::text, true);
	END IF;
	RETURN NULL;
END
$$;
DROP TRIGGER notify_change ON audit_log;
CREATE TRIGGER notify_change AFTER INSERT ON audit_log
	REFERENCING NEW TABLE AS changed
	FOR EACH STATEMENT EXECUTE FUNCTION notify_changes();
