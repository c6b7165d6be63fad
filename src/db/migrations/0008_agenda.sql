-- The agenda (src/domain/agenda.c) and the account's Changes tab.
--
-- agenda_items() lists what is due for the logged-in user, in no order
-- (the client pages and words it):
--   follow-up  an interaction whose follow-up date is today or past, that
--              the user logged or that anyone logged on an account the
--              user owns, until its author or the user logs a later entry
--              on the same account;
--   action     an open plan action due today or earlier that the user
--              owns, or that nobody owns on an account the user owns;
--   talk       this year's annual talk on an account the user owns whose
--              plan is not closed and whose day is not set (due by the end
--              of the year) or not past.
-- Roles that may not read plans get their follow-ups only. It runs with
-- the rights of its caller, so row-level security decides as ever.
--
-- A function, so that it can plan without JIT: the planner cannot know
-- how few of the user's accounts and entries there are, estimates these
-- per-account probes as whole-table work, and a default server then
-- compiles the statement for seconds (3.3 s of 3.7 s measured) to run it
-- in a tenth of one. A SET on the connection would not survive
-- PgBouncer's transaction pooling; this one does. The user's id is a
-- parameter of each query, so the plan fits how many accounts they own.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE FUNCTION agenda_items()
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
	-- A follow-up on an account the user owns can only be open when it is
	-- not older than the user's own last entry there; of those the user
	-- logged elsewhere only the last on each account can be. The OFFSET 0
	-- fences keep the per-account probes as probes; details are read for
	-- the open ones only.
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
	                 WHERE y.author_id = me AND y.follow_up_on IS NOT NULL
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

-- Follow-ups by their author, whole: the many that turn out answered are
-- told apart without a visit to the table. "The last entry of this author
-- on this account" is one probe into an index that holds all it needs.
CREATE INDEX interaction_author_follow_up ON interaction (author_id, follow_up_on)
	INCLUDE (account_id, occurred_at, id) WHERE follow_up_on IS NOT NULL;
CREATE INDEX interaction_account_author ON interaction
	(account_id, author_id, occurred_at);

-- The Changes tab pages through an account's audit log by (at, id): the
-- changes of one transaction share their time, so the id must be in the
-- index too, or every page would read them all again.
DROP INDEX audit_log_account;
CREATE INDEX audit_log_account ON audit_log (account_id, at DESC, id DESC);
