-- Entries that can be closed (issue 12, item 7):
--
-- follow-up   done, by whom and when (follow_up_done_at, _by); who is to
--             follow up (follow_up_owner_id: the author, until the
--             account changes hands, when the open ones move to the new
--             owner, whatever path changed the owner);
-- correction  the author (or an administrator) may correct an entry;
--             corrected_at and _by say that it was, the audit log what;
-- complaint   open or closed (complaint_closed_at, _by), closed only
--             with its outcome, and open again when reopened.
--
-- The stamps (who, when) are set here, never taken from the client, and
-- the rule "only the author corrects" is a trigger: a row policy cannot
-- tell which columns an UPDATE changes.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

ALTER TABLE interaction
	ADD COLUMN follow_up_owner_id bigint REFERENCES app_user ON DELETE RESTRICT,
	ADD COLUMN follow_up_done_at timestamptz,
	ADD COLUMN follow_up_done_by bigint REFERENCES app_user ON DELETE RESTRICT,
	ADD COLUMN complaint_closed_at timestamptz,
	ADD COLUMN complaint_closed_by bigint REFERENCES app_user ON DELETE RESTRICT,
	ADD COLUMN corrected_at timestamptz,
	ADD COLUMN corrected_by bigint REFERENCES app_user ON DELETE RESTRICT;

-- kam_owner, the non-login owner role, reads and changes entries: for the
-- hand-over below (a definer function) and this migration's backfill.
-- Row-level security is forced, so without these it would see no rows;
-- nobody logs in as kam_owner, so they widen nobody's access.
CREATE POLICY kam_owner_read ON interaction FOR SELECT TO kam_owner USING (true);
CREATE POLICY kam_owner_update ON interaction FOR UPDATE TO kam_owner
	USING (true) WITH CHECK (true);
CREATE POLICY kam_owner_read ON account FOR SELECT TO kam_owner USING (true);

-- What was there: each follow-up is its author's; a complaint with an
-- outcome was shown as settled, so it is closed (by nobody kam knows, at
-- its last change). Not a change anyone made: no new version, no audit.
ALTER TABLE interaction DISABLE TRIGGER touch;
ALTER TABLE interaction DISABLE TRIGGER audit;
UPDATE interaction SET follow_up_owner_id = author_id,
       complaint_closed_at = CASE WHEN feedback = 'complaint'
           AND btrim(coalesce(outcome, '')) <> '' THEN updated_at END;
-- A follow-up whose author no longer has the account (neither owns it nor
-- shares its team) is its owner's now: it would stay on the author's
-- agenda for ever otherwise, "1066 days late".
UPDATE interaction i SET follow_up_owner_id = a.owner_id
  FROM account a, app_user u
 WHERE a.id = i.account_id AND u.id = i.author_id AND u.kind = 'manager'
   AND i.follow_up_on IS NOT NULL AND a.owner_id IS NOT NULL
   AND a.owner_id <> i.author_id AND u.team IS DISTINCT FROM a.team;
ALTER TABLE interaction ENABLE TRIGGER touch;
ALTER TABLE interaction ENABLE TRIGGER audit;

ALTER TABLE interaction
	ALTER COLUMN follow_up_owner_id SET NOT NULL,
	ADD CONSTRAINT follow_up_done_needs_date
		CHECK (follow_up_done_at IS NULL OR follow_up_on IS NOT NULL),
	ADD CONSTRAINT complaint_closed_with_outcome
		CHECK (complaint_closed_at IS NULL OR (feedback = 'complaint'
		       AND btrim(coalesce(outcome, '')) <> ''));

-- A new entry's follow-up is its author's.
CREATE FUNCTION interaction_new() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	NEW.follow_up_owner_id := coalesce(NEW.follow_up_owner_id, NEW.author_id);
	RETURN NEW;
END
$$;
CREATE TRIGGER lifecycle_new BEFORE INSERT ON interaction
	FOR EACH ROW EXECUTE FUNCTION interaction_new();

-- Whether an UPDATE changes what the entry says (a correction). The
-- outcome a closing asks for is part of the closing, not a correction.
CREATE FUNCTION interaction_corrected(o interaction, n interaction,
    closing boolean) RETURNS boolean
LANGUAGE sql IMMUTABLE
AS $$
	SELECT (o.account_id, o.contact_id, o.occurred_at, o.channel,
	        o.direction, o.subject, o.body, o.author_id, o.follow_up_on,
	        o.feedback)
	       IS DISTINCT FROM
	       (n.account_id, n.contact_id, n.occurred_at, n.channel,
	        n.direction, n.subject, n.body, n.author_id, n.follow_up_on,
	        n.feedback)
	    OR (o.outcome IS DISTINCT FROM n.outcome AND NOT closing)
$$;

