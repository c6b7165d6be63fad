-- The voice of the customer for the client's cloud and the wall (issue
-- 14, items 2 and 4): one place that says which feedback a view covers
-- (since a time, a team, or only the caller's own accounts), on which
-- the cloud, the open items, a topic's entries and the count of open
-- complaints all stand. 0028's functions keep their names and results
-- and now read through it, so the aggregation is written once.
-- Invoker's rights throughout: row-level security applies.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- The feedback entries a view covers. p_mine: only accounts the caller
-- owns (kam.my_user_id()); p_team NULL and p_mine false: everything the
-- caller may read.
CREATE FUNCTION voc_items(p_since timestamptz, p_team text, p_mine boolean)
RETURNS SETOF interaction
LANGUAGE sql STABLE
AS $$
SELECT i.*
  FROM kam.interaction i
 WHERE i.feedback <> 'none'
   AND (p_since IS NULL OR i.occurred_at >= p_since)
   AND ((p_team IS NULL AND NOT p_mine) OR EXISTS (SELECT 1 FROM kam.account a
        WHERE a.id = i.account_id
          AND (p_team IS NULL OR a.team = p_team)
          AND (NOT p_mine OR a.owner_id = kam.my_user_id())))
$$;

-- Whether a loop state is still waiting for the customer to be told.
CREATE FUNCTION voc_is_open(p_state text) RETURNS boolean
LANGUAGE sql IMMUTABLE
AS $$ SELECT p_state IN ('new', 'acknowledged', 'in_progress') $$;

CREATE FUNCTION voc_cloud(p_since timestamptz, p_team text, p_mine boolean)
RETURNS TABLE (topic text, items bigint, compliments bigint, ideas bigint,
    complaints bigint, open bigint, overdue bigint, tone text)
LANGUAGE sql STABLE
AS $$
SELECT c.topic, c.items, c.compliments, c.ideas, c.complaints, c.open,
       c.overdue,
       CASE WHEN c.complaints >= greatest(c.ideas, c.compliments) THEN 'complaint'
            WHEN c.ideas >= c.compliments THEN 'idea' ELSE 'compliment' END
  FROM (SELECT t.name AS topic, count(*) AS items,
               count(*) FILTER (WHERE i.feedback = 'compliment') AS compliments,
               count(*) FILTER (WHERE i.feedback = 'idea') AS ideas,
               count(*) FILTER (WHERE i.feedback = 'complaint') AS complaints,
               count(*) FILTER (WHERE kam.voc_is_open(i.loop_state)) AS open,
               count(*) FILTER (WHERE kam.voc_is_open(i.loop_state)
                   AND i.answer_due_at < now()) AS overdue
          FROM kam.voc_items(p_since, p_team, p_mine) i
          LEFT JOIN LATERAL unnest(CASE WHEN i.topic_ids = '{}'
               THEN '{NULL}'::bigint[] ELSE i.topic_ids END) x (id) ON true
          LEFT JOIN kam.topic t ON t.id = x.id
         GROUP BY t.name) c
 ORDER BY c.items DESC, c.topic NULLS LAST
$$;

CREATE OR REPLACE FUNCTION voc_cloud(p_since timestamptz, p_team text)
RETURNS TABLE (topic text, items bigint, compliments bigint, ideas bigint,
    complaints bigint, open bigint, overdue bigint, tone text)
LANGUAGE sql STABLE
AS $$ SELECT * FROM kam.voc_cloud(p_since, p_team, false) $$;

CREATE FUNCTION voc_open(p_since timestamptz, p_team text, p_mine boolean,
    p_limit integer)
RETURNS TABLE (id bigint, account_id bigint, account text, kind text,
    state text, due timestamptz, overdue boolean, subject text, owner text)
LANGUAGE sql STABLE
AS $$
SELECT i.id, i.account_id, a.name, i.feedback, i.loop_state, i.answer_due_at,
       coalesce(i.answer_due_at < now(), false), i.subject,
       (SELECT u.display_name FROM kam.app_user u WHERE u.id = i.loop_owner_id)
  FROM kam.voc_items(p_since, p_team, p_mine) i
  JOIN kam.account a ON a.id = i.account_id
 WHERE kam.voc_is_open(i.loop_state)
 ORDER BY i.answer_due_at NULLS LAST, i.occurred_at, i.id
 LIMIT p_limit
$$;

CREATE OR REPLACE FUNCTION voc_open(p_since timestamptz, p_team text,
    p_limit integer)
RETURNS TABLE (id bigint, account_id bigint, account text, kind text,
    state text, due timestamptz, overdue boolean, subject text, owner text)
LANGUAGE sql STABLE
AS $$ SELECT * FROM kam.voc_open(p_since, p_team, false, p_limit) $$;

-- The entries on a topic (p_topic NULL: those without one), newest
-- first, a page at a time after (p_after, p_after_id).
CREATE FUNCTION voc_topic_entries(p_since timestamptz, p_team text,
    p_mine boolean, p_topic text, p_after timestamptz, p_after_id bigint,
    p_limit integer)
RETURNS TABLE (id bigint, account_id bigint, account text,
    occurred_at timestamptz, kind text, state text, due timestamptz,
    overdue boolean, subject text)
LANGUAGE sql STABLE
AS $$
SELECT i.id, i.account_id, a.name, i.occurred_at, i.feedback, i.loop_state,
       i.answer_due_at,
       kam.voc_is_open(i.loop_state) AND coalesce(i.answer_due_at < now(), false),
       i.subject
  FROM kam.voc_items(p_since, p_team, p_mine) i
  JOIN kam.account a ON a.id = i.account_id
 WHERE CASE WHEN p_topic IS NULL THEN i.topic_ids = '{}'
            ELSE EXISTS (SELECT 1 FROM kam.topic t
                          WHERE t.id = ANY (i.topic_ids) AND t.name = p_topic) END
   AND (i.occurred_at, i.id) < (p_after, p_after_id)
 ORDER BY i.occurred_at DESC, i.id DESC
 LIMIT p_limit
$$;

-- Open complaints and how many of them are overdue (a tmux line).
CREATE FUNCTION voc_open_complaints(p_since timestamptz, p_team text,
    OUT open bigint, OUT overdue bigint)
LANGUAGE sql STABLE
AS $$
SELECT count(*), count(*) FILTER (WHERE i.answer_due_at < now())
  FROM kam.voc_items(p_since, p_team, false) i
 WHERE i.feedback = 'complaint' AND kam.voc_is_open(i.loop_state)
$$;

GRANT EXECUTE ON FUNCTION voc_items(timestamptz, text, boolean),
	voc_is_open(text),
	voc_cloud(timestamptz, text, boolean),
	voc_open(timestamptz, text, boolean, integer),
	voc_topic_entries(timestamptz, text, boolean, text, timestamptz, bigint,
	    integer),
	voc_open_complaints(timestamptz, text)
	TO kam_manager, kam_support, kam_admin;
