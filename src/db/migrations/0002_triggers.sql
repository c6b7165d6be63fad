-- Row upkeep: updated_at and version on every change, time zone checks,
-- and the audit log.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- Every writer (kam, psql, the sync) bumps version, so kam's lost-update
-- check catches changes from anywhere.
CREATE FUNCTION touch_versioned() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	NEW.updated_at := now();
	NEW.version := OLD.version + 1;
	RETURN NEW;
END
$$;

CREATE FUNCTION touch() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	NEW.updated_at := now();
	RETURN NEW;
END
$$;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['app_user', 'account', 'contact',
	    'special_condition', 'service_level', 'account_plan', 'plan_action',
	    'interaction'] LOOP
		EXECUTE format('CREATE TRIGGER touch BEFORE UPDATE ON kam.%I '
		    'FOR EACH ROW EXECUTE FUNCTION kam.touch_versioned()', t);
	END LOOP;
	FOREACH t IN ARRAY ARRAY['erp_order', 'erp_invoice', 'sync_state'] LOOP
		EXECUTE format('CREATE TRIGGER touch BEFORE UPDATE ON kam.%I '
		    'FOR EACH ROW EXECUTE FUNCTION kam.touch()', t);
	END LOOP;
END
$$;

-- A CHECK constraint cannot ask the time zone database; AT TIME ZONE
-- raises "time zone not recognized" for a bad name.
CREATE FUNCTION check_time_zone() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	PERFORM now() AT TIME ZONE NEW.time_zone;
	RETURN NEW;
END
$$;
CREATE TRIGGER check_time_zone BEFORE INSERT OR UPDATE OF time_zone
	ON service_level FOR EACH ROW EXECUTE FUNCTION check_time_zone();

-- Runs as kam_owner so that nobody needs (or gets) write access to
-- audit_log; the actor is session_user, which a definer cannot hide.
CREATE FUNCTION audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	o jsonb;
	n jsonb;
	row_data jsonb;
	acct bigint;
BEGIN
	IF TG_OP <> 'INSERT' THEN
		o := to_jsonb(OLD) - 'updated_at' - 'version';
	END IF;
	IF TG_OP <> 'DELETE' THEN
		n := to_jsonb(NEW) - 'updated_at' - 'version';
	END IF;
	IF TG_OP = 'UPDATE' THEN
		-- keep only the fields that changed, old and new side by side
		SELECT jsonb_object_agg(k, o -> k), jsonb_object_agg(k, n -> k)
		  INTO o, n
		  FROM jsonb_object_keys(n) AS k
		 WHERE (o -> k) IS DISTINCT FROM (n -> k);
		IF n IS NULL THEN
			RETURN NULL;
		END IF;
	END IF;
	row_data := coalesce(to_jsonb(NEW), to_jsonb(OLD));
	acct := CASE TG_TABLE_NAME
		WHEN 'account' THEN (row_data ->> 'id')::bigint
		WHEN 'plan_action' THEN (SELECT p.account_id FROM kam.account_plan p
		                         WHERE p.id = (row_data ->> 'plan_id')::bigint)
		ELSE (row_data ->> 'account_id')::bigint
	END;
	INSERT INTO kam.audit_log (actor, table_name, row_id, account_id, op, old, new)
	VALUES (session_user, TG_TABLE_NAME, (row_data ->> 'id')::bigint, acct,
	        TG_OP, o, n);
	RETURN NULL;
END
$$;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['app_user', 'account', 'contact',
	    'special_condition', 'service_level', 'account_plan', 'plan_action',
	    'interaction'] LOOP
		EXECUTE format('CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE '
		    'ON kam.%I FOR EACH ROW EXECUTE FUNCTION kam.audit()', t);
	END LOOP;
END
$$;
