-- Tickets as cases with milestones (issue 16, item 3).
--
-- ticket      one for each entry of channel 'ticket' (its id is the
--             entry's): priority, state (new, waiting_for_customer,
--             in_progress, resolved, closed; ticket_move says which moves
--             are allowed), the order it is about.
-- milestones  first response (met when the ticket first leaves 'new')
--             and resolution (met when resolved; a reopened ticket's
--             resolution is unmet again). Their targets, service level
--             and calendar are taken when the ticket opens, from the
--             service level then in force, so that a later change of the
--             agreement does not rewrite a ticket's past; a ticket opened
--             without one has no milestones.
-- due         the instant the milestone's business time (the clock of
--             0026 over its calendar) runs out, not counting the business
--             time the ticket waited for the customer: ticket_pause keeps
--             each such wait. While the ticket waits, a milestone not yet
--             due has no due time (it cannot run out); a due time passed
--             before the wait began stays, and so does its breach.
-- breach      a milestone met after its due time, or unmet at it, is
--             breached at its due time; the due time is stored and never
--             moves once passed, so the breach time is kept.
-- at risk     unmet, not breached, and no more than a share of its target
--             left in business time (ticket_setting.at_risk_share).
-- next_due_at the earliest due time of the unmet milestones of an open,
--             running ticket: the support queue's order, indexed.
-- goodwill    gestures (credit, replacement, free service) recorded on a
--             ticket against its service level's limit in money.
-- warranty    whether the order the ticket is about is under warranty,
--             from the account's warranty conditions and the order's date.
--
-- Every change of these tables is audited like the others (0002), with
-- session_user as the actor.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE TABLE ticket_setting (
	id		integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
	at_risk_share	numeric(4,3) NOT NULL DEFAULT 0.25
			CHECK (at_risk_share > 0 AND at_risk_share < 1),
	version		integer NOT NULL DEFAULT 1,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now()
);
INSERT INTO ticket_setting DEFAULT VALUES;

-- A service level's goodwill limit: what gestures with an amount may add
-- up to on one ticket, in its currency. No limit: none in money.
ALTER TABLE service_level
	ADD COLUMN goodwill_limit numeric(14,2) CHECK (goodwill_limit >= 0),
	ADD COLUMN goodwill_currency text CHECK (goodwill_currency ~ '^[A-Z]{3}$'),
	ADD CONSTRAINT goodwill_limit_currency
		CHECK ((goodwill_limit IS NULL) = (goodwill_currency IS NULL));
GRANT INSERT (goodwill_limit, goodwill_currency),
      UPDATE (goodwill_limit, goodwill_currency) ON service_level TO kam_manager;

CREATE TABLE ticket (
	-- a part of its entry: goes when an administrator deletes the entry
	id		bigint PRIMARY KEY REFERENCES interaction ON DELETE CASCADE,
	account_id	bigint NOT NULL REFERENCES account ON DELETE RESTRICT,
	opened_at	timestamptz NOT NULL,
	priority	text NOT NULL DEFAULT 'normal'
			CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
	state		text NOT NULL DEFAULT 'new' CHECK (state IN ('new',
			'waiting_for_customer', 'in_progress', 'resolved', 'closed')),
	order_id	bigint REFERENCES erp_order ON DELETE RESTRICT,
	service_level_id bigint REFERENCES service_level ON DELETE RESTRICT,
	calendar_id	bigint REFERENCES calendar ON DELETE RESTRICT,
	first_response	interval,
	resolution	interval,
	first_response_due timestamptz,
	resolution_due	timestamptz,
	first_response_at timestamptz,
	resolved_at	timestamptz,
	closed_at	timestamptz,
	paused_since	timestamptz,
	next_due_at	timestamptz,
	version		integer NOT NULL DEFAULT 1,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT paused_while_waiting
		CHECK ((state = 'waiting_for_customer') = (paused_since IS NOT NULL)),
	CONSTRAINT resolved_stamp CHECK ((state IN ('resolved', 'closed'))
	                                 = (resolved_at IS NOT NULL)),
	CONSTRAINT closed_stamp CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
	CONSTRAINT milestones_with_level CHECK ((service_level_id IS NULL)
	    = (calendar_id IS NULL) AND (calendar_id IS NULL) = (first_response IS NULL)
	    AND (first_response IS NULL) = (resolution IS NULL))
);
CREATE INDEX ticket_account ON ticket (account_id, opened_at DESC);
-- The queue: open tickets by their next due milestone (none: last),
-- then id, read a page at a time by key (src/domain/queue.c).
CREATE INDEX ticket_queue ON ticket ((coalesce(next_due_at, 'infinity'::timestamptz)), id)
	WHERE state <> 'closed';
