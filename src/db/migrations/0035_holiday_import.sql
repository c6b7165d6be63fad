-- Holidays imported from iCalendar files (kam --import holidays): the
-- client reads the file with libical and hands each occurrence over as
-- written there, whole days or a stretch of time; the calendar's days it
-- closes are worked out here, in the calendar's zone, the way the clock
-- (0026) reads them back.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- The days an occurrence closes. `kind` says how starts and ends
-- ('YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS') are read: 'date', whole days,
-- the end day not included (RFC 5545 3.6.1); 'utc', instants; 'local',
-- the calendar's local time (a floating time in the file). A stretch of
-- time is cut at the calendar's midnights: the first day closed from its
-- start (all day when that is midnight), the last until its end, the
-- days between whole. A stretch that lasts nothing closes nothing.
CREATE FUNCTION holiday_days(zone text, kind text, starts text, ends text)
RETURNS TABLE (day date, closed_from time, closed_to time)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT starts::date + i, NULL::time, NULL::time
  FROM generate_series(0, ends::date - starts::date - 1) i
 WHERE kind = 'date'
UNION ALL
SELECT l0::date + i,
       CASE WHEN i = 0 AND l0::time <> time '00:00' THEN l0::time END,
       CASE WHEN l0::date + i = l1::date THEN l1::time END
  FROM (SELECT s AT TIME ZONE zone AS l0, e AT TIME ZONE zone AS l1
          FROM (SELECT CASE kind WHEN 'utc' THEN (starts || '+00')::timestamptz
                       ELSE starts::timestamp AT TIME ZONE zone END AS s,
                       CASE kind WHEN 'utc' THEN (ends || '+00')::timestamptz
                       ELSE ends::timestamp AT TIME ZONE zone END AS e
                 WHERE kind IN ('utc', 'local')) t) l
 CROSS JOIN LATERAL generate_series(0,
	(l1 - interval '1 microsecond')::date - l0::date) i
 WHERE l1 > l0
$$;

REVOKE EXECUTE ON FUNCTION holiday_days(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION holiday_days(text, text, text, text)
	TO kam_manager, kam_support, kam_admin;
