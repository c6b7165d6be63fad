-- Who may do what, enforced by the database itself: every kam user has a
-- real login, so these rules hold for psql exactly as for kam.
--
-- kam_manager  reads all key accounts; writes its own and its team's
--              accounts' contacts, conditions, service levels, plans and
--              history, and the locally owned fields of those accounts
-- kam_support  reads accounts, contacts, service levels, conditions and
--              history; adds interactions of channel 'ticket' only
-- kam_admin    everything except the audit log, which nobody writes
-- kam_sync     the ERP sync: ERP-owned columns and sync bookkeeping only
--
-- Policies key on current_user, never on a settable variable. Nobody gets
-- TRUNCATE or DELETE on history.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE FUNCTION my_team() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT team FROM kam.app_user
	 WHERE role_name = current_user AND active AND kind = 'manager'
$$;

-- True when the logged-in manager owns the account or shares its team.
CREATE FUNCTION can_write_account(p_account bigint) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT EXISTS (
		SELECT 1 FROM kam.account a
		 WHERE a.id = p_account
		   AND (a.owner_id = kam.my_user_id() OR a.team = kam.my_team()))
$$;

CREATE FUNCTION can_write_plan(p_plan bigint) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT EXISTS (
		SELECT 1 FROM kam.account_plan p
		 WHERE p.id = p_plan AND kam.can_write_account(p.account_id))
$$;

GRANT USAGE ON SCHEMA kam TO kam_manager, kam_support, kam_admin, kam_sync;

DO $$
DECLARE
	t text;
