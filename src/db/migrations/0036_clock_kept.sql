-- The clock's open ranges kept (issue 16, speed): a time plus N business
-- hours was a walk over windows less holidays built anew on every call
-- (0026, about 0.7 ms a call). Here each calendar's open time from two
-- years before the present year to twelve years after it is kept as
-- rows of merged ranges, each with the open time of the kept years
-- before it and through it, so that kam.clock_add is two index lookups:
-- where `at` falls, and where the open time it adds runs out. Outside
-- the kept years (or a calendar kept before windows or holidays it has
-- now, which the triggers below never leave) the walk of 0026 answers,
-- as before: the results are the same either way.
--
-- Triggers rebuild a calendar's rows whenever its zone, windows or
-- holidays change (one rebuild per statement, so an import of a
-- thousand holidays rebuilds once; a rebuild of fourteen years costs
-- about a quarter of a second). A bulk load in replica mode
-- (tests/gen/load, which makes a hundred calendars as service levels
-- arrive) only drops the rows of the calendars it changes, which the
-- walk then answers for, the same answers, until their next change or
-- SELECT kam.calendar_keep(id) FROM kam.calendar.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE TABLE calendar_open (
	calendar_id	bigint NOT NULL REFERENCES calendar ON DELETE CASCADE,
	opens		timestamptz NOT NULL,
	closes		timestamptz NOT NULL,
	-- open microseconds of the kept years before opens, and up to closes
	before_us	bigint NOT NULL,
	through_us	bigint NOT NULL,
	-- where the kept years start (on every row: one lookup less a call)
	kept_from	timestamptz NOT NULL,
	PRIMARY KEY (calendar_id, closes)
);
CREATE INDEX calendar_open_through ON calendar_open (calendar_id, through_us);

-- Read as calendars are read (0025); written only by calendar_keep.
DO $$
DECLARE
	t text;
	r text;
BEGIN
	FOREACH t IN ARRAY ARRAY['calendar_open'] LOOP
		EXECUTE format('ALTER TABLE kam.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE kam.%I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('REVOKE ALL ON kam.%I FROM PUBLIC', t);
		FOREACH r IN ARRAY ARRAY['kam_manager', 'kam_support', 'kam_admin'] LOOP
			EXECUTE format('GRANT SELECT ON kam.%I TO %I', t, r);
			EXECUTE format('CREATE POLICY %I ON kam.%I FOR SELECT TO %I USING (true)',
			    r || '_read', t, r);
		END LOOP;
		EXECUTE format('CREATE POLICY kam_owner_all ON kam.%I TO kam_owner '
		    'USING (true) WITH CHECK (true)', t);
	END LOOP;
END
$$;
-- calendar_keep runs as kam_owner and reads the holidays, which 0033's
-- policy kam_owner_read on calendar_holiday lets it

-- Builds one calendar's kept rows again (none when it is gone, or in
-- replica mode: see above). Runs as
-- the owner: whoever may change a calendar's hours may have its ranges
-- follow, and it writes nothing but what the calendar says.
CREATE FUNCTION calendar_keep(cal bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	zone text;
	k0 timestamptz;
	k1 timestamptz;
BEGIN
	DELETE FROM calendar_open WHERE calendar_id = cal;
	IF current_setting('session_replication_role') = 'replica' THEN
		RETURN;
	END IF;
	SELECT time_zone INTO zone FROM calendar WHERE id = cal;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	k0 := (date_trunc('year', now() AT TIME ZONE zone) - interval '2 years')
	      AT TIME ZONE zone;
	k1 := (date_trunc('year', now() AT TIME ZONE zone) + interval '12 years')
	      AT TIME ZONE zone;
	INSERT INTO calendar_open (calendar_id, opens, closes, before_us,
	    through_us, kept_from)
	SELECT cal, lower(r), upper(r), sum(us) OVER w - us, sum(us) OVER w, k0
	  FROM unnest(calendar_open_hours(cal, k0, k1)) r
	 CROSS JOIN LATERAL (SELECT (extract(epoch FROM upper(r) - lower(r))
	                             * 1000000)::bigint AS us) l
	WINDOW w AS (ORDER BY lower(r));
END
$$;
REVOKE EXECUTE ON FUNCTION calendar_keep(bigint) FROM PUBLIC;

-- The statement's calendars, from its transition tables (a trigger with
-- them has one event: three triggers a table).
CREATE FUNCTION calendar_keep_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM calendar_keep(c) FROM (SELECT DISTINCT calendar_id FROM new_rows) x (c);
	ELSIF TG_OP = 'UPDATE' THEN
		PERFORM calendar_keep(c) FROM (SELECT calendar_id FROM new_rows
		    UNION SELECT calendar_id FROM old_rows) x (c);
	ELSE
		PERFORM calendar_keep(c) FROM (SELECT DISTINCT calendar_id FROM old_rows) x (c);
	END IF;
	RETURN NULL;
