-- What the forms check, held in the database too, so that psql, scripts
-- and the ERP sync meet the same rules (kam(1), "Formats kam takes"):
--   * a contact's phone is a phone number (kam.phone_valid, the rule of
--     src/core/phone.c);
--   * an interaction's subject is a line: 300 characters at most;
--   * an interaction that names no direction is inbound when it is a
--     ticket (someone asked support), else outbound;
--   * support hours may run across midnight (22:00 to 06:00: from the
--     evening of each support day into the next morning), and end at
--     24:00; kam.support_open says whether support is open at a time.
-- Phones and subjects are checked when they change only: a row from
-- before this migration stays readable and editable as it is.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- An optional +, a digit or "(", then digits, spaces and ( ) - / . with
-- 3 to 20 digits; then perhaps an extension (x, ext, ext., extension or
-- #, any case) of 1 to 6 digits. NULL is no phone, and valid.
CREATE FUNCTION phone_valid(phone text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT body ~ '^\+?[0-9(][0-9 ()./-]*$'
   AND length(regexp_replace(body, '[^0-9]', '', 'g')) BETWEEN 3 AND 20
  FROM (SELECT regexp_replace(phone, ' *(extension|ext\.?|x|#) *[0-9]{1,6}$',
               '', 'i') AS body) b
$$;

-- Raised as a named constraint on its column, as a CHECK would be, so
-- that a client puts the message next to the field (see 0010).
CREATE FUNCTION check_contact() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	IF (TG_OP = 'INSERT' OR NEW.phone IS DISTINCT FROM OLD.phone)
	   AND NOT kam.phone_valid(NEW.phone) THEN
		RAISE EXCEPTION 'phone "%" is not a phone number', NEW.phone
		      USING ERRCODE = 'check_violation',
		            SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
		            COLUMN = 'phone', CONSTRAINT = 'contact_phone_check';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER check_contact BEFORE INSERT OR UPDATE OF phone
	ON contact FOR EACH ROW EXECUTE FUNCTION check_contact();

ALTER TABLE interaction ALTER COLUMN direction DROP DEFAULT;

CREATE FUNCTION check_interaction() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	IF TG_OP = 'INSERT' AND NEW.direction IS NULL THEN
		NEW.direction := CASE WHEN NEW.channel = 'ticket'
		                      THEN 'inbound' ELSE 'outbound' END;
	END IF;
	IF (TG_OP = 'INSERT' OR NEW.subject IS DISTINCT FROM OLD.subject)
	   AND char_length(NEW.subject) > 300 THEN
		RAISE EXCEPTION 'subject of % characters is longer than 300',
		      char_length(NEW.subject)
		      USING ERRCODE = 'check_violation',
		            SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
		            COLUMN = 'subject',
		            CONSTRAINT = 'interaction_subject_length';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER check_interaction BEFORE INSERT OR UPDATE OF subject
	ON interaction FOR EACH ROW EXECUTE FUNCTION check_interaction();

-- A window is two different times; it starts before the end of the day
-- and ends at 24:00 at the latest (the time type's own limit).
ALTER TABLE service_level DROP CONSTRAINT window_order;
ALTER TABLE service_level
	ADD CONSTRAINT window_not_empty CHECK (support_from <> support_to),
	ADD CONSTRAINT window_start CHECK (support_from < time '24:00');

-- Whether support is open at a time, in the service level's zone: on a
-- support day within the window; a window across midnight opens on the
-- evening of a support day and closes the next morning (Mon-Fri 22:00 to
-- 06:00: open Friday 23:00 and Saturday 05:00, closed Monday 05:00). No
-- window: the whole of each support day.
CREATE FUNCTION support_open(days smallint[], open_from time, open_to time,
    zone text, at timestamptz) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT CASE
	WHEN open_from IS NULL THEN extract(isodow FROM l)::int = ANY (days)
	WHEN open_from < open_to THEN extract(isodow FROM l)::int = ANY (days)
	     AND l::time >= open_from AND l::time < open_to
	ELSE (extract(isodow FROM l)::int = ANY (days) AND l::time >= open_from)
	     OR (extract(isodow FROM l - interval '1 day')::int = ANY (days)
	         AND l::time < open_to)
	END
  FROM (SELECT at AT TIME ZONE zone AS l) x
$$;
