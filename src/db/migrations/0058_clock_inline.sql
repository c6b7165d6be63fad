-- The clock's answers a new session plans cheaply (issue 16, speed: the
-- queue's first paint and `kam --sla` against psql). Every session
-- starts with empty caches; what its first statement costs is mostly the
-- server reading the catalog for what the statement names, and a
-- PL/pgSQL function or an SQL function that cannot be inlined is
-- compiled or planned anew, on its first call, in each session. Two
-- such calls were on those paths:
--
-- - the queue's time left (kam.ticket_status.time_left) ran the PL/pgSQL
--   kam.clock_business_time, which called kam.clock_kept_us, an SQL
--   function planned of its own: its compile and plans came with every
--   new session's first page. Here it is kam.clock_left, an SQL function
--   returning a table, which the planner inlines into the statement that
--   calls it (two index lookups in the kept ranges of 0036, the same
--   lookups as before); outside the kept years the walk of 0026 answers,
--   as it did;
-- - kam.clock_local_text, six calls on every SLA card, read its instant
--   through a FROM clause, so it was never inlined: six functions
--   planned at the card's first run. Here it is one expression, inlined.
--
-- The answers are the same (tests/sql/clock_left.bats compares the view's
-- time left with the walk over every ticket at several instants).

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- The open microseconds of the kept years before `at`: one row, none
-- outside them. A table so that it inlines; clock_kept_us is its value.
CREATE FUNCTION clock_kept_at(cal bigint, at timestamptz) RETURNS TABLE (us bigint)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT o.before_us
       + round(greatest(0, date_part('epoch', at - o.opens)) * 1e6)::bigint
  FROM kam.calendar_open o
 WHERE o.calendar_id = cal AND o.closes > at AND at >= o.kept_from
 ORDER BY o.closes LIMIT 1
$$;

CREATE OR REPLACE FUNCTION clock_kept_us(cal bigint, at timestamptz) RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT k.us FROM kam.clock_kept_at(cal, at) k
$$;

-- Business time from now to `due` (negative once past), what
-- kam.clock_business_time(cal, now(), due) answers: the kept open time
-- up to `due` less that up to now, else (outside the kept years) the
-- walk; no row for no due time. Not STRICT and without SET, so that the
-- planner inlines it.
CREATE FUNCTION clock_left(cal bigint, due timestamptz)
RETURNS TABLE (time_left interval)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce(CASE WHEN due <> now() THEN (d.us - n.us) * interval '1 microsecond' END,
                kam.clock_business_walk(cal, now(), due))
  FROM (SELECT) one
  LEFT JOIN LATERAL kam.clock_kept_at(cal, now()) n ON true
  LEFT JOIN LATERAL kam.clock_kept_at(cal, due) d ON true
 WHERE due IS NOT NULL
$$;

-- 0026's, with the same words; the instant read once as an expression
-- (no FROM), so that the card's six calls inline.
CREATE OR REPLACE FUNCTION clock_local_text(at timestamptz, zone text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT to_char(at AT TIME ZONE zone,
       CASE WHEN (at AT TIME ZONE zone)::date = (now() AT TIME ZONE zone)::date
            THEN 'HH24:MI'
            WHEN (at AT TIME ZONE zone)::date < (now() AT TIME ZONE zone)::date + 7
            THEN 'Dy HH24:MI'
            ELSE 'Dy YYYY-MM-DD HH24:MI' END)
$$;

DO $$
DECLARE
	f text;
BEGIN
	FOREACH f IN ARRAY ARRAY[
	    'clock_kept_at(bigint, timestamptz)',
	    'clock_left(bigint, timestamptz)'] LOOP
		EXECUTE format('REVOKE EXECUTE ON FUNCTION kam.%s FROM PUBLIC', f);
		EXECUTE format('GRANT EXECUTE ON FUNCTION kam.%s TO kam_manager, '
		    'kam_support, kam_admin', f);
	END LOOP;
END
$$;

-- 0038's view; only the time left reads kam.clock_left, inlined, in a
-- subquery that runs once a row where a query names the column and not
-- at all where none does (as before).
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
 CROSS JOIN LATERAL (SELECT (SELECT l.time_left FROM clock_left(t.calendar_id,
        CASE WHEN t.next_due_at = t.first_response_due AND t.first_response_at IS NULL
             THEN t.first_response_due
             WHEN t.resolved_at IS NULL AND t.resolution_due IS NOT NULL
             THEN t.resolution_due END) l) AS time_left OFFSET 0) tl;
