-- The SLA clock: business time over a calendar (0025), computed once,
-- here, for everyone who asks: the client, kam --sla, cron jobs, psql and
-- BI tools get the same deadlines (kam(1), "The SLA clock").
--
-- A window's local times become instants in the calendar's zone on each
-- day, so a daylight-saving change makes a window an hour shorter or
-- longer (22:00-06:00 is 7 hours on the night clocks go forward in
-- Europe/Berlin); a holiday closes its local day, or its part of it, in
-- whichever window falls there, a night window across midnight included.
-- All functions run with the caller's rights: row-level security decides
-- which calendars they see, and a calendar the caller may not read (or
-- none) gives NULL.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- The calendar's open time within [t0, t1), merged into ranges.
-- PL/pgSQL, not SQL: it keeps its plan from call to call, where an SQL
-- function that cannot be inlined is planned anew on each (ten times
-- the work, measured with bench/run clock).
CREATE FUNCTION calendar_open_hours(cal bigint, t0 timestamptz, t1 timestamptz)
RETURNS tstzmultirange
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
	RETURN (SELECT (coalesce(w.open, '{}') - coalesce(h.closed, '{}'))
       * tstzmultirange(tstzrange(t0, t1))
  FROM kam.calendar c
 CROSS JOIN LATERAL (SELECT (t0 AT TIME ZONE c.time_zone)::date - 1 AS d0,
                            (t1 AT TIME ZONE c.time_zone)::date AS d1) b
 CROSS JOIN LATERAL (
	SELECT range_agg(tstzrange((d.day + w.opens) AT TIME ZONE c.time_zone,
	           (d.day + (w.closes <= w.opens)::int + w.closes)
	           AT TIME ZONE c.time_zone)) AS open
	  FROM generate_series(0, b.d1 - b.d0) i
	 CROSS JOIN LATERAL (SELECT b.d0 + i AS day) d
	  JOIN kam.calendar_window w ON w.calendar_id = c.id
	   AND w.isodow = extract(isodow FROM d.day)) w
 CROSS JOIN LATERAL (
	SELECT range_agg(tstzrange(
	           (h.day + coalesce(h.closed_from, time '00:00')) AT TIME ZONE c.time_zone,
	           (h.day + coalesce(h.closed_to, time '24:00')) AT TIME ZONE c.time_zone))
	       AS closed
	  FROM kam.calendar_holiday h
	 WHERE h.calendar_id = c.id AND h.day BETWEEN b.d0 AND b.d1) h
 WHERE c.id = cal AND t0 < t1);
END
$$;

-- Walks the open ranges from `at` on, a growing stretch at a time (a
-- week and a day first, a year at most), and answers one of three
-- questions: the next opening after `at`, the next closing after it, or
-- the instant `amount` seconds of open time after it. Ranges that touch
-- across two stretches are one. NULL when the calendar has no windows,
-- or the answer lies beyond `horizon`.
CREATE FUNCTION clock_walk(cal bigint, at timestamptz, want text,
    amount numeric, horizon interval) RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	t0 timestamptz := at;
	span interval := interval '8 days';
	r tstzrange;
	p tstzrange;
	rest numeric := amount;
	len numeric;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM kam.calendar_window w WHERE w.calendar_id = cal) THEN
		RETURN NULL;
	END IF;
	WHILE t0 < at + horizon LOOP
		FOR r IN SELECT unnest(kam.calendar_open_hours(cal, t0, t0 + span)) LOOP
			IF want = 'add' THEN
				len := extract(epoch FROM upper(r) - lower(r));
				IF len >= rest THEN
					RETURN lower(r) + make_interval(secs => rest);
				END IF;
				rest := rest - len;
			ELSIF p IS NOT NULL AND lower(r) = upper(p) THEN
				p := tstzrange(lower(p), upper(r));
			ELSIF want = 'closing' AND p IS NOT NULL THEN
				RETURN upper(p);
			ELSIF want = 'opening' AND lower(r) > at THEN
				RETURN lower(r);
			ELSE
				p := r;
			END IF;
		END LOOP;
		t0 := t0 + span;
		IF want = 'closing' AND upper(p) < t0 THEN
			RETURN upper(p);
		END IF;
		-- Open for the whole first stretch, more than a week: the windows
		-- leave no gap (24x7), and only a holiday closes; no need to walk
		-- a year of windows to find it.
		IF want = 'closing' AND lower(p) = at AND upper(p) = t0 THEN
			SELECT min((h.day + coalesce(h.closed_from, time '00:00'))
			           AT TIME ZONE c.time_zone) INTO t0
			  FROM kam.calendar c JOIN kam.calendar_holiday h ON h.calendar_id = c.id
			 WHERE c.id = cal AND h.day >= (upper(p) AT TIME ZONE c.time_zone)::date - 1
			   AND (h.day + coalesce(h.closed_to, time '24:00')) AT TIME ZONE c.time_zone
			       > upper(p);
			RETURN CASE WHEN t0 <= at + horizon THEN t0 END;
		END IF;
		span := least(span * 2, interval '1 year');
	END LOOP;
	RETURN NULL;
