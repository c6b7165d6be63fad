-- Support answers "where is my delivery?": kam_support reads orders and
-- invoices, their numbers, dates and status, but not their amounts. The
-- company decides whether support sees amounts too; the decision is the
-- column privilege itself (design.md §2: the database is the only gate),
-- changed only through kam.set_support_sees_amounts by an administrator
-- and read back with kam.support_sees_amounts().

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

GRANT SELECT (id, erp_id, account_id, number, order_date, currency, status,
              deleted, erp_updated_at)
	ON erp_order TO kam_support;
GRANT SELECT (id, erp_id, account_id, number, invoice_date, due_date,
              currency, status, deleted, erp_updated_at)
	ON erp_invoice TO kam_support;
CREATE POLICY kam_support_read ON erp_order FOR SELECT TO kam_support USING (true);
CREATE POLICY kam_support_read ON erp_invoice FOR SELECT TO kam_support USING (true);

-- Whether support may read amounts: what the privileges say, nothing else.
CREATE FUNCTION support_sees_amounts() RETURNS boolean
LANGUAGE sql STABLE
AS $$
SELECT has_column_privilege('kam_support', 'kam.erp_invoice', 'open_amount', 'SELECT')
$$;

-- The company's setting: grants or revokes the amount columns. Definer's
-- rights (the tables' owner grants), for administrators only; the search
-- path is pinned and session_user checked, so no caller can borrow it.
CREATE FUNCTION set_support_sees_amounts(p_allow boolean) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	v_was boolean := kam.support_sees_amounts();
BEGIN
	IF NOT pg_has_role(session_user, 'kam_admin', 'MEMBER') THEN
		RAISE EXCEPTION 'only kam administrators may change what support sees'
		      USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF p_allow THEN
		GRANT SELECT (amount) ON kam.erp_order TO kam_support;
		GRANT SELECT (amount, open_amount) ON kam.erp_invoice TO kam_support;
	ELSE
		REVOKE SELECT (amount) ON kam.erp_order FROM kam_support;
		REVOKE SELECT (amount, open_amount) ON kam.erp_invoice FROM kam_support;
	END IF;
	-- who changed it, in the log every other change goes to
	INSERT INTO kam.audit_log (actor, table_name, row_id, op, old, new)
	VALUES (session_user, 'setting', 0, 'UPDATE',
	        jsonb_build_object('support_sees_amounts', v_was),
	        jsonb_build_object('support_sees_amounts', p_allow));
	RETURN p_allow;
END
$$;
REVOKE EXECUTE ON FUNCTION set_support_sees_amounts(boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION set_support_sees_amounts(boolean) TO kam_admin;
