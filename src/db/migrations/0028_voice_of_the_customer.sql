-- The voice of the customer gathered (issue 14, items 2 and 4): the
-- topics raised since a time, for a team or everyone the caller may
-- read, each counted by kind with its tone, and the open items by due
-- time. Defined once here for every reader: kam --voc, the client, psql
-- and BI tools. Invoker's rights: row-level security applies as
-- everywhere.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- One row per topic (an entry with several topics counts in each; one
-- without any under a NULL topic). tone is the kind raised most; a tie
-- goes to the more serious kind, so that a topic half complaints never
-- shows as praise.
CREATE FUNCTION voc_cloud(p_since timestamptz, p_team text)
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
               count(*) FILTER (WHERE i.loop_state IN ('new', 'acknowledged',
                   'in_progress')) AS open,
               count(*) FILTER (WHERE i.loop_state IN ('new', 'acknowledged',
                   'in_progress') AND i.answer_due_at < now()) AS overdue
          FROM kam.interaction i
          LEFT JOIN LATERAL unnest(CASE WHEN i.topic_ids = '{}'
               THEN '{NULL}'::bigint[] ELSE i.topic_ids END) x (id) ON true
          LEFT JOIN kam.topic t ON t.id = x.id
         WHERE i.feedback <> 'none'
           AND (p_since IS NULL OR i.occurred_at >= p_since)
           AND (p_team IS NULL OR EXISTS (SELECT 1 FROM kam.account a
                WHERE a.id = i.account_id AND a.team = p_team))
         GROUP BY t.name) c
 ORDER BY c.items DESC, c.topic NULLS LAST
$$;

-- The open items (not yet answered), the first answer due first; those
-- with no due time after, oldest first.
CREATE FUNCTION voc_open(p_since timestamptz, p_team text, p_limit integer)
RETURNS TABLE (id bigint, account_id bigint, account text, kind text,
    state text, due timestamptz, overdue boolean, subject text, owner text)
LANGUAGE sql STABLE
AS $$
SELECT i.id, i.account_id, a.name, i.feedback, i.loop_state, i.answer_due_at,
       coalesce(i.answer_due_at < now(), false), i.subject,
       (SELECT u.display_name FROM kam.app_user u WHERE u.id = i.loop_owner_id)
  FROM kam.interaction i JOIN kam.account a ON a.id = i.account_id
 WHERE i.feedback <> 'none'
   AND i.loop_state IN ('new', 'acknowledged', 'in_progress')
   AND (p_since IS NULL OR i.occurred_at >= p_since)
   AND (p_team IS NULL OR a.team = p_team)
 ORDER BY i.answer_due_at NULLS LAST, i.occurred_at, i.id
 LIMIT p_limit
$$;

-- Both and the totals as one JSON document (kam --voc -f json).
CREATE FUNCTION voc_json(p_since timestamptz, p_team text, p_limit integer)
RETURNS json
LANGUAGE sql STABLE
AS $$
SELECT json_build_object(
	'since', p_since, 'team', p_team,
	'items', t.items, 'compliments', t.compliments, 'ideas', t.ideas,
	'complaints', t.complaints, 'open', t.open, 'overdue', t.overdue,
	'topics', coalesce((SELECT json_agg(c) FROM kam.voc_cloud(p_since, p_team) c),
	                   '[]'),
	'open_items', coalesce((SELECT json_agg(o)
	                          FROM kam.voc_open(p_since, p_team, p_limit) o), '[]'))
  FROM (SELECT count(*) AS items,
               count(*) FILTER (WHERE i.feedback = 'compliment') AS compliments,
               count(*) FILTER (WHERE i.feedback = 'idea') AS ideas,
               count(*) FILTER (WHERE i.feedback = 'complaint') AS complaints,
               count(*) FILTER (WHERE i.loop_state IN ('new', 'acknowledged',
                   'in_progress')) AS open,
               count(*) FILTER (WHERE i.loop_state IN ('new', 'acknowledged',
                   'in_progress') AND i.answer_due_at < now()) AS overdue
          FROM kam.interaction i
         WHERE i.feedback <> 'none'
           AND (p_since IS NULL OR i.occurred_at >= p_since)
           AND (p_team IS NULL OR EXISTS (SELECT 1 FROM kam.account a
                WHERE a.id = i.account_id AND a.team = p_team))) t
$$;

GRANT EXECUTE ON FUNCTION voc_cloud(timestamptz, text),
	voc_open(timestamptz, text, integer), voc_json(timestamptz, text, integer)
	TO kam_manager, kam_support, kam_admin;