END
$$;

-- Open at that instant?
CREATE FUNCTION clock_open(cal bigint, at timestamptz) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT NOT isempty(kam.calendar_open_hours(cal, at, at + interval '1 microsecond'))
$$;

-- The next opening after `at` (when open at `at`: the one after this
-- stretch closes); NULL when none within a year.
CREATE FUNCTION clock_next_opening(cal bigint, at timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT kam.clock_walk(cal, at, 'opening', 0, interval '1 year')
$$;

-- The next closing after `at` (when closed at `at`: the end of the next
-- open stretch); NULL when it stays open for a year (24x7).
CREATE FUNCTION clock_next_closing(cal bigint, at timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT kam.clock_walk(cal, at, 'closing', 0, interval '1 year')
$$;

-- Open time between two instants, in hours, minutes and seconds (no
-- days: '26:30:00'); negative when `t1` comes before `t0`.
CREATE FUNCTION clock_business_time(cal bigint, t0 timestamptz, t1 timestamptz)
RETURNS interval
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN t1 < t0 THEN -1 ELSE 1 END * make_interval(secs => coalesce(
	(SELECT sum(extract(epoch FROM upper(r) - lower(r)))
	   FROM unnest(m) r), 0))
  FROM kam.calendar_open_hours(cal, least(t0, t1), greatest(t0, t1)) m
 WHERE m IS NOT NULL
$$;

-- The earliest instant at which `business` of open time has passed since
-- `at`: a ticket logged Friday 17:00 with 4 business hours to answer on
-- Mon-Fri 08:00-18:00 is due Monday 11:00. The interval counts as its
-- length (a day as 24 hours, a month as 30 days); zero gives `at`
-- itself. NULL when the calendar has no windows or the time lies more
-- than 100 years ahead.
CREATE FUNCTION clock_add(cal bigint, at timestamptz, business interval)
RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
	IF business < interval '0' THEN
		RAISE EXCEPTION 'business time % is negative', business
		      USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF business = interval '0' THEN
		RETURN CASE WHEN EXISTS (SELECT 1 FROM kam.calendar WHERE id = cal)
		            THEN at END;
	END IF;
	RETURN kam.clock_walk(cal, at, 'add', extract(epoch FROM business),
	    interval '100 years');
END
$$;

-- The next holiday that closes part of a day on or after `at`'s local
-- day, and how it is named.
CREATE FUNCTION clock_next_holiday(cal bigint, at timestamptz)
RETURNS TABLE (day date, name text, closed_from time, closed_to time)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT h.day, h.name, h.closed_from, h.closed_to
  FROM kam.calendar c
  JOIN kam.calendar_holiday h ON h.calendar_id = c.id
 WHERE c.id = cal AND h.day >= (at AT TIME ZONE c.time_zone)::date
 ORDER BY h.day, h.closed_from NULLS FIRST
 LIMIT 1
$$;

-- An instant as a person in `zone` reads it next to the present: "17:00"
-- today, "Mon 08:00" within the week, "Mon 2027-01-04 08:00" beyond (the
-- SLA card's words; English day names whatever lc_time says).
CREATE FUNCTION clock_local_text(at timestamptz, zone text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT to_char(l, CASE WHEN l::date = n::date THEN 'HH24:MI'
                       WHEN l::date < n::date + 7 THEN 'Dy HH24:MI'
                       ELSE 'Dy YYYY-MM-DD HH24:MI' END)
  FROM (SELECT at AT TIME ZONE zone AS l, now() AT TIME ZONE zone AS n) x
$$;

DO $$
DECLARE
	f text;
BEGIN
	FOREACH f IN ARRAY ARRAY[
	    'calendar_open_hours(bigint, timestamptz, timestamptz)',
	    'clock_walk(bigint, timestamptz, text, numeric, interval)',
	    'clock_open(bigint, timestamptz)',
	    'clock_next_opening(bigint, timestamptz)',
	    'clock_next_closing(bigint, timestamptz)',
	    'clock_business_time(bigint, timestamptz, timestamptz)',
	    'clock_add(bigint, timestamptz, interval)',
	    'clock_next_holiday(bigint, timestamptz)',
	    'clock_local_text(timestamptz, text)'] LOOP
		EXECUTE format('REVOKE EXECUTE ON FUNCTION kam.%s FROM PUBLIC', f);
		EXECUTE format('GRANT EXECUTE ON FUNCTION kam.%s TO kam_manager, '
		    'kam_support, kam_admin', f);
	END LOOP;
END
$$;