-- Stamps who and when, and refuses a correction by anyone but the author
-- or an administrator. Runs with the rights of the caller: current_user
-- is who changes the row (a definer function's owner has no kam user and
-- changes no entry's content).
CREATE FUNCTION interaction_lifecycle() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
	me bigint := kam.my_user_id();
	closing boolean := OLD.complaint_closed_at IS NULL
	                   AND NEW.complaint_closed_at IS NOT NULL;
BEGIN
	IF kam.interaction_corrected(OLD, NEW, closing) THEN
		IF OLD.author_id IS DISTINCT FROM me
		   AND NOT pg_has_role(current_user, 'kam_admin', 'MEMBER') THEN
			RAISE EXCEPTION 'only the author of an entry or an administrator may correct it'
			      USING ERRCODE = 'insufficient_privilege',
			            HINT = 'Log a new entry instead.';
		END IF;
		NEW.corrected_at := now();
		NEW.corrected_by := me;
	ELSE
		NEW.corrected_at := OLD.corrected_at;
		NEW.corrected_by := OLD.corrected_by;
	END IF;
	-- a correction that takes the follow-up date away leaves nothing to
	-- be done; one that makes a complaint something else, nothing closed
	IF OLD.follow_up_on IS NOT NULL AND NEW.follow_up_on IS NULL THEN
		NEW.follow_up_done_at := NULL;
	END IF;
	IF OLD.feedback = 'complaint' AND NEW.feedback <> 'complaint' THEN
		NEW.complaint_closed_at := NULL;
	END IF;
	IF NEW.follow_up_done_at IS NULL THEN
		NEW.follow_up_done_by := NULL;
	ELSIF OLD.follow_up_done_at IS NULL THEN
		NEW.follow_up_done_at := now();
		NEW.follow_up_done_by := me;
	ELSE
		NEW.follow_up_done_at := OLD.follow_up_done_at;
		NEW.follow_up_done_by := OLD.follow_up_done_by;
	END IF;
	IF NEW.complaint_closed_at IS NULL THEN
		NEW.complaint_closed_by := NULL;
	ELSIF closing THEN
		NEW.complaint_closed_at := now();
		NEW.complaint_closed_by := me;
	ELSE
		NEW.complaint_closed_at := OLD.complaint_closed_at;
		NEW.complaint_closed_by := OLD.complaint_closed_by;
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER lifecycle BEFORE UPDATE ON interaction
	FOR EACH ROW EXECUTE FUNCTION interaction_lifecycle();

-- The hand-over: an account's open follow-ups that its old owner held go
-- to the new one. A definer function, for the change of owner is allowed
-- by the account's policies, and the one who made it may not otherwise
-- write the entries of the account (the sync, an admin's psql, a manager
-- handing an account to a colleague). The audit log records
-- session_user, so the changes stay the owner changer's.
CREATE FUNCTION hand_over_follow_ups() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	UPDATE kam.interaction SET follow_up_owner_id = NEW.owner_id
	 WHERE account_id = NEW.id AND follow_up_owner_id = OLD.owner_id
	   AND follow_up_on IS NOT NULL AND follow_up_done_at IS NULL;
	RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION hand_over_follow_ups() FROM PUBLIC;
CREATE TRIGGER hand_over AFTER UPDATE OF owner_id ON account FOR EACH ROW
	WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id AND NEW.owner_id IS NOT NULL
	      AND OLD.owner_id IS NOT NULL)
	EXECUTE FUNCTION hand_over_follow_ups();

-- Managers: the done state and the complaint's state besides what they
-- could change; an entry of an account they may write, or a follow-up
-- that is theirs (handed to them, or theirs on an account they no longer
-- have: they can still mark it done).
GRANT UPDATE (follow_up_done_at, complaint_closed_at) ON interaction TO kam_manager;
DROP POLICY kam_manager_update ON interaction;
CREATE POLICY kam_manager_update ON interaction FOR UPDATE TO kam_manager
	USING (can_write_account(account_id) OR follow_up_owner_id = my_user_id())
	WITH CHECK (can_write_account(account_id) OR follow_up_owner_id = my_user_id());

-- Support: their own tickets (corrected, follow-ups done, complaints
-- closed), and they stay tickets.
GRANT UPDATE (contact_id, occurred_at, channel, direction, subject, body,
              outcome, follow_up_on, feedback, follow_up_done_at,
              complaint_closed_at)
	ON interaction TO kam_support;
CREATE POLICY kam_support_update ON interaction FOR UPDATE TO kam_support
	USING (author_id = my_user_id() OR follow_up_owner_id = my_user_id())
	WITH CHECK (channel = 'ticket'
	            AND (author_id = my_user_id() OR follow_up_owner_id = my_user_id()));

-- The agenda's follow-ups by who is to follow up, open ones only.
CREATE INDEX interaction_follow_up_owner ON interaction
	(follow_up_owner_id, follow_up_on) INCLUDE (account_id, occurred_at, id)
	WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL;
