-- Holidays and opening windows typed in the client (the :calendars
-- screen): like every row a form changes, each carries a version for the
-- lost-update check and a client key that makes a retried insert find
-- its row (0009). Who may write them stays as 0025 says: administrators
-- only, by grant and policy. A change still rebuilds the calendar's kept
-- open ranges (0036's statement triggers) and is audited (0025).

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['calendar_window', 'calendar_holiday'] LOOP
		EXECUTE format('ALTER TABLE kam.%I ADD COLUMN client_key uuid UNIQUE, '
		    'ADD COLUMN version integer NOT NULL DEFAULT 1, '
		    'ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()', t);
		EXECUTE format('CREATE TRIGGER touch BEFORE UPDATE ON kam.%I '
		    'FOR EACH ROW EXECUTE FUNCTION kam.touch_versioned()', t);
	END LOOP;
END
$$;
