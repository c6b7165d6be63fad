-- The support queue without a clock call a row (issue 16, speed): the
-- queue's page ran the clock twice a row for each milestone's state and
-- time left (150 to 430 ms for 50 rows), and `kam --queue -f tmux`
-- counted at-risk and breached tickets by running it over every open
-- ticket (60 s over 21 000).
--
-- A milestone is at risk from the instant its business time left first
-- comes down to its share (ticket_setting.at_risk_share) of its target,
-- and stays so until its due time, when it is breached: business time
-- left only shrinks as time passes. That instant depends only on the due
-- time, the target, the share and the calendar, so it is kept here, in
-- ticket_risk, whenever one of them changes: the ticket's own triggers
-- (a new ticket, a change of state or pause), a calendar's windows,
-- holidays or zone (after 0036 has kept its open ranges again), and the
-- share. ticket_status then compares kept instants with now(): no clock
-- for the states, at-risk or breached, and the clock once a row for the
-- time left, only where that column is read (the queue's visible page).
--
-- The open time between two instants (clock_business_time) is read from
-- the kept ranges of 0036 too: two index lookups instead of building the
-- windows between them; outside the kept years the walk of 0026 answers,
-- the same answers.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- The open microseconds of the kept years before `at`; NULL outside them.
CREATE FUNCTION clock_kept_us(cal bigint, at timestamptz) RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT o.before_us
       + round(greatest(0, date_part('epoch', at - o.opens)) * 1e6)::bigint
  FROM kam.calendar_open o
 WHERE o.calendar_id = cal AND o.closes > at AND at >= o.kept_from
 ORDER BY o.closes LIMIT 1
$$;

-- 0026's clock_business_time, kept as the answer outside the kept years.
CREATE FUNCTION clock_business_walk(cal bigint, t0 timestamptz, t1 timestamptz)
RETURNS interval
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN t1 < t0 THEN -1 ELSE 1 END * make_interval(secs => coalesce(
	(SELECT sum(extract(epoch FROM upper(r) - lower(r)))
	   FROM unnest(m) r), 0))
  FROM kam.calendar_open_hours(cal, least(t0, t1), greatest(t0, t1)) m
 WHERE m IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION clock_business_time(cal bigint, t0 timestamptz, t1 timestamptz)
RETURNS interval
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	u0 bigint;
	u1 bigint;
BEGIN
	-- the walk answers an empty stretch with NULL, as it always has
	IF t0 <> t1 THEN
		u0 := kam.clock_kept_us(cal, least(t0, t1));
	END IF;
	IF u0 IS NOT NULL THEN
		u1 := kam.clock_kept_us(cal, greatest(t0, t1));
		IF u1 IS NOT NULL THEN
			RETURN CASE WHEN t1 < t0 THEN -1 ELSE 1 END
			       * ((u1 - u0) * interval '1 microsecond');
		END IF;
	END IF;
	RETURN kam.clock_business_walk(cal, t0, t1);
END
$$;

-- The instant from which an unmet milestone due at `due` is at risk: the
-- earliest at which no more than `target` * `share` of business time is
-- left. Open time is additive, so from the opening on that is where the
-- open time since the opening reaches the open time up to the due time
-- less the share (at once when there is no more than that: a calendar
-- closed since). NULL for a met milestone or one without a due time.
CREATE FUNCTION ticket_risk_at(cal bigint, opened timestamptz, due timestamptz,
    met timestamptz, target interval, share numeric)
RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN met IS NULL AND due IS NOT NULL THEN
	kam.clock_add(cal, opened, greatest(kam.clock_business_time(cal, opened, due)
	                                    - target * share, interval '0')) END
$$;

CREATE TABLE ticket_risk (
	ticket_id		bigint PRIMARY KEY REFERENCES ticket ON DELETE CASCADE,
	first_response_risk_at	timestamptz,
	resolution_risk_at	timestamptz
);

-- Read as tickets are read (0033); written only by the functions below.
ALTER TABLE ticket_risk ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_risk FORCE ROW LEVEL SECURITY;
REVOKE ALL ON ticket_risk FROM PUBLIC;
GRANT SELECT ON ticket_risk TO kam_manager, kam_support, kam_admin;
CREATE POLICY everyone_read ON ticket_risk FOR SELECT
	TO kam_manager, kam_support, kam_admin USING (true);
CREATE POLICY kam_owner_keep ON ticket_risk FOR ALL TO kam_owner
	USING (true) WITH CHECK (true);
-- the functions below run as the owner and read the share
CREATE POLICY kam_owner_read ON ticket_setting FOR SELECT TO kam_owner USING (true);

-- Works out the at-risk instants again for the tickets with an unmet
-- milestone on the given calendars (NULL: on every calendar), in one
-- statement.
CREATE FUNCTION ticket_risk_keep(cals bigint[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
INSERT INTO ticket_risk (ticket_id, first_response_risk_at, resolution_risk_at)
SELECT t.id,
       ticket_risk_at(t.calendar_id, t.opened_at, t.first_response_due,
           t.first_response_at, t.first_response, k.at_risk_share),
       ticket_risk_at(t.calendar_id, t.opened_at, t.resolution_due,
           t.resolved_at, t.resolution, k.at_risk_share)
  FROM ticket t CROSS JOIN ticket_setting k
 WHERE t.calendar_id IS NOT NULL
   AND (cals IS NULL OR t.calendar_id = ANY (cals))
   AND (t.first_response_at IS NULL OR t.resolved_at IS NULL)
ON CONFLICT (ticket_id) DO UPDATE
   SET first_response_risk_at = excluded.first_response_risk_at,
       resolution_risk_at = excluded.resolution_risk_at
$$;
REVOKE EXECUTE ON FUNCTION ticket_risk_keep(bigint[]) FROM PUBLIC;

-- One ticket's, as its own triggers leave it (replica mode included: the
-- bulk loads bring tickets through those triggers too).
CREATE FUNCTION ticket_risk_ticket() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	share numeric := (SELECT at_risk_share FROM ticket_setting);
BEGIN
	INSERT INTO ticket_risk (ticket_id, first_response_risk_at, resolution_risk_at)
	VALUES (NEW.id,
	        ticket_risk_at(NEW.calendar_id, NEW.opened_at, NEW.first_response_due,
	            NEW.first_response_at, NEW.first_response, share),
	        ticket_risk_at(NEW.calendar_id, NEW.opened_at, NEW.resolution_due,
	            NEW.resolved_at, NEW.resolution, share))
	ON CONFLICT (ticket_id) DO UPDATE
	   SET first_response_risk_at = excluded.first_response_risk_at,
	       resolution_risk_at = excluded.resolution_risk_at;
	RETURN NULL;
END
$$;
CREATE TRIGGER risk_insert AFTER INSERT ON ticket
	FOR EACH ROW EXECUTE FUNCTION ticket_risk_ticket();
CREATE TRIGGER risk_update AFTER UPDATE ON ticket FOR EACH ROW
	WHEN ((OLD.first_response_due, OLD.resolution_due, OLD.first_response_at,
	       OLD.resolved_at)
	      IS DISTINCT FROM (NEW.first_response_due, NEW.resolution_due,
	       NEW.first_response_at, NEW.resolved_at))
	EXECUTE FUNCTION ticket_risk_ticket();
ALTER TABLE ticket ENABLE ALWAYS TRIGGER risk_insert;
ALTER TABLE ticket ENABLE ALWAYS TRIGGER risk_update;

-- A calendar's windows, holidays or zone changed: its tickets' instants
-- again, once a statement, after 0036's keep_* triggers (triggers fire
-- in the order of their names) have kept its open ranges again.
CREATE FUNCTION ticket_risk_calendar() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	IF TG_TABLE_NAME = 'calendar' THEN
		PERFORM ticket_risk_keep(ARRAY[NEW.id]);
	ELSIF TG_OP = 'INSERT' THEN
		PERFORM ticket_risk_keep(ARRAY(SELECT DISTINCT calendar_id FROM new_rows));
	ELSIF TG_OP = 'UPDATE' THEN
		PERFORM ticket_risk_keep(ARRAY(SELECT calendar_id FROM new_rows
		    UNION SELECT calendar_id FROM old_rows));
	ELSE
		PERFORM ticket_risk_keep(ARRAY(SELECT DISTINCT calendar_id FROM old_rows));
	END IF;
	RETURN NULL;
END
$$;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['calendar_window', 'calendar_holiday'] LOOP
		EXECUTE format('CREATE TRIGGER risk_insert AFTER INSERT ON kam.%I '
		    'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
		    'EXECUTE FUNCTION kam.ticket_risk_calendar()', t);
		EXECUTE format('CREATE TRIGGER risk_update AFTER UPDATE ON kam.%I '
		    'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
		    'FOR EACH STATEMENT EXECUTE FUNCTION kam.ticket_risk_calendar()', t);
		EXECUTE format('CREATE TRIGGER risk_delete AFTER DELETE ON kam.%I '
		    'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT '
		    'EXECUTE FUNCTION kam.ticket_risk_calendar()', t);
		EXECUTE format('ALTER TABLE kam.%I ENABLE ALWAYS TRIGGER risk_insert', t);
		EXECUTE format('ALTER TABLE kam.%I ENABLE ALWAYS TRIGGER risk_update', t);
		EXECUTE format('ALTER TABLE kam.%I ENABLE ALWAYS TRIGGER risk_delete', t);
	END LOOP;
END
$$;
CREATE TRIGGER risk_zone AFTER UPDATE OF time_zone ON calendar
	FOR EACH ROW EXECUTE FUNCTION ticket_risk_calendar();
ALTER TABLE calendar ENABLE ALWAYS TRIGGER risk_zone;

-- The share changed: every ticket's instants again.
CREATE FUNCTION ticket_risk_share() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	PERFORM ticket_risk_keep(NULL);
	RETURN NULL;
END
$$;
CREATE TRIGGER risk_share AFTER UPDATE OF at_risk_share ON ticket_setting
	FOR EACH ROW EXECUTE FUNCTION ticket_risk_share();
REVOKE EXECUTE ON FUNCTION ticket_risk_ticket(), ticket_risk_calendar(),
    ticket_risk_share() FROM PUBLIC;

-- A milestone's state from kept instants (0033's ticket_milestone ran
-- the clock for it): breached, met, paused (no due time while waiting),
-- at risk from its kept instant on, else running.
CREATE FUNCTION ticket_mark(due timestamptz, met timestamptz, target interval,
    risk_at timestamptz)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN target IS NULL THEN NULL
            WHEN due < coalesce(met, now()) THEN 'breached'
            WHEN met IS NOT NULL THEN 'met'
            WHEN due IS NULL THEN 'paused'
            WHEN now() >= risk_at THEN 'at_risk' ELSE 'running' END
