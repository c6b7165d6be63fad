-- The outer loop and its measures (issue 14, items 3 and 7).
--
-- adopted       an idea the company took up: a state of its own, reached
--               once the customer was told (answered) or after the item
--               closed, so that it is a closed idea with more to say, no
--               item still waiting for the customer. Moving there is a
--               change of the entry like every other move: the audit
--               trigger of 0002 records it.
-- announcement  one message to every customer who raised a topic in a
--               period (voc_announce): one outbound entry on each of
--               their accounts, their open items answered by it, in one
--               statement, hence one transaction.
-- measures      the figures of the loop for a period and a team
--               (voc_measures), which the client, kam --voc -f json and
--               psql all read.
-- Invoker's rights throughout: row-level security applies as everywhere.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

ALTER TABLE interaction
	DROP CONSTRAINT interaction_loop_state_check,
	ADD CONSTRAINT interaction_loop_state_check CHECK (loop_state IN ('new',
	    'acknowledged', 'in_progress', 'answered', 'closed',
	    'no_answer_needed', 'adopted')),
	-- an adopted idea stays an idea: back to work first, then its kind
	ADD CONSTRAINT adopted_is_an_idea
		CHECK (loop_state IS DISTINCT FROM 'adopted' OR feedback = 'idea');

-- Everything the cloud, the open items, the measures and an
-- announcement's choice read of an item, in the index of the period, so
-- that they read it alone and not the entries' pages (bodies and all):
-- the cloud of a year over the generated 100 000 accounts went from 9.4 s
-- to 1.4 s (bench/README.md). 0027's index on the period (fewer columns)
-- is this one's prefix, so it goes.
CREATE INDEX interaction_voc ON interaction (occurred_at)
	INCLUDE (account_id, feedback, loop_state, topic_ids, answer_due_at,
	         acknowledged_at, answered_at)
	WHERE feedback <> 'none';
DROP INDEX interaction_feedback;