BEGIN
	FOR t IN SELECT c.relname FROM pg_class c
	          WHERE c.relnamespace = 'kam'::regnamespace AND c.relkind = 'r' LOOP
		EXECUTE format('ALTER TABLE kam.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE kam.%I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('REVOKE ALL ON kam.%I FROM PUBLIC', t);
	END LOOP;
END
$$;

-- Reading. A role reads a table when it holds SELECT and a policy says so.
CREATE PROCEDURE grant_read(p_table text, p_roles text[])
LANGUAGE plpgsql
AS $$
DECLARE
	r text;
BEGIN
	FOREACH r IN ARRAY p_roles LOOP
		EXECUTE format('GRANT SELECT ON kam.%I TO %I', p_table, r);
		EXECUTE format('CREATE POLICY %I ON kam.%I FOR SELECT TO %I USING (true)',
		    r || '_read', p_table, r);
	END LOOP;
END
$$;

CALL grant_read('schema_migration', '{kam_manager,kam_support,kam_admin,kam_sync}');
CALL grant_read('app_user',         '{kam_manager,kam_support,kam_admin,kam_sync}');
CALL grant_read('account',          '{kam_manager,kam_support,kam_admin,kam_sync}');
CALL grant_read('contact',          '{kam_manager,kam_support,kam_admin,kam_sync}');
CALL grant_read('special_condition','{kam_manager,kam_support,kam_admin}');
CALL grant_read('service_level',    '{kam_manager,kam_support,kam_admin}');
CALL grant_read('interaction',      '{kam_manager,kam_support,kam_admin}');
CALL grant_read('account_plan',     '{kam_manager,kam_admin}');
CALL grant_read('plan_action',      '{kam_manager,kam_admin}');
CALL grant_read('erp_order',        '{kam_manager,kam_admin,kam_sync}');
CALL grant_read('erp_invoice',      '{kam_manager,kam_admin,kam_sync}');
CALL grant_read('sync_state',       '{kam_manager,kam_support,kam_admin,kam_sync}');
CALL grant_read('sync_run',         '{kam_manager,kam_support,kam_admin,kam_sync}');
CALL grant_read('audit_log',        '{kam_manager,kam_admin}');
DROP PROCEDURE grant_read(text, text[]);

-- Administrators write everything but the migration record and the log.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['app_user', 'account', 'contact',
	    'special_condition', 'service_level', 'account_plan', 'plan_action',
	    'interaction', 'erp_order', 'erp_invoice', 'sync_state', 'sync_run'] LOOP
		EXECUTE format('GRANT INSERT, UPDATE, DELETE ON kam.%I TO kam_admin', t);
		EXECUTE format('CREATE POLICY kam_admin_write ON kam.%I FOR ALL '
		    'TO kam_admin USING (true) WITH CHECK (true)', t);
	END LOOP;
END
$$;

-- The owner's definer functions (kam.add_user, kam.audit) write these two.
CREATE POLICY kam_owner_all ON app_user TO kam_owner USING (true) WITH CHECK (true);
CREATE POLICY kam_owner_insert ON audit_log FOR INSERT TO kam_owner WITH CHECK (true);

-- Managers: locally owned fields of their own and their team's accounts.
GRANT UPDATE (tier, owner_id, team, industry, lifecycle, status, parent_id, notes)
	ON account TO kam_manager;
CREATE POLICY kam_manager_update ON account FOR UPDATE TO kam_manager
	USING (owner_id = my_user_id() OR team = my_team())
	WITH CHECK (owner_id = my_user_id() OR team = my_team());

GRANT INSERT (account_id, name, job_title, email, phone, decision_maker,
              preferred_channel, active),
      UPDATE (name, job_title, email, phone, decision_maker, preferred_channel,
              active)
	ON contact TO kam_manager;
GRANT INSERT (account_id, kind, title, value, unit, scope, valid_from, valid_to,
              approved_by),
      UPDATE (kind, title, value, unit, scope, valid_from, valid_to, approved_by)
	ON special_condition TO kam_manager;
GRANT INSERT (account_id, name, first_response, resolution, support_days,
              support_from, support_to, time_zone, channels,
              escalation_contact_id, escalation, goodwill_policy, valid_from,
              valid_to),
      UPDATE (name, first_response, resolution, support_days, support_from,
              support_to, time_zone, channels, escalation_contact_id,
              escalation, goodwill_policy, valid_from, valid_to)
	ON service_level TO kam_manager;
GRANT INSERT (account_id, year, annual_talk_on, revenue_target, objectives,
              innovation_access, status),
      UPDATE (year, annual_talk_on, revenue_target, objectives,
              innovation_access, status)
	ON account_plan TO kam_manager;
GRANT INSERT (account_id, contact_id, occurred_at, channel, direction, subject,
              body, author_id, outcome, follow_up_on, feedback),
      UPDATE (contact_id, occurred_at, channel, direction, subject, body,
              outcome, follow_up_on, feedback)
	ON interaction TO kam_manager;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['contact', 'special_condition', 'service_level',
	    'account_plan'] LOOP
		EXECUTE format('CREATE POLICY kam_manager_insert ON kam.%I FOR INSERT '
		    'TO kam_manager WITH CHECK (kam.can_write_account(account_id))', t);
		EXECUTE format('CREATE POLICY kam_manager_update ON kam.%I FOR UPDATE '
		    'TO kam_manager USING (kam.can_write_account(account_id)) '
		    'WITH CHECK (kam.can_write_account(account_id))', t);
	END LOOP;
END
$$;

GRANT INSERT (plan_id, title, kind, owner_id, due_on, status, done_on),
      UPDATE (title, kind, owner_id, due_on, status, done_on)
	ON plan_action TO kam_manager;
CREATE POLICY kam_manager_insert ON plan_action FOR INSERT TO kam_manager
	WITH CHECK (can_write_plan(plan_id));
CREATE POLICY kam_manager_update ON plan_action FOR UPDATE TO kam_manager
	USING (can_write_plan(plan_id)) WITH CHECK (can_write_plan(plan_id));

-- A manager logs history in their own name only.
CREATE POLICY kam_manager_insert ON interaction FOR INSERT TO kam_manager
	WITH CHECK (can_write_account(account_id) AND author_id = my_user_id());
CREATE POLICY kam_manager_update ON interaction FOR UPDATE TO kam_manager
	USING (can_write_account(account_id))
	WITH CHECK (can_write_account(account_id));

-- Support: tickets, in their own name (author_id comes from its default).
GRANT INSERT (account_id, contact_id, occurred_at, channel, direction, subject,
              body, outcome, follow_up_on, feedback)
	ON interaction TO kam_support;
CREATE POLICY kam_support_ticket ON interaction FOR INSERT TO kam_support
	WITH CHECK (channel = 'ticket' AND author_id = my_user_id());

-- The ERP sync: ERP-owned columns and its own bookkeeping, nothing else.
GRANT INSERT (erp_id, name, legal_name, vat_id, country, city, address,
              payment_terms, credit_limit, currency, erp_updated_at),
      UPDATE (name, legal_name, vat_id, country, city, address, payment_terms,
              credit_limit, currency, erp_updated_at)
	ON account TO kam_sync;
GRANT INSERT (account_id, erp_id, name, job_title, email, phone, active,
              erp_updated_at),
      UPDATE (account_id, name, job_title, email, phone, active, erp_updated_at)
	ON contact TO kam_sync;
GRANT INSERT (erp_id, account_id, number, order_date, amount, currency, status,
              deleted, erp_updated_at),
      UPDATE (account_id, number, order_date, amount, currency, status, deleted,
              erp_updated_at)
	ON erp_order TO kam_sync;
GRANT INSERT (erp_id, account_id, number, invoice_date, due_date, amount,
              open_amount, currency, status, deleted, erp_updated_at),
      UPDATE (account_id, number, invoice_date, due_date, amount, open_amount,
              currency, status, deleted, erp_updated_at)
	ON erp_invoice TO kam_sync;
GRANT INSERT, UPDATE ON sync_state, sync_run TO kam_sync;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['account', 'contact', 'erp_order', 'erp_invoice',
	    'sync_state', 'sync_run'] LOOP
		EXECUTE format('CREATE POLICY kam_sync_insert ON kam.%I FOR INSERT '
		    'TO kam_sync WITH CHECK (true)', t);
		EXECUTE format('CREATE POLICY kam_sync_update ON kam.%I FOR UPDATE '
		    'TO kam_sync USING (true) WITH CHECK (true)', t);
	END LOOP;
END
$$;

-- Creates a login role and its app_user row. CREATE ROLE takes no
-- parameters, so the name is checked here and quoted with %I; only
-- administrators may call it.
CREATE FUNCTION add_user(p_role text, p_kind text, p_team text,
    p_display_name text, p_email text DEFAULT NULL,
    p_password text DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	v_id bigint;
	v_super boolean;
BEGIN
	IF NOT pg_has_role(session_user, 'kam_admin', 'MEMBER') THEN
		RAISE EXCEPTION 'only kam administrators may add users'
		      USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF p_role !~ '^[a-z_][a-z0-9_]{0,62}$' OR p_role ~ '^(kam_|pg_)' THEN
		RAISE EXCEPTION 'invalid user name "%"', p_role
		      USING ERRCODE = 'invalid_parameter_value',
		            HINT = 'Use lower-case letters, digits and _, not starting with kam_ or pg_.';
	END IF;
	IF p_kind NOT IN ('manager', 'support', 'admin') THEN
		RAISE EXCEPTION 'invalid kind "%"', p_kind
		      USING ERRCODE = 'invalid_parameter_value',
		            HINT = 'The kind is manager, support or admin.';
	END IF;
	SELECT rolsuper INTO v_super FROM pg_roles WHERE rolname = p_role;
	IF v_super THEN
		RAISE EXCEPTION '"%" is a superuser and cannot become a kam user', p_role
		      USING ERRCODE = 'insufficient_privilege';
	ELSIF v_super IS NULL THEN
		EXECUTE format('CREATE ROLE %I LOGIN', p_role);
	END IF;
	IF p_password IS NOT NULL THEN
		EXECUTE format('ALTER ROLE %I PASSWORD %L', p_role, p_password);
	END IF;
	EXECUTE format('GRANT %I TO %I', 'kam_' || p_kind, p_role);
	EXECUTE format('ALTER ROLE %I SET search_path = kam, public', p_role);
	INSERT INTO app_user (role_name, display_name, email, team, kind)
	VALUES (p_role, p_display_name, p_email, p_team, p_kind)
	RETURNING id INTO v_id;
	RETURN v_id;
END
$$;
REVOKE EXECUTE ON FUNCTION add_user(text, text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION add_user(text, text, text, text, text, text) TO kam_admin;