$$;

-- Its breach time: its due time, once passed unmet or met after it.
CREATE FUNCTION ticket_breach(due timestamptz, met timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN due < coalesce(met, now()) THEN due END
$$;

-- Business time left to a due time (negative once past).
CREATE FUNCTION ticket_time_left(cal bigint, due timestamptz) RETURNS interval
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT kam.clock_business_time(cal, now(), due)
$$;

DO $$
DECLARE
	f text;
BEGIN
	FOREACH f IN ARRAY ARRAY[
	    'clock_kept_us(bigint, timestamptz)',
	    'clock_business_walk(bigint, timestamptz, timestamptz)',
	    'ticket_risk_at(bigint, timestamptz, timestamptz, timestamptz, interval, numeric)',
	    'ticket_mark(timestamptz, timestamptz, interval, timestamptz)',
	    'ticket_breach(timestamptz, timestamptz)',
	    'ticket_time_left(bigint, timestamptz)'] LOOP
		EXECUTE format('REVOKE EXECUTE ON FUNCTION kam.%s FROM PUBLIC', f);
		EXECUTE format('GRANT EXECUTE ON FUNCTION kam.%s TO kam_manager, '
		    'kam_support, kam_admin', f);
	END LOOP;
END
$$;

-- The same columns as 0033's, from kept instants; the time left runs the
-- clock once, for the next due milestone, and only when it is read. The
-- view names now() only through functions, which bind it when they run
-- (tests/sql put their own now() first in the search_path), as 0033's.
CREATE OR REPLACE VIEW ticket_status WITH (security_invoker = true) AS
SELECT t.id, t.account_id, a.name AS account, i.subject, t.priority, t.state,
       t.opened_at, t.order_id, t.service_level_id, s.name AS sla_name,
       t.first_response_due, t.first_response_at, fr.state AS first_response_state,
       fr.breached_at AS first_response_breached_at,
       t.resolution_due, t.resolved_at, rs.state AS resolution_state,
       rs.breached_at AS resolution_breached_at,
       t.closed_at, t.paused_since, t.next_due_at,
       tl.time_left,
       coalesce('at_risk' IN (fr.state, rs.state), false) AS at_risk,
       coalesce('breached' IN (fr.state, rs.state), false) AS breached,
       CASE WHEN 'at_risk' IN (fr.state, rs.state) OR 'breached' IN (fr.state, rs.state)
            THEN coalesce(CASE WHEN c.id IS NOT NULL THEN concat_ws(', ', c.name,
                 c.phone, c.email) END, s.escalation)
       END AS escalation,
       t.version
  FROM ticket t
  JOIN interaction i ON i.id = t.id
  JOIN account a ON a.id = t.account_id
  LEFT JOIN service_level s ON s.id = t.service_level_id
  LEFT JOIN contact c ON c.id = s.escalation_contact_id
  LEFT JOIN ticket_risk r ON r.ticket_id = t.id
 CROSS JOIN LATERAL (SELECT ticket_mark(t.first_response_due, t.first_response_at,
        t.first_response, r.first_response_risk_at) AS state,
        ticket_breach(t.first_response_due, t.first_response_at) AS breached_at) fr
 CROSS JOIN LATERAL (SELECT ticket_mark(t.resolution_due, t.resolved_at,
        t.resolution, r.resolution_risk_at) AS state,
        ticket_breach(t.resolution_due, t.resolved_at) AS breached_at) rs
 -- once a row however often a query names it (OFFSET 0 keeps the planner
 -- from copying the expression into each place), and not at all when no
 -- query names it (the planner drops a subquery's unused outputs)
 CROSS JOIN LATERAL (SELECT CASE
        WHEN t.next_due_at = t.first_response_due AND t.first_response_at IS NULL
        THEN ticket_time_left(t.calendar_id, t.first_response_due)
        WHEN t.resolved_at IS NULL AND t.resolution_due IS NOT NULL
        THEN ticket_time_left(t.calendar_id, t.resolution_due)
        END AS time_left OFFSET 0) tl;

-- The tickets there are, in one statement; not a change anyone made.
SELECT ticket_risk_keep(NULL);