-- 0027's moves, and: an idea is adopted once answered or closed; an
-- adopted idea closes (or goes back to work, as anything may).
CREATE OR REPLACE FUNCTION feedback_loop_move(kind text, from_state text,
    to_state text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	SELECT from_state = to_state OR CASE to_state
		WHEN 'acknowledged' THEN from_state = 'new'
		WHEN 'in_progress' THEN from_state <> 'in_progress'
		WHEN 'answered' THEN from_state IN ('new', 'acknowledged', 'in_progress')
		WHEN 'closed' THEN from_state IN ('answered', 'adopted')
		WHEN 'no_answer_needed' THEN kind = 'compliment'
		     AND from_state IN ('new', 'acknowledged')
		WHEN 'adopted' THEN kind = 'idea' AND from_state IN ('answered', 'closed')
		ELSE false END
$$;

-- The loop's figures over the feedback a view covers (voc_items):
--   items, compliments, ideas, complaints   raised in the period
--   open, overdue        still waiting to be told; of them past due
--   due                  items with a due time that has passed or that
--                        were answered: those that could be late
--   answered_in_time     of them, answered by their due time
--   in_time_share        answered_in_time / due, 0 to 1 (3 decimals);
--                        NULL when nothing was due
--   acknowledged, median_acknowledge   items reacted to; the median time
--                        from being raised to the first reaction
--   answered, median_answer            items answered; the median time
--                        from being raised to the first answer
--   ideas_adopted        ideas in state adopted
CREATE FUNCTION voc_measures(p_since timestamptz, p_team text, p_mine boolean)
RETURNS TABLE (items bigint, compliments bigint, ideas bigint,
    complaints bigint, open bigint, overdue bigint, due bigint,
    answered_in_time bigint, in_time_share numeric, acknowledged bigint,
    median_acknowledge interval, answered bigint, median_answer interval,
    ideas_adopted bigint)
LANGUAGE sql STABLE
AS $$
SELECT m.items, m.compliments, m.ideas, m.complaints, m.open, m.overdue,
       m.due, m.in_time, round(m.in_time::numeric / nullif(m.due, 0), 3),
       m.acknowledged, m.median_acknowledge, m.answered, m.median_answer,
       m.adopted
  FROM (SELECT count(*) AS items,
               count(*) FILTER (WHERE i.feedback = 'compliment') AS compliments,
               count(*) FILTER (WHERE i.feedback = 'idea') AS ideas,
               count(*) FILTER (WHERE i.feedback = 'complaint') AS complaints,
               count(*) FILTER (WHERE kam.voc_is_open(i.loop_state)) AS open,
               count(*) FILTER (WHERE kam.voc_is_open(i.loop_state)
                   AND i.answer_due_at < now()) AS overdue,
               count(*) FILTER (WHERE i.answer_due_at IS NOT NULL
                   AND (i.answered_at IS NOT NULL OR i.answer_due_at < now()))
                   AS due,
               count(*) FILTER (WHERE i.answered_at <= i.answer_due_at) AS in_time,
               count(i.acknowledged_at) AS acknowledged,
               percentile_cont(0.5) WITHIN GROUP
                   (ORDER BY i.acknowledged_at - i.occurred_at) AS median_acknowledge,
               count(i.answered_at) AS answered,
               percentile_cont(0.5) WITHIN GROUP
                   (ORDER BY i.answered_at - i.occurred_at) AS median_answer,
               count(*) FILTER (WHERE i.feedback = 'idea'
                   AND i.loop_state = 'adopted') AS adopted
          FROM kam.voc_items(p_since, p_team, p_mine) i) m
$$;

-- 0028's document for kam --voc -f json, its totals now read with the
-- measures (one pass over the items), which it carries under "measures"
-- (the times in seconds). The fields of 0028 keep their names.
CREATE OR REPLACE FUNCTION voc_json(p_since timestamptz, p_team text,
    p_limit integer)
RETURNS json
LANGUAGE sql STABLE
AS $$
SELECT json_build_object(
	'since', p_since, 'team', p_team,
	'items', m.items, 'compliments', m.compliments, 'ideas', m.ideas,
	'complaints', m.complaints, 'open', m.open, 'overdue', m.overdue,
	'topics', coalesce((SELECT json_agg(c)
	                      FROM kam.voc_cloud(p_since, p_team, false) c), '[]'),
	'open_items', coalesce((SELECT json_agg(o)
	                          FROM kam.voc_open(p_since, p_team, false, p_limit) o),
	                       '[]'),
	'measures', json_build_object(
		'due', m.due, 'answered_in_time', m.answered_in_time,
		'in_time_share', m.in_time_share,
		'acknowledged', m.acknowledged,
		'median_acknowledge_seconds',
		    round(extract(epoch FROM m.median_acknowledge)),
		'answered', m.answered,
		'median_answer_seconds', round(extract(epoch FROM m.median_answer)),
		'ideas_adopted', m.ideas_adopted))
  FROM kam.voc_measures(p_since, p_team, false) m
$$;

-- Whether the caller may log an entry on the account: the INSERT
-- policies of 0003 said as a question (a manager on accounts they
-- write, support tickets anywhere, administrators anywhere), so that an
-- announcement leaves out, and lists, the accounts it may not write to
-- instead of failing on the first. The policies still decide: were
-- this to say yes where they say no, the announcement fails whole.
CREATE FUNCTION voc_may_log_on(p_account bigint) RETURNS boolean
LANGUAGE sql STABLE
AS $$
	SELECT pg_has_role(current_user, 'kam_admin', 'MEMBER')
	    OR pg_has_role(current_user, 'kam_support', 'MEMBER')
	    OR kam.can_write_account(p_account)
$$;

-- An announcement on topic p_topic (a name as users type it; a merged
-- name stands for its topic) to every customer who raised it since
-- p_since in the view's reach (p_team, p_mine as voc_items): every open
-- item on it that the caller may write (its row locks under the UPDATE
-- policies, and the caller may log on its account) is answered by one
-- outbound entry a account, p_message its body, and the item moves to
-- answered. One row a item the caller can see, touched or not, with the
-- contact who raised it; answer_id the entry that told them. p_dry_run:
-- the same rows, nothing written.
CREATE FUNCTION voc_announce(p_topic text, p_since timestamptz, p_team text,
    p_mine boolean, p_message text, p_dry_run boolean)
RETURNS TABLE (item_id bigint, account_id bigint, account text,
    contact_id bigint, contact text, email text, subject text,
    touched boolean, answer_id bigint)
LANGUAGE plpgsql
AS $$
DECLARE
	ids bigint[] := kam.topic_ids_of(p_topic, false);
	name text;
	cand bigint[];
	mine bigint[];
	answers bigint[];
	accounts bigint[];
BEGIN
	IF ids IS NULL OR cardinality(ids) <> 1 THEN
		RAISE EXCEPTION 'no topic "%"', p_topic
		      USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF NOT p_dry_run AND btrim(coalesce(p_message, ''), E' \t\r\n') = '' THEN
		RAISE EXCEPTION 'an announcement needs a message'
		      USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT t.name INTO name FROM kam.topic t WHERE t.id = ids[1];
	SELECT coalesce(array_agg(i.id), '{}') INTO cand
	  FROM kam.voc_items(p_since, p_team, p_mine) i
	 WHERE i.topic_ids @> ids AND kam.voc_is_open(i.loop_state);
	-- the rows the UPDATE policies let the caller lock are the ones they
	-- may write; the conditions again, as a row may have moved meanwhile
	IF p_dry_run THEN
		SELECT coalesce(array_agg(w.id), '{}') INTO mine
		  FROM (SELECT i.id FROM kam.interaction i
		         WHERE i.id = ANY (cand) AND i.topic_ids @> ids
		           AND kam.voc_is_open(i.loop_state)
		           AND kam.voc_may_log_on(i.account_id)
		           FOR KEY SHARE) w;
	ELSE
		SELECT coalesce(array_agg(w.id), '{}') INTO mine
		  FROM (SELECT i.id FROM kam.interaction i
		         WHERE i.id = ANY (cand) AND i.topic_ids @> ids
		           AND kam.voc_is_open(i.loop_state)
		           AND kam.voc_may_log_on(i.account_id)
		         ORDER BY i.id FOR UPDATE) w;
		-- two statements: the answers must exist before the items
		-- name them (the loop's trigger looks them up)
		WITH told AS (
			INSERT INTO kam.interaction (account_id, contact_id, channel,
			                             direction, subject, body)
			SELECT i.account_id,
			       CASE WHEN count(DISTINCT i.contact_id) = 1
			            AND count(i.contact_id) = count(*)
			            THEN min(i.contact_id) END,
			       CASE WHEN pg_has_role(current_user, 'kam_support', 'MEMBER')
			            THEN 'ticket' ELSE 'email' END,
			       'outbound', 'Announcement: ' || name, p_message
			  FROM kam.interaction i
			 WHERE i.id = ANY (mine)
			 GROUP BY i.account_id
			RETURNING interaction.id, interaction.account_id)
		SELECT coalesce(array_agg(told.id), '{}'),
		       coalesce(array_agg(told.account_id), '{}')
		  INTO answers, accounts FROM told;
		UPDATE kam.interaction i
		   SET loop_state = 'answered', answer_id = e.id
		  FROM unnest(answers, accounts) e (id, account_id)
		 WHERE i.id = ANY (mine) AND i.account_id = e.account_id;
	END IF;
	RETURN QUERY
	SELECT i.id, i.account_id, a.name, c.id, c.name, c.email, i.subject,
	       i.id = ANY (mine), CASE WHEN i.id = ANY (mine) THEN i.answer_id END
	  FROM kam.interaction i
	  JOIN kam.account a ON a.id = i.account_id
	  LEFT JOIN kam.contact c ON c.id = i.contact_id
	 WHERE i.id = ANY (cand)
	 ORDER BY a.name, a.id, i.id;
END
$$;

GRANT EXECUTE ON FUNCTION voc_measures(timestamptz, text, boolean),
	voc_may_log_on(bigint),
	voc_announce(text, timestamptz, text, boolean, text, boolean)
	TO kam_manager, kam_support, kam_admin;
