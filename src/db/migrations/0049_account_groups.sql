-- Account groups (issue 17, item 3): account.parent_id (0001) becomes a
-- tree. The database refuses a cycle, and kam.group_rollup(ACCOUNT) adds
-- up the figures of the account and everything below it, for the
-- Overview, psql and BI alike.
--
-- Cycles. A row trigger walks up from the new parent and refuses the
-- change when it meets the account itself. Two transactions that each
-- look before the other commits (A under B, B under A) would both find
-- no cycle, so writers of parent_id take one transaction-level advisory
-- lock first, in a statement trigger: it fires before the statement
-- locks any row, so two writers queue there and never wait on each
-- other's rows. Under READ COMMITTED the walk's statements see what the
-- first writer committed, and the second is refused with the same clear
-- error. Under REPEATABLE READ or SERIALIZABLE the snapshot is older than
-- that commit, so the walk also locks every row it passes (FOR SHARE):
-- a row changed since the snapshot raises a serialization failure, which
-- the caller retries and then sees the cycle. The walk runs with the
-- owner's rights: locking needs UPDATE rights that a manager has only on
-- own accounts, and a walk that skipped a row would miss a cycle.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- Any cycle already in the table (made before this migration) stops the
-- migration with the accounts named: the walk below assumes a tree.
DO $$
DECLARE
	v_ring text;
BEGIN
	WITH RECURSIVE up (start, id, path, ring) AS (
		SELECT a.id, a.parent_id, ARRAY[a.id], false
		  FROM account a WHERE a.parent_id IS NOT NULL
		UNION ALL
		SELECT u.start, p.parent_id, u.path || p.id, p.id = ANY (u.path)
		  FROM up u JOIN account p ON p.id = u.id
		 WHERE NOT u.ring)
	SELECT array_to_string(path, ' → ') INTO v_ring
	  FROM up WHERE ring ORDER BY start LIMIT 1;
	IF v_ring IS NOT NULL THEN
		RAISE EXCEPTION 'accounts form a cycle of parents: %', v_ring
		      USING HINT = 'Set parent_id to NULL on one of them, then migrate again.';
	END IF;
END
$$;

CREATE FUNCTION group_lock() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	-- one key for the whole hierarchy: changes of parents are rare
	PERFORM pg_advisory_xact_lock(hashtext('kam.account.parent_id'));
	RETURN NULL;
END
$$;

CREATE FUNCTION group_refuse_cycle() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	v_at bigint := NEW.parent_id;
	v_path bigint[] := ARRAY[NEW.id];
BEGIN
	IF NEW.parent_id IS NULL OR NEW.parent_id IS NOT DISTINCT FROM OLD.parent_id THEN
		RETURN NEW;
	END IF;
	WHILE v_at IS NOT NULL LOOP
		v_path := v_path || v_at;
		IF v_at = NEW.id THEN
			RAISE EXCEPTION 'account % cannot be placed under account %: '
			      'that account is already in its group', NEW.id, NEW.parent_id
			      USING ERRCODE = 'check_violation',
			            CONSTRAINT = 'account_group_no_cycle',
			            DETAIL = 'The parents would go round: '
			                     || array_to_string(v_path, ' → ') || '.';
		END IF;
		IF array_length(v_path, 1) > 1000 THEN
			RAISE EXCEPTION 'account % is more than 1000 levels deep', NEW.parent_id
			      USING ERRCODE = 'check_violation',
			            CONSTRAINT = 'account_group_no_cycle';
		END IF;
		SELECT a.parent_id INTO v_at FROM account a WHERE a.id = v_at FOR SHARE;
	END LOOP;
	RETURN NEW;
END
$$;

CREATE TRIGGER group_lock BEFORE UPDATE OF parent_id ON account
	FOR EACH STATEMENT EXECUTE FUNCTION group_lock();
-- A new account has no children yet (their foreign keys would name a row
-- that did not exist), so only an update can close a ring.
CREATE TRIGGER group_refuse_cycle BEFORE UPDATE OF parent_id ON account
	FOR EACH ROW EXECUTE FUNCTION group_refuse_cycle();

