-- Voice of the customer, part 10 (issue 14, "Speed"): a manager's own
-- cloud of a year (anna's 16 500 accounts on the generated data) took
-- 150 ms in a new session against a target of 100 ms, 38 ms warm. The
-- difference is the pages: a new backend pays for every shared buffer
-- it touches for the first time (a bitmap scan of 4 904 pages of
-- accounts took 75 to 146 ms as a session's first statement, 10 ms
-- after), and the statement touched about 18 000, most of them for rows
-- it did not keep:
--
-- account_owner  "one of my accounts?" was answered by reading account
--     rows: a hash of all 16 554 of anna's read their 4 904 heap pages,
--     and a lookup an item read the account's page. The index now holds
--     the id beside the owner, so either is answered from the index (67
--     pages for the hash, her own few leaves for a lookup).
-- voc_count_owner  her kept counts of a year (9 208 rows) were read from
--     1 777 heap pages; the index now carries what the cloud reads of
--     them (114 pages). The counts change by their own triggers, so an
--     update is no longer HOT there; they are a few rows a statement.
-- voc_open  each of the three walks (due, due early, no due time) read
--     every item it passed from the table, to learn whose account it is
--     (1 173 item pages for 200 of anna's): the walks now take the key,
--     the times and the account from the index alone, and only the
--     p_limit items shown are read, by their key (the walk without a due
--     time says so as a constant: its index does not hold the column).
--     And it is PL/pgSQL now: the screen calls it WITH ORDINALITY, which
--     PostgreSQL does not inline, so as SQL it was planned once for any
--     arguments ("no team and not mine, or one of the accounts in reach"
--     left to each item, its account read from the table); its one
--     statement is planned here with the call's own (p_mine known), as
--     voc_cloud's is. Same rows, same order (0054's definition,
--     tests/sql/voc_kept.bats).

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

DROP INDEX account_owner;
CREATE INDEX account_owner ON account (owner_id, id);

DROP INDEX voc_count_owner;
CREATE INDEX voc_count_owner ON voc_count (owner_id, day)
	INCLUDE (team, topic_id, kind, items, open, open_due);

CREATE OR REPLACE FUNCTION voc_open(p_since timestamptz, p_team text,
    p_mine boolean, p_limit integer)
RETURNS TABLE (id bigint, account_id bigint, account text, kind text,
    state text, due timestamptz, overdue boolean, subject text, owner text)
LANGUAGE plpgsql STABLE
AS $$
BEGIN
	RETURN QUERY
SELECT i.id, i.account_id, a.name, i.feedback, i.loop_state, i.answer_due_at,
       coalesce(i.answer_due_at < now(), false), i.subject,
       (SELECT u.display_name FROM kam.app_user u WHERE u.id = i.loop_owner_id)
  FROM (SELECT k.id, k.answer_due_at, k.occurred_at
          FROM ((SELECT i.id, i.answer_due_at, i.occurred_at
                   FROM kam.voc_items(p_since, p_team, p_mine) i
                  WHERE kam.voc_is_open(i.loop_state) AND i.answer_due_at IS NOT NULL
                    AND i.answer_due_at >= coalesce(p_since, '-infinity')
                    AND i.occurred_at >= coalesce(p_since, '-infinity')
                  ORDER BY i.answer_due_at, i.occurred_at, i.id LIMIT p_limit)
                UNION ALL
                (SELECT i.id, i.answer_due_at, i.occurred_at
                   FROM kam.voc_items(p_since, p_team, p_mine) i
                  WHERE kam.voc_is_open(i.loop_state)
                    AND i.answer_due_at < i.occurred_at
                    AND i.answer_due_at < coalesce(p_since, '-infinity')
                    AND i.occurred_at >= coalesce(p_since, '-infinity')
                  ORDER BY i.answer_due_at, i.occurred_at, i.id LIMIT p_limit)
                UNION ALL
                (SELECT i.id, NULL::timestamptz, i.occurred_at
                   FROM kam.voc_items(p_since, p_team, p_mine) i
                  WHERE kam.voc_is_open(i.loop_state) AND i.answer_due_at IS NULL
                    AND i.occurred_at >= coalesce(p_since, '-infinity')
                  ORDER BY i.occurred_at, i.id LIMIT p_limit)) k
         ORDER BY k.answer_due_at NULLS LAST, k.occurred_at, k.id
         LIMIT p_limit) k
  JOIN kam.interaction i ON i.id = k.id
  JOIN kam.account a ON a.id = i.account_id
 ORDER BY k.answer_due_at NULLS LAST, k.occurred_at, k.id;
END
$$;