DROP INDEX interaction_author_follow_up;

-- agenda_items() as in 0008, with two changes to its follow-ups: a done
-- one is never due, and the user's follow-ups elsewhere are those the
-- user is to follow up (follow_up_owner_id), not those the user wrote.
CREATE OR REPLACE FUNCTION agenda_items()
RETURNS TABLE (due date, ord integer, id bigint, kind text,
    account_id bigint, account text, what text, dated boolean)
LANGUAGE plpgsql STABLE
SET jit = off
AS $$
DECLARE
	me bigint := kam.my_user_id();
BEGIN
	IF me IS NULL THEN
		RETURN;
	END IF;
	RETURN QUERY
	SELECT i.follow_up_on, 1, i.id, 'follow-up'::text, f.account_id, f.account,
	       i.subject || ' (' || concat_ws(', ', i.channel,
	           (SELECT c.name FROM kam.contact c WHERE c.id = i.contact_id),
	           (SELECT 'by ' || u.display_name FROM kam.app_user u
	             WHERE u.id = i.author_id AND u.id <> me)) || ')',
	       true
	  FROM (SELECT x.id, x.account_id, x.author_id, x.occurred_at,
	               o.name AS account
	          FROM kam.account o
	         CROSS JOIN LATERAL (
	               SELECT * FROM (
	                      SELECT y.id, y.account_id, y.author_id,
	                             y.occurred_at, y.follow_up_on
	                        FROM kam.interaction y
	                       WHERE y.account_id = o.id
	                         AND y.follow_up_done_at IS NULL
	                         AND y.occurred_at >= coalesce((
	                             SELECT max(m.occurred_at) FROM kam.interaction m
	                              WHERE m.account_id = o.id AND m.author_id = me),
	                             '-infinity')
	                      OFFSET 0) z
	                WHERE z.follow_up_on <= current_date) x
	         WHERE o.owner_id = me
	        UNION ALL
	        SELECT x.id, x.account_id, me, x.occurred_at, o.name
	          FROM (SELECT DISTINCT ON (y.account_id) y.id, y.account_id,
	                       y.occurred_at, y.follow_up_on
	                  FROM kam.interaction y
	                 WHERE y.follow_up_owner_id = me AND y.follow_up_on IS NOT NULL
	                   AND y.follow_up_done_at IS NULL
	                 ORDER BY y.account_id, y.occurred_at DESC) x
	          JOIN kam.account o ON o.id = x.account_id
	         WHERE x.follow_up_on <= current_date
	           AND o.owner_id IS DISTINCT FROM me) f
	 CROSS JOIN LATERAL (SELECT * FROM kam.interaction y
	                      WHERE y.id = f.id OFFSET 0) i
	 WHERE NOT EXISTS (SELECT 1 FROM kam.interaction j
	                    WHERE j.account_id = f.account_id
	                      AND j.author_id = f.author_id
	                      AND j.occurred_at > f.occurred_at);
	IF NOT has_table_privilege('kam.plan_action', 'SELECT') THEN
		RETURN;
	END IF;
	RETURN QUERY
	SELECT x.due_on, 2, x.id, 'action'::text, a.id, a.name,
	       x.title || ' (' || concat_ws(', ', x.kind, 'plan ' || x.year,
	           CASE WHEN x.owner_id IS NULL THEN 'unassigned' END) || ')',
	       true
	  FROM (SELECT p.year, p.account_id, y.*
	          FROM kam.plan_action y JOIN kam.account_plan p ON p.id = y.plan_id
	         WHERE y.owner_id = me AND y.status = 'open'
	           AND y.due_on <= current_date
	        UNION ALL
	        SELECT p.year, p.account_id, y.*
	          FROM kam.account o
	         CROSS JOIN LATERAL (
	               SELECT q.* FROM kam.account_plan q
	                WHERE q.account_id = o.id OFFSET 0) p
	          JOIN kam.plan_action y ON y.plan_id = p.id
	         WHERE o.owner_id = me AND y.owner_id IS NULL AND y.status = 'open'
	           AND y.due_on <= current_date) x
	  JOIN kam.account a ON a.id = x.account_id;
	RETURN QUERY
	SELECT coalesce(p.annual_talk_on, make_date(p.year, 12, 31)), 3, p.id,
	       'talk'::text, a.id, a.name, 'Annual talk ' || p.year,
	       p.annual_talk_on IS NOT NULL
	  FROM kam.account a
	 CROSS JOIN LATERAL (
	       SELECT * FROM kam.account_plan q
	        WHERE q.account_id = a.id
	          AND q.year = extract(year FROM current_date)::integer
	          AND q.status <> 'closed'
	          AND (q.annual_talk_on IS NULL OR q.annual_talk_on >= current_date)
	       OFFSET 0) p
	 WHERE a.owner_id = me;
END
$$;
