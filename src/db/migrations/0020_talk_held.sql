-- The annual talk as it happened: annual_talk_on is the day it is planned
-- for, talk_held_on the day it took place (NULL until then). A held talk
-- leaves the agenda (src/domain/agenda.c asks talk_held below) and the
-- Plan tab says "held".
--
-- A talk cannot have been held on a day still to come. A CHECK constraint
-- may not ask for today (it must be immutable), so a trigger does, with
-- the constraint's name that kam's forms turn into words.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

ALTER TABLE account_plan ADD COLUMN talk_held_on date;

GRANT INSERT (talk_held_on), UPDATE (talk_held_on) ON account_plan TO kam_manager;

CREATE FUNCTION check_talk_held() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	IF NEW.talk_held_on > current_date THEN
		RAISE EXCEPTION 'an annual talk cannot have been held on % (later than today)',
		      NEW.talk_held_on
		      USING ERRCODE = 'check_violation', CONSTRAINT = 'talk_held_not_ahead',
		            TABLE = 'account_plan', COLUMN = 'talk_held_on';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER check_talk_held BEFORE INSERT OR UPDATE OF talk_held_on
	ON account_plan FOR EACH ROW EXECUTE FUNCTION check_talk_held();

-- Whether the plan's annual talk took place. PL/pgSQL, so that the plan
-- is read only when asked: the agenda asks for its talks only, which roles
-- that may not read plans (support) never get, and a query that named
-- account_plan itself would be refused to them as a whole.
CREATE FUNCTION talk_held(plan bigint) RETURNS boolean
LANGUAGE plpgsql STABLE
AS $$
BEGIN
	RETURN EXISTS (SELECT FROM kam.account_plan p
	                WHERE p.id = plan AND p.talk_held_on IS NOT NULL);
END
$$;
