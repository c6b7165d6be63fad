-- A bad time zone on a service level is reported as a named constraint on
-- its column, as a CHECK would be, so that a client can put the message
-- next to the field. (A CHECK cannot ask the time zone database: the
-- trigger of 0002 stays, only its error gains the names.)

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE OR REPLACE FUNCTION check_time_zone() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	PERFORM now() AT TIME ZONE NEW.time_zone;
	RETURN NEW;
EXCEPTION WHEN invalid_parameter_value THEN
	RAISE EXCEPTION 'time zone "%" not recognized', NEW.time_zone
	      USING ERRCODE = 'invalid_parameter_value',
	            SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
	            COLUMN = 'time_zone',
	            CONSTRAINT = 'service_level_time_zone_check';
END
$$;