END
$$;

CREATE FUNCTION calendar_keep_zone() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	PERFORM calendar_keep(NEW.id);
	RETURN NULL;
END
$$;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['calendar_window', 'calendar_holiday'] LOOP
		EXECUTE format('CREATE TRIGGER keep_insert AFTER INSERT ON kam.%I '
		    'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
		    'EXECUTE FUNCTION kam.calendar_keep_changed()', t);
		EXECUTE format('CREATE TRIGGER keep_update AFTER UPDATE ON kam.%I '
		    'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
		    'FOR EACH STATEMENT EXECUTE FUNCTION kam.calendar_keep_changed()', t);
		EXECUTE format('CREATE TRIGGER keep_delete AFTER DELETE ON kam.%I '
		    'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT '
		    'EXECUTE FUNCTION kam.calendar_keep_changed()', t);
		EXECUTE format('ALTER TABLE kam.%I ENABLE ALWAYS TRIGGER keep_insert', t);
		EXECUTE format('ALTER TABLE kam.%I ENABLE ALWAYS TRIGGER keep_update', t);
		EXECUTE format('ALTER TABLE kam.%I ENABLE ALWAYS TRIGGER keep_delete', t);
	END LOOP;
END
$$;
CREATE TRIGGER keep_zone AFTER INSERT OR UPDATE OF time_zone ON calendar
	FOR EACH ROW EXECUTE FUNCTION calendar_keep_zone();
ALTER TABLE calendar ENABLE ALWAYS TRIGGER keep_zone;

SELECT calendar_keep(id) FROM calendar;

-- As in 0026, the answer from the kept rows when `at` and the answer lie
-- within the kept years: the open time before `at` (the range it falls
-- in or the next one), plus `business`, and the range where that much
-- has passed; two index lookups in one statement (each statement a
-- PL/pgSQL function runs costs about as much as a lookup). Seconds as
-- double precision (date_part), exact to the microsecond for the 290
-- years a bigint of microseconds holds, and cheaper than numeric. The
-- rest walks.
CREATE OR REPLACE FUNCTION clock_add(cal bigint, at timestamptz, business interval)
RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	r timestamptz;
BEGIN
	IF business < interval '0' THEN
		RAISE EXCEPTION 'business time % is negative', business
		      USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF business = interval '0' THEN
		RETURN CASE WHEN EXISTS (SELECT 1 FROM kam.calendar WHERE id = cal)
		            THEN at END;
	END IF;
	r := (SELECT e.opens + (b.target - e.before_us) * interval '1 microsecond'
	        FROM (SELECT o.before_us
	                     + round(greatest(0, date_part('epoch', at - o.opens)) * 1e6)::bigint
	                     + round(date_part('epoch', business) * 1e6)::bigint AS target
	                FROM kam.calendar_open o
	               WHERE o.calendar_id = cal AND o.closes > at AND at >= o.kept_from
	               ORDER BY o.closes LIMIT 1) b
	       CROSS JOIN LATERAL (
		SELECT o.opens, o.before_us FROM kam.calendar_open o
		 WHERE o.calendar_id = cal AND o.through_us >= b.target
		 ORDER BY o.through_us LIMIT 1) e);
	RETURN coalesce(r, kam.clock_walk(cal, at, 'add',
	    extract(epoch FROM business), interval '100 years'));
END
$$;