CREATE INDEX ticket_order ON ticket (order_id) WHERE order_id IS NOT NULL;

-- A wait for the customer that has ended ([paused_at, resumed_at)); the
-- one under way is ticket.paused_since.
CREATE TABLE ticket_pause (
	id		bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	ticket_id	bigint NOT NULL REFERENCES ticket ON DELETE CASCADE,
	account_id	bigint NOT NULL REFERENCES account ON DELETE RESTRICT,
	paused_at	timestamptz NOT NULL,
	resumed_at	timestamptz NOT NULL,
	CONSTRAINT pause_order CHECK (resumed_at >= paused_at)
);
CREATE INDEX ticket_pause_ticket ON ticket_pause (ticket_id, paused_at);

CREATE TABLE goodwill (
	id		bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	ticket_id	bigint NOT NULL REFERENCES ticket ON DELETE CASCADE,
	account_id	bigint NOT NULL REFERENCES account ON DELETE RESTRICT,
	kind		text NOT NULL
			CHECK (kind IN ('credit', 'replacement', 'free_service')),
	amount		numeric(14,2) CHECK (amount > 0),
	currency	text CHECK (currency ~ '^[A-Z]{3}$'),
	note		text,
	given_by	bigint NOT NULL DEFAULT my_user_id()
			REFERENCES app_user ON DELETE RESTRICT,
	given_at	timestamptz NOT NULL DEFAULT now(),
	version		integer NOT NULL DEFAULT 1,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT amount_currency CHECK ((amount IS NULL) = (currency IS NULL)),
	CONSTRAINT credit_has_amount CHECK (kind <> 'credit' OR amount IS NOT NULL)
);
CREATE INDEX goodwill_ticket ON goodwill (ticket_id);