-- The owner sees every account: how many the group has, whoever asks.
CREATE FUNCTION group_size(p_account bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
	WITH RECURSIVE g (id) AS (
		SELECT a.id FROM kam.account a WHERE a.id = p_account
		UNION
		SELECT c.id FROM kam.account c JOIN g ON c.parent_id = g.id)
	SELECT count(*) FROM g
$$;

-- The account and every account below it that the caller may read, with
-- its depth (the account itself 0). An account the caller may not read
-- hides the ones below it too.
CREATE FUNCTION group_members(p_account bigint)
RETURNS TABLE (account_id bigint, parent_id bigint, depth integer)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	WITH RECURSIVE g (account_id, parent_id, depth) AS (
		SELECT a.id, a.parent_id, 0 FROM kam.account a WHERE a.id = p_account
		UNION
		SELECT c.id, c.parent_id, g.depth + 1
		  FROM kam.account c JOIN g ON c.parent_id = g.account_id)
	SELECT * FROM g
$$;

-- The group's figures, the account and all below it: money in the
-- reporting currency (kam.account_money's at today's rates, a target
-- through kam.convert_amount), NULL when a member's currency has no rate
-- (missing_rate names one), never a sum across currencies. members and
-- levels count what the caller may read; hidden the accounts of the
-- group the caller may not (their figures are left out).
CREATE FUNCTION group_rollup(p_account bigint)
RETURNS TABLE (account_id bigint, members bigint, hidden bigint,
    levels integer, reporting_currency text, revenue numeric,
    target numeric, overdue numeric, missing_rate text,
    open_complaints bigint, open_tickets bigint, tickets_breached bigint)
LANGUAGE sql STABLE
AS $$
	WITH g AS MATERIALIZED (SELECT * FROM kam.group_members(p_account)),
	     m AS (
		SELECT g.account_id, mo.revenue_reporting, mo.overdue_reporting,
		       mo.missing_rate, p.revenue_target,
		       kam.convert_amount(p.revenue_target, a.currency,
		           kam.reporting_currency(), current_date) AS target_reporting,
		       CASE WHEN p.revenue_target IS NOT NULL AND kam.convert_amount(
		           p.revenue_target, a.currency, kam.reporting_currency(),
		           current_date) IS NULL THEN a.currency END AS target_missing
		  FROM g
		  JOIN kam.account a ON a.id = g.account_id
		  JOIN kam.account_money mo ON mo.account_id = g.account_id
		  LEFT JOIN kam.account_plan p ON p.account_id = g.account_id
		       AND p.year = extract(year FROM current_date)::integer)
	SELECT p_account,
	       (SELECT count(*) FROM g),
	       kam.group_size(p_account) - (SELECT count(*) FROM g),
	       (SELECT max(g.depth) + 1 FROM g),
	       kam.reporting_currency(),
	       CASE WHEN bool_and(m.revenue_reporting IS NOT NULL)
	            THEN sum(m.revenue_reporting) END,
	       CASE WHEN bool_and(m.revenue_target IS NULL
	                          OR m.target_reporting IS NOT NULL)
	            THEN coalesce(sum(m.target_reporting), 0) END,
	       CASE WHEN bool_and(m.overdue_reporting IS NOT NULL)
	            THEN sum(m.overdue_reporting) END,
	       coalesce(min(m.missing_rate), min(m.target_missing)),
	       (SELECT count(*) FROM kam.interaction i JOIN g USING (account_id)
	         WHERE i.feedback = 'complaint' AND i.complaint_closed_at IS NULL),
	       (SELECT count(*) FROM kam.ticket t JOIN g USING (account_id)
	         WHERE t.state NOT IN ('resolved', 'closed')),
	       (SELECT count(*) FROM kam.ticket_status t JOIN g USING (account_id)
	         WHERE t.state NOT IN ('resolved', 'closed') AND t.breached)
	  FROM m
	HAVING count(*) > 0
$$;

-- The children an Overview lists: the accounts right below, with the
-- size of each one's own group.
CREATE VIEW account_children WITH (security_invoker = true) AS
SELECT c.parent_id, c.id, c.erp_id, c.name, c.tier, c.status, c.city,
       c.country, o.display_name AS owner_name,
       (SELECT count(*) FROM kam.group_members(c.id)) - 1 AS below
  FROM account c
  LEFT JOIN app_user o ON o.id = c.owner_id
 WHERE c.parent_id IS NOT NULL;

REVOKE ALL ON FUNCTION group_lock() FROM PUBLIC;
REVOKE ALL ON FUNCTION group_refuse_cycle() FROM PUBLIC;
REVOKE ALL ON FUNCTION group_size(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION group_members(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION group_rollup(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION group_size(bigint), group_members(bigint)
	TO kam_manager, kam_support, kam_admin;
-- Money and plans are the managers' and administrators' to read (as
-- kam.portfolio).
GRANT EXECUTE ON FUNCTION group_rollup(bigint) TO kam_manager, kam_admin;
GRANT SELECT ON account_children TO kam_manager, kam_support, kam_admin;
