-- Voice of the customer, part 10 (issue 14, "Speed"): a manager's own
-- cloud (p_mine) asked who the user is once a row. kam.my_user_id() is a
-- query (0001), which PostgreSQL cannot inline: anna's cloud of a year
-- ran it 668 times on the generated data, for each kept count and each
-- item, most of the statement's time. Now once a statement.
--
-- voc_items  "(SELECT kam.my_user_id())", a subquery of no row's, which
--     the executor evaluates once (an init plan)
-- voc_cloud  0054's, the user looked up once into a variable

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE OR REPLACE FUNCTION voc_items(p_since timestamptz, p_team text, p_mine boolean)
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
          AND (NOT p_mine OR a.owner_id = (SELECT kam.my_user_id()))))
$$;

CREATE OR REPLACE FUNCTION voc_cloud(p_since timestamptz, p_team text, p_mine boolean)
RETURNS TABLE (topic text, items bigint, compliments bigint, ideas bigint,
    complaints bigint, open bigint, overdue bigint, tone text)
LANGUAGE plpgsql STABLE
SET jit = off
AS $$
DECLARE
	kept_from timestamptz := kam.voc_kept_from(p_since);
	me bigint := kam.my_user_id();
BEGIN
	IF NOT kam.voc_reads_all() THEN
		RETURN QUERY SELECT * FROM kam.voc_cloud_computed(p_since, p_team, p_mine);
		RETURN;
	END IF;
	RETURN QUERY
	SELECT c.topic, c.items, c.compliments, c.ideas, c.complaints, c.open,
	       c.overdue,
	       CASE WHEN c.complaints >= greatest(c.ideas, c.compliments) THEN 'complaint'
	            WHEN c.ideas >= c.compliments THEN 'idea' ELSE 'compliment' END
	  FROM (SELECT t.name AS topic, sum(n.items)::bigint AS items,
	               coalesce(sum(n.items) FILTER (WHERE n.kind = 'compliment'), 0)::bigint
	                   AS compliments,
	               coalesce(sum(n.items) FILTER (WHERE n.kind = 'idea'), 0)::bigint
	                   AS ideas,
	               coalesce(sum(n.items) FILTER (WHERE n.kind = 'complaint'), 0)::bigint
	                   AS complaints,
	               sum(n.open)::bigint AS open,
	               sum(n.open_due - n.not_due)::bigint AS overdue
	          FROM (SELECT k.topic_id, k.kind, k.items, k.open, k.open_due,
	                       0 AS not_due
	                  FROM kam.voc_count k
	                 WHERE (p_since IS NULL OR k.day >= (kept_from AT TIME ZONE 'UTC')::date)
	                   AND (p_team IS NULL OR k.team = p_team)
	                   AND (NOT p_mine OR k.owner_id = me)
	                UNION ALL
	                SELECT x.id, i.feedback, 1,
	                       kam.voc_is_open(i.loop_state)::integer,
	                       (kam.voc_is_open(i.loop_state)
	                        AND i.answer_due_at IS NOT NULL)::integer, 0
	                  FROM kam.voc_items(p_since, p_team, p_mine) i
	                 CROSS JOIN LATERAL unnest(CASE WHEN i.topic_ids = '{}'
	                       THEN '{NULL}'::bigint[] ELSE i.topic_ids END) x (id)
	                 WHERE p_since IS NOT NULL AND i.occurred_at < kept_from
	                UNION ALL
	                SELECT x.id, i.feedback, 0, 0, 0, 1
	                  FROM kam.voc_items(p_since, p_team, p_mine) i
	                 CROSS JOIN LATERAL unnest(CASE WHEN i.topic_ids = '{}'
	                       THEN '{NULL}'::bigint[] ELSE i.topic_ids END) x (id)
	                 WHERE kam.voc_is_open(i.loop_state) AND i.answer_due_at >= now()
	               ) n
	          LEFT JOIN kam.topic t ON t.id = n.topic_id
	         GROUP BY t.name
	        HAVING sum(n.items) > 0) c
	 ORDER BY c.items DESC, c.topic NULLS LAST;
END
$$;
