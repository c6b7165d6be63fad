-- The cadence's alarms kept, not worked out (issue 18, finding 7; issue
-- 17's speed).
--
-- cadence_breaches (0029, by owner 0043) worked out every alarm of every
-- account asked for each time it was read: the last contact of each
-- account, its latest SLA, its conditions and its plan. The agenda asks
-- for the user's own on every page (1.6 s a page for anna on the
-- generated 100 000 accounts), the portfolio for every account it shows
-- (6.1 s of anna's 9.6 s). Yet when an alarm falls due depends only on
-- the rows below and the tier's days, which change seldom next to how
-- often they are read. So the day each alarm falls due is kept here, per
-- account and kind, by triggers on what moves it:
--   contact    the account's entries (the last that is neither a ticket
--              nor internal), its creation, tier, owner and status;
--   renewal    its SLAs (the latest, when it has an end);
--   condition  its special conditions (one not followed by a renewal);
--   talk       its plans (not held, not closed; a missing plan is the
--              one alarm still found at reading, see below);
-- and, for all accounts of a tier, the tier's days (kam.cadence). A
-- breach is then an index lookup by owner and day; only the rows found
-- are read from their sources, with the caller's rights, and told in
-- words as before. The answers are 0043's, on any day: the kept day is
-- a bound that finds them, each is checked against its source as 0043
-- defined it, and that definition stays as cadence_breaches_computed(),
-- which tests/sql/cadence_kept.sql holds the kept answer to.
--
-- Bulk loads that skip triggers (tests/gen/load, replica mode) call
-- kam.cadence_alarms_rebuild() after their rows are in.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- due: the day the alarm starts (for contact in UTC: a reader in another
-- zone may see it a day either side, hence a margin when it is looked
-- up); until: the last day it can show (a condition's end, the talk's
-- year's end), NULL for no end; last_at: the last contact, NULL for none.
CREATE TABLE cadence_alarm (
	account_id	bigint NOT NULL REFERENCES account ON DELETE CASCADE,
	kind		text NOT NULL
			CHECK (kind IN ('contact', 'renewal', 'condition', 'talk')),
	subject_id	bigint,
	owner_id	bigint,
	due		date NOT NULL,
	until		date,
	last_at		timestamptz
);
CREATE INDEX cadence_alarm_account ON cadence_alarm (account_id);
CREATE INDEX cadence_alarm_contact ON cadence_alarm (owner_id, due)
	WHERE kind = 'contact';
-- contacts whose last entry may lie after the day asked about
CREATE INDEX cadence_alarm_contact_late ON cadence_alarm (owner_id, last_at)
	WHERE kind = 'contact';
CREATE INDEX cadence_alarm_renewal ON cadence_alarm (owner_id, due)
	WHERE kind = 'renewal';
CREATE INDEX cadence_alarm_ending ON cadence_alarm (owner_id, until, due)
	WHERE kind IN ('condition', 'talk');

-- Read by whoever may read the account (its own policies: no second set
-- of rules to keep in step), talks only by who may read plans; written
-- only by the owner (the functions below).
ALTER TABLE cadence_alarm ENABLE ROW LEVEL SECURITY;
ALTER TABLE cadence_alarm FORCE ROW LEVEL SECURITY;
REVOKE ALL ON cadence_alarm FROM PUBLIC;
GRANT SELECT ON cadence_alarm TO kam_manager, kam_support, kam_admin;
CREATE POLICY kam_owner_keep ON cadence_alarm FOR ALL TO kam_owner
	USING (true) WITH CHECK (true);
CREATE POLICY account_readable ON cadence_alarm FOR SELECT
	USING (EXISTS (SELECT FROM kam.account a WHERE a.id = account_id)
	       AND (kind <> 'talk' OR has_table_privilege('kam.account_plan', 'SELECT')));
-- the functions below run as the owner and read these
CREATE POLICY kam_owner_read ON cadence FOR SELECT TO kam_owner USING (true);
CREATE POLICY kam_owner_read ON special_condition FOR SELECT TO kam_owner USING (true);

-- Works out again the alarms of the given accounts (NULL: of all): their
-- rows go and the present state of their sources says what comes back.
CREATE FUNCTION cadence_alarms_recount(accounts bigint[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	DELETE FROM cadence_alarm WHERE accounts IS NULL OR account_id = ANY (accounts);
	INSERT INTO cadence_alarm (account_id, kind, subject_id, owner_id, due, until, last_at)
	SELECT a.id, 'contact', NULL::bigint, a.owner_id,
	       (coalesce(l.at, a.created_at) AT TIME ZONE 'UTC')::date + c.contact_days,
	       NULL::date, l.at
	  FROM account a JOIN cadence c ON c.tier = a.tier
	 CROSS JOIN LATERAL (
		SELECT max(i.occurred_at) AS at FROM interaction i
		 WHERE i.account_id = a.id AND i.channel <> 'ticket'
		   AND i.direction <> 'internal') l
	 WHERE (accounts IS NULL OR a.id = ANY (accounts))
	   AND a.status <> 'churned' AND c.contact_days IS NOT NULL
	UNION ALL
	SELECT a.id, 'renewal', s.id, a.owner_id, s.valid_to - c.renewal_days, NULL, NULL::timestamptz
	  FROM account a JOIN cadence c ON c.tier = a.tier
	 CROSS JOIN LATERAL (
		SELECT l.id, l.valid_to FROM service_level l
		 WHERE l.account_id = a.id
		 ORDER BY l.valid_to DESC NULLS FIRST, l.id DESC LIMIT 1) s
	 WHERE (accounts IS NULL OR a.id = ANY (accounts))
	   AND a.status <> 'churned' AND s.valid_to IS NOT NULL
	   AND c.renewal_days IS NOT NULL
	UNION ALL
	SELECT a.id, 'condition', w.id, a.owner_id, w.valid_to - c.condition_days,
	       w.valid_to, NULL
	  FROM account a JOIN cadence c ON c.tier = a.tier
	  JOIN special_condition w ON w.account_id = a.id
	 WHERE (accounts IS NULL OR a.id = ANY (accounts))
	   AND a.status <> 'churned' AND w.valid_to IS NOT NULL
	   AND c.condition_days IS NOT NULL
	   AND NOT EXISTS (SELECT FROM special_condition n
	                    WHERE n.account_id = a.id AND n.kind = w.kind
	                      AND n.title = w.title AND n.valid_from > w.valid_to)
	UNION ALL
	SELECT a.id, 'talk', p.id, a.owner_id,
	       coalesce(p.annual_talk_on, make_date(p.year, 12, 31)) - c.talk_days,
	       make_date(p.year, 12, 31), NULL
	  FROM account a JOIN cadence c ON c.tier = a.tier
	  JOIN account_plan p ON p.account_id = a.id
	 WHERE (accounts IS NULL OR a.id = ANY (accounts))
	   AND a.status <> 'churned' AND c.talk_days IS NOT NULL
	   AND p.talk_held_on IS NULL AND p.status <> 'closed';
END
$$;

-- Locks the given accounts, then works them out again: one writer of an
-- account's alarms at a time, each seeing what the one before committed
-- (as follow_ups_keep_accounts, 0037, which takes the same locks in the
-- same order).
CREATE FUNCTION cadence_alarms_keep_accounts(accounts bigint[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	IF accounts IS NULL THEN
		RETURN;
	END IF;
	PERFORM FROM account WHERE id = ANY (accounts) ORDER BY id
	    FOR NO KEY UPDATE;
	PERFORM cadence_alarms_recount(accounts);
END
$$;

-- Once a statement, from its transition tables: the accounts whose rows
-- came, went, or changed in a column the alarms read. TG_ARGV[0] names
-- the account's column, the others those columns (program text from the
-- CREATE TRIGGER below, never data).
CREATE FUNCTION cadence_alarms_keep() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	acc text := TG_ARGV[0];
	cols text[] := TG_ARGV[1:];
	touched bigint[];
BEGIN
	IF TG_OP = 'INSERT' THEN
		EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows', acc)
		   INTO touched;
	ELSIF TG_OP = 'DELETE' THEN
		EXECUTE format('SELECT array_agg(DISTINCT %I) FROM old_rows', acc)
		   INTO touched;
	ELSE
		EXECUTE format($q$
		SELECT array_agg(DISTINCT x.id)
		  FROM old_rows o JOIN new_rows n ON n.id = o.id
		 CROSS JOIN LATERAL (VALUES (o.%1$I), (n.%1$I)) x (id)
		 WHERE ROW(%2$s) IS DISTINCT FROM ROW(%3$s)$q$, acc,
		    (SELECT string_agg('o.' || quote_ident(c), ', ') FROM unnest(cols) c),
		    (SELECT string_agg('n.' || quote_ident(c), ', ') FROM unnest(cols) c))
		   INTO touched;
	END IF;
	PERFORM cadence_alarms_keep_accounts(touched);
	RETURN NULL;
END
$$;

DO $$
DECLARE
	t record;
	op text;
BEGIN
	FOR t IN VALUES
	    ('interaction', 'account_id', 'account_id, occurred_at, channel, direction'),
	    ('service_level', 'account_id', 'account_id, valid_to'),
	    ('special_condition', 'account_id', 'account_id, kind, title, valid_from, valid_to'),
	    ('account_plan', 'account_id', 'account_id, year, annual_talk_on, talk_held_on, status'),
	    ('account', 'id', 'tier, owner_id, status, created_at')
	LOOP
		FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
			CONTINUE WHEN t.column1 = 'account' AND op = 'delete';
			EXECUTE format('CREATE TRIGGER cadence_alarms_keep_%1$s AFTER %2$s ON %3$I '
			    'REFERENCING %4$s FOR EACH STATEMENT '
			    'EXECUTE FUNCTION cadence_alarms_keep(%5$L, %6$s)',
			    op, upper(op), t.column1,
			    CASE op WHEN 'insert' THEN 'NEW TABLE AS new_rows'
			            WHEN 'delete' THEN 'OLD TABLE AS old_rows'
			            ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
			    t.column2,
			    (SELECT string_agg(quote_literal(trim(c)), ', ')
			       FROM unnest(string_to_array(t.column3, ',')) c));
		END LOOP;
	END LOOP;
END
$$;

-- A tier's days changed: every account of that tier.
CREATE FUNCTION cadence_alarms_keep_days() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	PERFORM cadence_alarms_keep_accounts(ARRAY(
		SELECT a.id FROM account a WHERE a.tier IN (
			SELECT n.tier FROM old_rows o JOIN new_rows n ON n.id = o.id
			 WHERE (o.tier, o.contact_days, o.talk_days, o.renewal_days,
			        o.condition_days) IS DISTINCT FROM
			       (n.tier, n.contact_days, n.talk_days, n.renewal_days,
			        n.condition_days))));
	RETURN NULL;
END
$$;
CREATE TRIGGER cadence_alarms_keep_days AFTER UPDATE ON cadence
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION cadence_alarms_keep_days();

-- Every account's, from scratch: for this migration and for loads that
-- skipped the triggers.
CREATE FUNCTION cadence_alarms_rebuild() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	TRUNCATE cadence_alarm;
	PERFORM cadence_alarms_recount(NULL);
	ANALYZE cadence_alarm;
END
$$;

REVOKE ALL ON FUNCTION cadence_alarms_recount(bigint[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION cadence_alarms_keep_accounts(bigint[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION cadence_alarms_rebuild() FROM PUBLIC;
SELECT cadence_alarms_rebuild();

-- 0043's definition, kept as the reference the kept answer is tested
-- against (and for psql: the same answers, worked out).
ALTER FUNCTION cadence_breaches(date, bigint) RENAME TO cadence_breaches_computed;

-- The alarms of p_owner's accounts on p_on (NULL: of every account the
-- caller may read), of the kinds asked for (NULL: all), as 0043 answered,
-- from the kept rows: each kind's rows found by their day, then checked
-- and told from their sources. A contact whose kept last entry lies after
-- p_on (or on its edge in another zone) is the one worked out again, from
-- entries up to p_on. A missing plan has no row to keep: the owner's
-- accounts without a plan that year are looked up, and only from the
-- tier's days before the year's end. The rows found are few next to the
-- accounts: they are joined a row at a time, by key.
CREATE FUNCTION cadence_breaches(p_on date, p_owner bigint, p_kinds text[])
RETURNS TABLE (account_id bigint, account text, tier text, owner_id bigint,
    team text, kind text, due date, on_day date, subject_id bigint,
    what text)
LANGUAGE plpgsql STABLE
SET jit = off
SET enable_hashjoin = off
SET enable_mergejoin = off
AS $$
DECLARE
	y integer := extract(year FROM p_on)::integer;
BEGIN
	IF p_kinds IS NULL OR 'contact' = ANY (p_kinds) THEN
		RETURN QUERY
		SELECT a.id, a.name, a.tier, a.owner_id, a.team, 'contact'::text,
		       d.last + c.contact_days, d.last + c.contact_days, NULL::bigint,
		       CASE WHEN d.contacted IS NULL THEN 'never contacted'
		            ELSE 'no contact since ' || d.contacted END
		  FROM kam.cadence_alarm k
		  JOIN kam.account a ON a.id = k.account_id
		  JOIN kam.cadence c ON c.tier = a.tier
		 CROSS JOIN LATERAL (
			SELECT l.at::date AS contacted, coalesce(l.at, a.created_at)::date AS last
			  FROM (SELECT CASE WHEN k.last_at::date > p_on
			               THEN kam.last_contact(a.id, p_on)
			               ELSE k.last_at END AS at) l) d
		 WHERE k.kind = 'contact' AND (p_owner IS NULL OR k.owner_id = p_owner)
		   AND (k.due <= p_on + 1 OR k.last_at >= p_on - 1)
		   AND a.status <> 'churned' AND d.last + c.contact_days <= p_on;
	END IF;

	IF p_kinds IS NULL OR 'renewal' = ANY (p_kinds) THEN
		RETURN QUERY
		SELECT a.id, a.name, a.tier, a.owner_id, a.team, 'renewal'::text,
		       s.valid_to - c.renewal_days, s.valid_to, s.id,
		       CASE WHEN s.valid_to < p_on THEN 'SLA ' || s.name || ' ended '
		            ELSE 'SLA ' || s.name || ' ends ' END || s.valid_to
		  FROM kam.cadence_alarm k
		  JOIN kam.account a ON a.id = k.account_id
		  JOIN kam.cadence c ON c.tier = a.tier
		  JOIN kam.service_level s ON s.id = k.subject_id
		 WHERE k.kind = 'renewal' AND (p_owner IS NULL OR k.owner_id = p_owner)
		   AND k.due <= p_on
		   AND a.status <> 'churned' AND s.valid_to - c.renewal_days <= p_on;
	END IF;

	IF p_kinds IS NULL OR 'condition' = ANY (p_kinds) THEN
		RETURN QUERY
		SELECT a.id, a.name, a.tier, a.owner_id, a.team, 'condition'::text,
		       w.valid_to - c.condition_days, w.valid_to, w.id,
		       w.title || ' ends ' || w.valid_to
		  FROM kam.cadence_alarm k
		  JOIN kam.account a ON a.id = k.account_id
		  JOIN kam.cadence c ON c.tier = a.tier
		  JOIN kam.special_condition w ON w.id = k.subject_id
		 WHERE k.kind = 'condition' AND (p_owner IS NULL OR k.owner_id = p_owner)
		   AND k.until >= p_on AND k.due <= p_on
		   AND a.status <> 'churned' AND w.valid_to >= p_on
		   AND w.valid_to - c.condition_days <= p_on;
	END IF;

	IF NOT (p_kinds IS NULL OR 'talk' = ANY (p_kinds))
	   OR NOT has_table_privilege('kam.account_plan', 'SELECT') THEN
		RETURN;
	END IF;
	RETURN QUERY
	SELECT a.id, a.name, a.tier, a.owner_id, a.team, 'talk'::text,
	       t.day - c.talk_days, t.day, p.id,
	       CASE WHEN p.annual_talk_on IS NULL THEN 'annual talk not scheduled'
	            WHEN t.day < p_on THEN 'annual talk overdue since ' || t.day
	            ELSE 'annual talk on ' || t.day END
	  FROM kam.cadence_alarm k
	  JOIN kam.account a ON a.id = k.account_id
	  JOIN kam.cadence c ON c.tier = a.tier
	  JOIN kam.account_plan p ON p.id = k.subject_id
	 CROSS JOIN LATERAL (SELECT coalesce(p.annual_talk_on,
	       make_date(p.year, 12, 31)) AS day) t
	 WHERE k.kind = 'talk' AND (p_owner IS NULL OR k.owner_id = p_owner)
	   AND k.until >= p_on AND k.due <= p_on AND p.year = y
	   AND a.status <> 'churned' AND t.day - c.talk_days <= p_on
	   AND p.talk_held_on IS NULL AND p.status <> 'closed';

	-- no plan that year: only once a tier's days before the year's end
	-- have begun
	IF NOT EXISTS (SELECT FROM kam.cadence c
	                WHERE make_date(y, 12, 31) - c.talk_days <= p_on) THEN
		RETURN;
	END IF;
	RETURN QUERY
	SELECT a.id, a.name, a.tier, a.owner_id, a.team, 'talk'::text,
	       make_date(y, 12, 31) - c.talk_days, make_date(y, 12, 31),
	       NULL::bigint, 'no plan for ' || y
	  FROM kam.account a
	  JOIN kam.cadence c ON c.tier = a.tier
	 WHERE (p_owner IS NULL OR a.owner_id = p_owner)
	   AND a.status <> 'churned' AND make_date(y, 12, 31) - c.talk_days <= p_on
	   AND NOT EXISTS (SELECT FROM kam.account_plan p
	                    WHERE p.account_id = a.id AND p.year = y);
END
$$;
REVOKE EXECUTE ON FUNCTION cadence_breaches(date, bigint, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cadence_breaches(date, bigint, text[])
	TO kam_manager, kam_support, kam_admin;

-- All kinds, as before.
CREATE FUNCTION cadence_breaches(p_on date, p_owner bigint)
RETURNS TABLE (account_id bigint, account text, tier text, owner_id bigint,
    team text, kind text, due date, on_day date, subject_id bigint,
    what text)
LANGUAGE sql STABLE
AS $$
	SELECT * FROM kam.cadence_breaches(p_on, p_owner, NULL)
$$;
REVOKE EXECUTE ON FUNCTION cadence_breaches(date, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cadence_breaches(date, bigint)
	TO kam_manager, kam_support, kam_admin;