-- The moves of a ticket. Anything open may be resolved; a resolved
-- ticket is closed or reopened; a closed one stays closed.
CREATE FUNCTION ticket_move(from_state text, to_state text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT from_state = to_state OR CASE from_state
		WHEN 'new' THEN to_state IN ('waiting_for_customer', 'in_progress', 'resolved')
		WHEN 'waiting_for_customer' THEN to_state IN ('in_progress', 'resolved')
		WHEN 'in_progress' THEN to_state IN ('waiting_for_customer', 'resolved')
		WHEN 'resolved' THEN to_state IN ('closed', 'in_progress', 'waiting_for_customer')
		ELSE false END
$$;

-- The due time of a milestone of `target` business time from `opened`
-- on the calendar, the ticket's waits not counted: its ended waits, and
-- one more from `pause_from` to `pause_to` (the wait that ends now, or
-- with pause_to NULL the one under way, which has no end yet). Walks
-- the waits in order: one that begins before the due time found so far
-- moves it by the business time it lasted; one under way that begins
-- before it leaves no due time (NULL); one that begins after it, or
-- after the milestone was met (`met`), changes nothing, so a due time
-- once passed stays. NULL without a calendar.
CREATE FUNCTION ticket_due(p_ticket bigint, cal bigint, opened timestamptz,
    target interval, met timestamptz, pause_from timestamptz,
    pause_to timestamptz)
RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	due timestamptz := kam.clock_add(cal, opened, target);
	p record;
BEGIN
	FOR p IN SELECT x.paused_at, x.resumed_at, x.open
	           FROM (SELECT w.paused_at, w.resumed_at, false AS open
	                   FROM kam.ticket_pause w WHERE w.ticket_id = p_ticket
	                 UNION ALL
	                 SELECT pause_from, pause_to, pause_to IS NULL
	                  WHERE pause_from IS NOT NULL) x
	          ORDER BY x.paused_at LOOP
		EXIT WHEN due IS NULL OR p.paused_at >= due OR p.paused_at >= met;
		IF p.open THEN
			RETURN NULL;
		END IF;
		due := kam.clock_add(cal, due,
		    kam.clock_business_time(cal, p.paused_at, p.resumed_at));
	END LOOP;
	RETURN due;
END
$$;

-- A new ticket: the account and opening from its entry, the milestones'
-- targets from the service level in force. Only an administrator (or the
-- demo's loader) brings a state and its stamps; everyone else's ticket
-- starts new.
CREATE FUNCTION ticket_open() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	SELECT i.account_id, i.occurred_at INTO NEW.account_id, NEW.opened_at
	  FROM kam.interaction i WHERE i.id = NEW.id AND i.channel = 'ticket';
	IF NOT FOUND THEN
		RAISE EXCEPTION 'entry % is not a ticket', NEW.id
		      USING ERRCODE = 'foreign_key_violation';
	END IF;
	NEW.service_level_id := NULL;
	NEW.calendar_id := NULL;
	NEW.first_response := NULL;
	NEW.resolution := NULL;
	-- a ticket that comes closed (an old entry) has no milestones to run
	IF NEW.state <> 'closed' THEN
		SELECT s.id, s.calendar_id, s.first_response, s.resolution
		  INTO NEW.service_level_id, NEW.calendar_id, NEW.first_response,
		       NEW.resolution
		  FROM kam.account_service_level(NEW.account_id) f
		  JOIN kam.service_level s ON s.id = f.id
		 WHERE f.state = 'valid';
	END IF;
	IF NEW.state <> 'new' THEN
		NEW.first_response_at := coalesce(NEW.first_response_at, now());
	END IF;
	IF NEW.state IN ('resolved', 'closed') THEN
		NEW.resolved_at := coalesce(NEW.resolved_at, now());
	ELSE
		NEW.resolved_at := NULL;
	END IF;
	NEW.closed_at := CASE WHEN NEW.state = 'closed' THEN coalesce(NEW.closed_at, now()) END;
	NEW.paused_since := CASE WHEN NEW.state = 'waiting_for_customer'
	                         THEN coalesce(NEW.paused_since, now()) END;
	RETURN kam.ticket_dues(NEW, NULL, NULL);
END
$$;

-- The due times of the unmet milestones and next_due_at, with the wait
-- from `pause_from` to `pause_to` as ticket_due takes it.
CREATE FUNCTION ticket_dues(t ticket, pause_from timestamptz, pause_to timestamptz)
RETURNS ticket
LANGUAGE plpgsql STABLE
AS $$
BEGIN
	IF t.paused_since IS NOT NULL THEN
		pause_from := t.paused_since;
		pause_to := NULL;
	END IF;
	IF t.calendar_id IS NULL THEN
		t.first_response_due := NULL;
		t.resolution_due := NULL;
	ELSE
		-- a due time that has passed stays (and its breach with it);
		-- a met milestone keeps the due time it was met against
		IF (t.first_response_at IS NULL OR t.first_response_due IS NULL)
		   AND (t.first_response_due <= now()) IS NOT TRUE THEN
			t.first_response_due := kam.ticket_due(t.id, t.calendar_id,
			    t.opened_at, t.first_response, t.first_response_at,
			    pause_from, pause_to);
		END IF;
		IF (t.resolved_at IS NULL OR t.resolution_due IS NULL)
		   AND (t.resolution_due <= now()) IS NOT TRUE THEN
			t.resolution_due := kam.ticket_due(t.id, t.calendar_id,
			    t.opened_at, t.resolution, t.resolved_at, pause_from, pause_to);
		END IF;
	END IF;
	t.next_due_at := CASE WHEN t.state NOT IN ('resolved', 'closed') THEN
	    least(CASE WHEN t.first_response_at IS NULL THEN t.first_response_due END,
	          CASE WHEN t.resolved_at IS NULL THEN t.resolution_due END) END;
	-- paused: a due time already passed still leads the queue
	IF t.paused_since IS NOT NULL AND t.next_due_at > t.paused_since THEN
		t.next_due_at := NULL;
	END IF;
	RETURN t;
END
$$;

-- A change of state: allowed moves only, the stamps set here (never by
-- the client), the wait begun or ended, the due times moved.
CREATE FUNCTION ticket_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
	pause_from timestamptz;
	pause_to timestamptz;
BEGIN
	NEW.account_id := OLD.account_id;
	NEW.opened_at := OLD.opened_at;
	NEW.service_level_id := OLD.service_level_id;
	NEW.calendar_id := OLD.calendar_id;
	NEW.first_response := OLD.first_response;
	NEW.resolution := OLD.resolution;
	NEW.first_response_due := OLD.first_response_due;
	NEW.resolution_due := OLD.resolution_due;
	NEW.first_response_at := OLD.first_response_at;
	NEW.resolved_at := OLD.resolved_at;
	NEW.closed_at := OLD.closed_at;
	NEW.paused_since := OLD.paused_since;
	NEW.next_due_at := OLD.next_due_at;
	IF NEW.state = OLD.state THEN
		RETURN NEW;
	END IF;
	IF NOT kam.ticket_move(OLD.state, NEW.state) THEN
		RAISE EXCEPTION 'a ticket cannot move from % to %', OLD.state, NEW.state
		      USING ERRCODE = 'check_violation',
		            CONSTRAINT = 'ticket_move';
	END IF;
	IF OLD.state = 'new' THEN
		NEW.first_response_at := now();
	END IF;
	IF OLD.state = 'waiting_for_customer' THEN
		pause_from := OLD.paused_since;
		pause_to := now();
		NEW.paused_since := NULL;
	ELSIF NEW.state = 'waiting_for_customer' THEN
		NEW.paused_since := now();
	END IF;
	IF NEW.state = 'resolved' THEN
		NEW.resolved_at := now();
	ELSIF NEW.state = 'closed' THEN
		NEW.closed_at := now();
	ELSE
		NEW.resolved_at := NULL;
	END IF;
	RETURN kam.ticket_dues(NEW, pause_from, pause_to);
END
$$;

-- The wait that ended, kept. Definer's rights: nobody writes the waits
-- but this trigger (they move due times); the audit log still records
-- session_user.
CREATE FUNCTION ticket_keep_pause() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	INSERT INTO kam.ticket_pause (ticket_id, account_id, paused_at, resumed_at)
	VALUES (NEW.id, NEW.account_id, OLD.paused_since, NEW.updated_at);
	RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION ticket_keep_pause() FROM PUBLIC;

CREATE TRIGGER open BEFORE INSERT ON ticket
	FOR EACH ROW EXECUTE FUNCTION ticket_open();
CREATE TRIGGER change BEFORE UPDATE ON ticket
	FOR EACH ROW EXECUTE FUNCTION ticket_change();
CREATE TRIGGER keep_pause AFTER UPDATE OF state ON ticket FOR EACH ROW
	WHEN (OLD.paused_since IS NOT NULL AND NEW.paused_since IS NULL)
	EXECUTE FUNCTION ticket_keep_pause();
-- Bulk loads that skip triggers (tests/gen/load's replica mode) still
-- get due times and waits.
ALTER TABLE ticket ENABLE ALWAYS TRIGGER open;
ALTER TABLE ticket ENABLE ALWAYS TRIGGER change;
ALTER TABLE ticket ENABLE ALWAYS TRIGGER keep_pause;

-- Every ticket entry logged is a ticket: in the rights of whoever logs
-- it (the policies below let them).
-- An entry corrected into a ticket becomes one too.
CREATE FUNCTION interaction_ticket() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	INSERT INTO kam.ticket (id) VALUES (NEW.id) ON CONFLICT (id) DO NOTHING;
	RETURN NULL;
END
$$;
CREATE TRIGGER ticket AFTER INSERT OR UPDATE OF channel ON interaction FOR EACH ROW
	WHEN (NEW.channel = 'ticket') EXECUTE FUNCTION interaction_ticket();

-- A goodwill gesture: on its ticket's account, and within the limit of
-- the ticket's service level (its currency; the amounts of the ticket's
-- gestures together). Beyond it, only an administrator records one.
CREATE FUNCTION goodwill_check() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
	lim numeric;
	cur text;
	given numeric;
BEGIN
	SELECT t.account_id, s.goodwill_limit, s.goodwill_currency
	  INTO NEW.account_id, lim, cur
	  FROM kam.ticket t LEFT JOIN kam.service_level s ON s.id = t.service_level_id
	 WHERE t.id = NEW.ticket_id;
	IF NEW.amount IS NULL OR lim IS NULL THEN
		RETURN NEW;
	END IF;
	IF NEW.currency <> cur THEN
		RAISE EXCEPTION 'goodwill in % where the service level''s limit is in %',
		      NEW.currency, cur
		      USING ERRCODE = 'check_violation', CONSTRAINT = 'goodwill_limit';
	END IF;
	SELECT coalesce(sum(g.amount), 0) INTO given
	  FROM kam.goodwill g WHERE g.ticket_id = NEW.ticket_id AND g.id <> NEW.id;
	IF given + NEW.amount > lim
	   AND NOT pg_has_role(current_user, 'kam_admin', 'MEMBER') THEN
		RAISE EXCEPTION 'goodwill of % % exceeds the limit: % % of % % left',
		      NEW.amount, cur, greatest(lim - given, 0), cur, lim, cur
		      USING ERRCODE = 'check_violation', CONSTRAINT = 'goodwill_limit',
		            HINT = 'An administrator may record a gesture beyond the limit.';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER check_limit BEFORE INSERT OR UPDATE ON goodwill
	FOR EACH ROW EXECUTE FUNCTION goodwill_check();

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['ticket', 'goodwill', 'ticket_setting'] LOOP
		EXECUTE format('CREATE TRIGGER touch BEFORE UPDATE ON kam.%I '
		    'FOR EACH ROW EXECUTE FUNCTION kam.touch_versioned()', t);
	END LOOP;
	FOREACH t IN ARRAY ARRAY['ticket', 'ticket_pause', 'goodwill',
	    'ticket_setting'] LOOP
		EXECUTE format('CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE '
		    'ON kam.%I FOR EACH ROW EXECUTE FUNCTION kam.audit()', t);
		EXECUTE format('ALTER TABLE kam.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE kam.%I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('REVOKE ALL ON kam.%I FROM PUBLIC', t);
		EXECUTE format('GRANT SELECT ON kam.%I TO kam_manager, kam_support, kam_admin', t);
		-- whoever reads the account reads its tickets (support and
		-- managers read every account; 0003)
		EXECUTE format('CREATE POLICY everyone_read ON kam.%I FOR SELECT '
		    'TO kam_manager, kam_support, kam_admin USING (true)', t);
	END LOOP;
END
$$;

-- Administrators: everything but the waits, which the trigger keeps.
GRANT INSERT, UPDATE, DELETE ON ticket, goodwill TO kam_admin;
GRANT UPDATE (at_risk_share) ON ticket_setting TO kam_admin;
CREATE POLICY kam_admin_write ON ticket FOR ALL TO kam_admin
	USING (true) WITH CHECK (true);
CREATE POLICY kam_admin_write ON goodwill FOR ALL TO kam_admin
	USING (true) WITH CHECK (true);
CREATE POLICY kam_admin_update ON ticket_setting FOR UPDATE TO kam_admin
	USING (true) WITH CHECK (true);
CREATE POLICY kam_owner_insert ON ticket_pause FOR INSERT TO kam_owner
	WITH CHECK (true);

-- Support works every ticket (support reads every account); managers the
-- tickets of accounts they may write. The ticket itself comes with its
-- entry (the trigger above), in the rights the entry's policies gave.
GRANT INSERT (id, priority, order_id) ON ticket TO kam_manager, kam_support;
GRANT UPDATE (priority, state, order_id) ON ticket TO kam_manager, kam_support;
CREATE POLICY kam_support_insert ON ticket FOR INSERT TO kam_support
	WITH CHECK (EXISTS (SELECT 1 FROM interaction i WHERE i.id = ticket.id
	                     AND i.author_id = my_user_id()));
CREATE POLICY kam_support_update ON ticket FOR UPDATE TO kam_support
	USING (true) WITH CHECK (true);
CREATE POLICY kam_manager_insert ON ticket FOR INSERT TO kam_manager
	WITH CHECK (can_write_account(account_id));
CREATE POLICY kam_manager_update ON ticket FOR UPDATE TO kam_manager
	USING (can_write_account(account_id)) WITH CHECK (can_write_account(account_id));

GRANT INSERT (ticket_id, kind, amount, currency, note) ON goodwill
	TO kam_manager, kam_support;
CREATE POLICY kam_support_insert ON goodwill FOR INSERT TO kam_support
	WITH CHECK (given_by = my_user_id());
CREATE POLICY kam_manager_insert ON goodwill FOR INSERT TO kam_manager
	WITH CHECK (given_by = my_user_id() AND can_write_account(account_id));

-- Each ticket as its milestones stand now: met (at), breached (at), at
-- risk, business time left to the next due time, and whom to escalate
-- to when one is at risk or breached.
CREATE FUNCTION ticket_milestone(due timestamptz, met timestamptz,
    target interval, cal bigint, share numeric,
    OUT state text, OUT breached_at timestamptz, OUT time_left interval)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN target IS NULL THEN NULL WHEN b THEN 'breached' WHEN met IS NOT NULL THEN 'met'
            WHEN due IS NULL THEN 'paused'
            WHEN l <= target * share THEN 'at_risk' ELSE 'running' END,
       CASE WHEN b THEN due END,
       l
  FROM (SELECT due < coalesce(met, now()) AS b) x
 CROSS JOIN LATERAL (SELECT CASE WHEN met IS NULL AND due IS NOT NULL
        THEN kam.clock_business_time(cal, now(), due) END AS l) y
$$;

CREATE VIEW ticket_status WITH (security_invoker = true) AS
SELECT t.id, t.account_id, a.name AS account, i.subject, t.priority, t.state,
       t.opened_at, t.order_id, t.service_level_id, s.name AS sla_name,
       t.first_response_due, t.first_response_at, fr.state AS first_response_state,
       fr.breached_at AS first_response_breached_at,
       t.resolution_due, t.resolved_at, rs.state AS resolution_state,
       rs.breached_at AS resolution_breached_at,
       t.closed_at, t.paused_since, t.next_due_at,
       CASE WHEN t.next_due_at = t.first_response_due AND t.first_response_at IS NULL
            THEN fr.time_left ELSE rs.time_left END AS time_left,
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
 CROSS JOIN (SELECT at_risk_share FROM ticket_setting) k
 CROSS JOIN LATERAL ticket_milestone(t.first_response_due, t.first_response_at, t.first_response, t.calendar_id, k.at_risk_share) fr
 CROSS JOIN LATERAL ticket_milestone(t.resolution_due, t.resolved_at,
        t.resolution, t.calendar_id, k.at_risk_share) rs;
GRANT SELECT ON ticket_status TO kam_manager, kam_support, kam_admin;

-- Whether the goods of the ticket's order are under warranty on the day
-- it was opened: the account's warranty conditions in force on the
-- order's date, in months or days from it; the longest counts. No row
-- when the ticket names no order or the account has no such condition.
CREATE FUNCTION ticket_warranty(p_ticket bigint)
RETURNS TABLE (under_warranty boolean, warranty_until date, condition text)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT (t.opened_at AT TIME ZONE 'UTC')::date <= w.until, w.until, w.title
  FROM kam.ticket t
  JOIN kam.erp_order o ON o.id = t.order_id AND NOT o.deleted
 CROSS JOIN LATERAL (
	SELECT c.title, (o.order_date + CASE c.unit
	            WHEN 'months' THEN make_interval(months => c.value::integer)
	            ELSE make_interval(days => c.value::integer) END)::date AS until
	  FROM kam.special_condition c
	 WHERE c.account_id = t.account_id AND c.kind = 'warranty'
	   AND c.unit IN ('months', 'days')
	   AND c.valid_from <= o.order_date
	   AND (c.valid_to IS NULL OR c.valid_to >= o.order_date)
	 ORDER BY 2 DESC LIMIT 1) w
 WHERE t.id = p_ticket
$$;

-- Breaches per account and month (the month of the breach, in UTC): the
-- Overview's line and BI's.
CREATE VIEW ticket_breach WITH (security_invoker = true) AS
SELECT t.account_id, date_trunc('month', b.at AT TIME ZONE 'UTC')::date AS month,
       b.milestone, count(*) AS breaches
  FROM ticket_status t
 CROSS JOIN LATERAL (VALUES ('first_response', t.first_response_breached_at),
                            ('resolution', t.resolution_breached_at)) b (milestone, at)
 WHERE b.at IS NOT NULL
 GROUP BY 1, 2, 3;
GRANT SELECT ON ticket_breach TO kam_manager, kam_support, kam_admin;

DO $$
DECLARE
	f text;
BEGIN
	FOREACH f IN ARRAY ARRAY[
	    'ticket_move(text, text)',
	    'ticket_due(bigint, bigint, timestamptz, interval, timestamptz, timestamptz, timestamptz)',
	    'ticket_dues(kam.ticket, timestamptz, timestamptz)',
	    'ticket_milestone(timestamptz, timestamptz, interval, bigint, numeric)',
	    'ticket_warranty(bigint)'] LOOP
		EXECUTE format('REVOKE EXECUTE ON FUNCTION kam.%s FROM PUBLIC', f);
		EXECUTE format('GRANT EXECUTE ON FUNCTION kam.%s TO kam_manager, '
		    'kam_support, kam_admin', f);
	END LOOP;
END
$$;

-- The ticket entries there become tickets in 0042, once the clock keeps
-- its open ranges (0036): here it still walked the calendar, some 4 ms a
-- ticket, the better part of an hour on a database of 250 000 open ones.
-- The owner reads calendars and tickets as the migrations that follow do.
CREATE POLICY kam_owner_read ON calendar_holiday FOR SELECT TO kam_owner USING (true);
CREATE POLICY kam_owner_read ON ticket FOR SELECT TO kam_owner USING (true);
