-- Two holes an attacker found (issue 13):
--
-- kam.add_user ran with its owner's CREATEROLE and set the password of any
-- existing non-superuser role, then granted it kam's rights: an admin could
-- take over a role outside kam (one in pg_read_server_files, say) and log in
-- as it, out of the audit log's sight. Now only roles add_user made itself
-- may be changed. Another existing role is refused, or, when the caller asks
-- for it (p_adopt), added without its password being touched, and only if it
-- has no rights of its own: no role attributes, no memberships either way,
-- and nothing it owns or was granted in any database.
--
-- Support read the sync's record errors (sync_run.error and .details), which
-- carry ERP data that support may not see (orders, invoices, credit limits).

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- The roles add_user made. Written only by add_user (its owner's function).
CREATE TABLE created_role (
	role_name	text PRIMARY KEY,
	created_at	timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE created_role ENABLE ROW LEVEL SECURITY;
ALTER TABLE created_role FORCE ROW LEVEL SECURITY;
CREATE POLICY kam_owner_all ON created_role TO kam_owner
	USING (true) WITH CHECK (true);

-- Raises unless the existing role p_role, which kam did not make, may
-- become a kam user as asked.
CREATE FUNCTION check_adoptable(p_role text, p_adopt boolean, p_password text)
RETURNS void
LANGUAGE plpgsql SET search_path = kam, pg_temp
AS $$
DECLARE
	r pg_roles%ROWTYPE;
BEGIN
	SELECT * INTO STRICT r FROM pg_roles WHERE rolname = p_role;
	IF r.rolsuper THEN
		RAISE EXCEPTION '"%" is a superuser and cannot become a kam user', p_role
		      USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF NOT p_adopt THEN
		RAISE EXCEPTION 'role "%" exists and was not made by kam', p_role
		      USING ERRCODE = 'unique_violation',
		            HINT = 'To make it a kam user without touching its password, '
		                   'add it with --adopt (it must have no rights of its own).';
	END IF;
	IF p_password IS NOT NULL THEN
		RAISE EXCEPTION 'kam does not set the password of a role it did not make ("%")', p_role
		      USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
	   OR EXISTS (SELECT 1 FROM pg_auth_members m
	               WHERE m.member = r.oid OR m.roleid = r.oid)
	   OR EXISTS (SELECT 1 FROM pg_shdepend d
	               WHERE d.refclassid = 'pg_authid'::regclass AND d.refobjid = r.oid) THEN
		RAISE EXCEPTION 'role "%" has rights of its own; kam adopts only a bare login', p_role
		      USING ERRCODE = 'insufficient_privilege',
		            HINT = 'Its attributes, role memberships, and objects it owns or was granted all count.';
	END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION check_adoptable(text, boolean, text) FROM PUBLIC;

DROP FUNCTION add_user(text, text, text, text, text, text);

-- Creates a login role and its app_user row. CREATE ROLE takes no
-- parameters, so the name is checked here and quoted with %I; only
-- administrators may call it.
CREATE FUNCTION add_user(p_role text, p_kind text, p_team text,
    p_display_name text, p_email text DEFAULT NULL,
    p_password text DEFAULT NULL, p_adopt boolean DEFAULT false) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	v_id bigint;
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
	-- one add_user at a time: the checks below stay true until commit
	LOCK TABLE created_role IN EXCLUSIVE MODE;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_role) THEN
		EXECUTE format('CREATE ROLE %I LOGIN', p_role);
		INSERT INTO created_role (role_name) VALUES (p_role);
	ELSIF NOT EXISTS (SELECT 1 FROM created_role WHERE role_name = p_role) THEN
		PERFORM check_adoptable(p_role, coalesce(p_adopt, false), p_password);
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
REVOKE EXECUTE ON FUNCTION add_user(text, text, text, text, text, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION add_user(text, text, text, text, text, text, boolean) TO kam_admin;

-- Support reads how the runs went, not what the ERP sent: every column of
-- sync_run but the error texts. A later migration that adds a column
-- grants it to kam_support itself.
REVOKE SELECT ON sync_run FROM kam_support;
DO $$
DECLARE
	c text;
BEGIN
	FOR c IN SELECT attname FROM pg_attribute
	          WHERE attrelid = 'kam.sync_run'::regclass AND attnum > 0
	            AND NOT attisdropped AND attname NOT IN ('error', 'details') LOOP
		EXECUTE format('GRANT SELECT (%I) ON kam.sync_run TO kam_support', c);
	END LOOP;
END
$$;
