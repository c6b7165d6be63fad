-- Big users' agenda and History, a page at a time (issue 18, finding 7).
--
-- kam.agenda_items() worked out all of a user's items for every page the
-- agenda showed: 1.7 s for anna (16 553 accounts, 36 465 items) and for
-- sam (support, 16 782), and G read every page to the last. agenda_page()
-- below gives one page: each kind of item is read in the agenda's order
-- (due, then the kind's rank, then id) from the page's key, and stops
-- after the page's rows; only the rows of the page are told in words.
-- Backwards it gives the page before a key, which is how G reaches the
-- last page without the ones before. Follow-ups on the user's own
-- accounts are the exception going forwards: the oldest are nearly all
-- answered by a later entry (anna's first page lay behind 135 000
-- answered ones), so they are still found account by account, each from
-- the user's last entry there, and only then sorted.
--
-- Whose items, as in 0008 and 0018 (kam/agenda.h): a follow-up on an
-- account the user owns is open while neither the user nor its author has
-- logged a later entry there; of the follow-ups the user is to follow up
-- on another's account only the last one on each account counts, while
-- the user has logged nothing later there. A done follow-up is never due.
-- One rule changes nothing but chance: two such follow-ups logged at the
-- same moment on one account were one picked at random (DISTINCT ON), now
-- the later id.
--
-- It runs with the rights of its caller (row-level security as ever) and
-- without JIT (see 0008). The statement is EXECUTEd: its text is fixed,
-- made of the parts this call needs (a role that may not read plans must
-- not name them), and the values are parameters, so that each call is
-- planned for its user and its key (how many accounts and actions are
-- the user's decides between reading account by account and along the
-- date order).

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- Open follow-ups in the agenda's order, with what tells whether they are
-- still open; by who is to follow up; the last one of a person on an
-- account.
CREATE INDEX interaction_open_follow_up ON interaction (follow_up_on, id)
	INCLUDE (account_id, author_id, occurred_at)
	WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL;
DROP INDEX interaction_follow_up_owner;
CREATE INDEX interaction_follow_up_owner ON interaction
	(follow_up_owner_id, follow_up_on, id) INCLUDE (account_id, occurred_at)
	WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL;
CREATE INDEX interaction_account_follow_up_owner ON interaction
	(account_id, follow_up_owner_id, occurred_at, id)
	WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL;
-- Open actions by their owner, and the unassigned ones, in date order.
DROP INDEX plan_action_due;
CREATE INDEX plan_action_due ON plan_action (owner_id, due_on, id)
	WHERE status = 'open';
CREATE INDEX plan_action_unassigned ON plan_action (due_on, id)
	WHERE owner_id IS NULL AND status = 'open';
-- Annual talks of a year by the day they are due.
CREATE INDEX account_plan_talk ON account_plan
	(year, (coalesce(annual_talk_on, make_date(year, 12, 31))), id)
	WHERE status <> 'closed';

-- History pages by (occurred_at, id) as the Changes tab pages by (at, id):
-- entries logged at the same moment need the id in the index, or every
-- page deep down reads all before it again.
DROP INDEX interaction_account;
CREATE INDEX interaction_account ON interaction (account_id, occurred_at DESC, id DESC);

-- One page of the user's agenda, as the client shows it: the rows after
-- the key after (before it when backwards; NULL: from the start, or from
-- the end), at most lim of them (NULL: all), only overdue ones, only one
-- kind; a talk that took place (0020) only when held_too. sort_key orders
-- the rows (as bytes); it is the key of the next page.
CREATE FUNCTION agenda_page(after text, lim integer,
    overdue_only boolean DEFAULT false, only_kind text DEFAULT NULL,
    backwards boolean DEFAULT false, held_too boolean DEFAULT false)
RETURNS TABLE (sort_key text, due date, ord integer, id bigint, kind text,
    account_id bigint, account text, what text, dated boolean)
LANGUAGE plpgsql STABLE
SET jit = off
AS $fn$
DECLARE
	me bigint := kam.my_user_id();
	-- the key: its date, its kind's rank, its id
	k_due date;
	k_ord integer;
	k_id bigint;
	-- before that date (only overdue ones) or before none
	upto date := CASE WHEN overdue_only THEN current_date ELSE 'infinity' END;
	-- the order and the key's side
	cmp text := CASE WHEN backwards THEN '<' ELSE '>' END;
	dir text := CASE WHEN backwards THEN 'DESC' ELSE 'ASC' END;
	parts text[] := '{}';
	-- a kind's part (%s, its comparison with the key as %1$s): $1 me,
	-- $2 the key's date, $3..$5 the id each rank (1 follow-up, 2 action,
	-- 3 talk) compares with, $6 the limit, $7 upto, $8 held_too
	page text := format('(SELECT %%s ORDER BY 1 %1$s, 3 %1$s LIMIT $6)', dir);
BEGIN
	IF me IS NULL THEN
		RETURN;
	END IF;
	IF after IS NULL THEN
		k_due := CASE WHEN backwards THEN 'infinity' ELSE '-infinity' END::date;
		k_ord := CASE WHEN backwards THEN 4 ELSE 0 END;
	ELSE
		k_due := split_part(after, ' ', 1)::date;
		k_ord := split_part(after, ' ', 2)::integer;
		k_id := split_part(after, ' ', 3)::bigint;
	END IF;
	IF only_kind IS NULL OR only_kind = 'follow-up' THEN
		-- on the user's accounts: open while neither the user nor the
		-- author has logged a later entry there. From the start, account
		-- by account from the user's last entry there (the oldest are
		-- nearly all answered: in date order the first page of a user
		-- with 16 000 accounts lay behind 135 000 answered ones); from
		-- the end, in date order (the newest are mostly open).
		IF backwards THEN
			parts := parts || format(page, format($q$
		y.follow_up_on, 1, y.id, y.account_id, NULL::text, true
		  FROM kam.interaction y JOIN kam.account o ON o.id = y.account_id
		 WHERE o.owner_id = $1 AND y.follow_up_done_at IS NULL
		   AND y.follow_up_on <= current_date AND y.follow_up_on < $7
		   AND (y.follow_up_on, y.id) %1$s ($2, $3)
		   AND NOT EXISTS (SELECT FROM kam.interaction j
		                    WHERE j.account_id = y.account_id
		                      AND j.author_id IN ($1, y.author_id)
		                      AND j.occurred_at > y.occurred_at)$q$, cmp));
		ELSE
			-- the OFFSET 0 fence keeps the per-account probes probes
			parts := parts || format(page, format($q$
		y.follow_up_on, 1, y.id, y.account_id, NULL::text, true
		  FROM kam.account o
		 CROSS JOIN LATERAL (
		       SELECT z.* FROM kam.interaction z
		        WHERE z.account_id = o.id
		          AND z.occurred_at >= coalesce((
		              SELECT max(m.occurred_at) FROM kam.interaction m
		               WHERE m.account_id = o.id AND m.author_id = $1),
		              '-infinity')
		       OFFSET 0) y
		 WHERE o.owner_id = $1 AND y.follow_up_done_at IS NULL
		   AND y.follow_up_on <= current_date AND y.follow_up_on < $7
		   AND (y.follow_up_on, y.id) %1$s ($2, $3)
		   AND NOT EXISTS (SELECT FROM kam.interaction j
		                    WHERE j.account_id = y.account_id
		                      AND j.author_id = y.author_id
		                      AND j.occurred_at > y.occurred_at)$q$, cmp));
		END IF;
		-- the user's to follow up elsewhere: the last on each account,
		-- while the user has logged nothing later there
		parts := parts || format(page, format($q$
		y.follow_up_on, 1, y.id, y.account_id, NULL::text, true
		  FROM kam.interaction y JOIN kam.account o ON o.id = y.account_id
		 WHERE y.follow_up_owner_id = $1 AND y.follow_up_done_at IS NULL
		   AND y.follow_up_on <= current_date AND y.follow_up_on < $7
		   AND (y.follow_up_on, y.id) %1$s ($2, $3)
		   AND o.owner_id IS DISTINCT FROM $1
		   AND NOT EXISTS (SELECT FROM kam.interaction n
		                    WHERE n.account_id = y.account_id
		                      AND n.follow_up_owner_id = $1
		                      AND n.follow_up_on IS NOT NULL
		                      AND n.follow_up_done_at IS NULL
		                      AND (n.occurred_at, n.id) > (y.occurred_at, y.id))
		   AND NOT EXISTS (SELECT FROM kam.interaction j
		                    WHERE j.account_id = y.account_id
		                      AND j.author_id = $1
		                      AND j.occurred_at > y.occurred_at)$q$, cmp));
	END IF;
	IF has_table_privilege('kam.plan_action', 'SELECT') THEN
		IF only_kind IS NULL OR only_kind = 'action' THEN
			-- open actions due that the user owns; unassigned ones on
			-- the user's accounts
			parts := parts || format(page, format($q$
		x.due_on, 2, x.id, p.account_id, x.title || ' (' || concat_ws(', ',
		       x.kind, 'plan ' || p.year) || ')', true
		  FROM kam.plan_action x JOIN kam.account_plan p ON p.id = x.plan_id
		  JOIN kam.account a ON a.id = p.account_id
		 WHERE x.owner_id = $1 AND x.status = 'open'
		   AND x.due_on <= current_date AND x.due_on < $7
		   AND (x.due_on, x.id) %1$s ($2, $4)$q$, cmp));
			parts := parts || format(page, format($q$
		x.due_on, 2, x.id, p.account_id, x.title || ' (' || concat_ws(', ',
		       x.kind, 'plan ' || p.year, 'unassigned') || ')', true
		  FROM kam.plan_action x JOIN kam.account_plan p ON p.id = x.plan_id
		  JOIN kam.account a ON a.id = p.account_id
		 WHERE a.owner_id = $1 AND x.owner_id IS NULL AND x.status = 'open'
		   AND x.due_on <= current_date AND x.due_on < $7
		   AND (x.due_on, x.id) %1$s ($2, $4)$q$, cmp));
		END IF;
		IF only_kind IS NULL OR only_kind = 'talk' THEN
			-- this year's talks on the user's accounts, not past (not
			-- set: by the end of the year), the plan not closed
			parts := parts || format(page, format($q$
		coalesce(q.annual_talk_on, make_date(q.year, 12, 31)), 3, q.id,
		       q.account_id, 'Annual talk ' || q.year, q.annual_talk_on IS NOT NULL
		  FROM kam.account_plan q JOIN kam.account a ON a.id = q.account_id
		 WHERE a.owner_id = $1
		   AND q.year = extract(year FROM current_date)::integer
		   AND q.status <> 'closed'
		   AND (q.annual_talk_on IS NULL OR q.annual_talk_on >= current_date)
		   AND ($8 OR q.talk_held_on IS NULL)
		   AND coalesce(q.annual_talk_on, make_date(q.year, 12, 31)) < $7
		   AND (coalesce(q.annual_talk_on, make_date(q.year, 12, 31)), q.id)
		       %1$s ($2, $5)$q$, cmp));
		END IF;
	END IF;
	IF cardinality(parts) = 0 THEN
		RETURN;
	END IF;
	-- the page's rows in words: the follow-up's subject, channel, contact
	-- and author (when not the user)
	RETURN QUERY EXECUTE format($q$
	SELECT to_char(r.due, 'YYYY-MM-DD') || ' ' || r.ord || ' '
	       || lpad(r.id::text, 19, '0') COLLATE "C",
	       r.due, r.ord, r.id,
	       (ARRAY['follow-up', 'action', 'talk'])[r.ord], r.account_id, a.name,
	       coalesce(r.what, (SELECT i.subject || ' (' || concat_ws(', ', i.channel,
	           (SELECT c.name FROM kam.contact c WHERE c.id = i.contact_id),
	           (SELECT 'by ' || u.display_name FROM kam.app_user u
	             WHERE u.id = i.author_id AND u.id <> $1)) || ')'
	          FROM kam.interaction i WHERE i.id = r.id)),
	       r.dated
	  FROM (SELECT * FROM (%1$s) u (due, ord, id, account_id, what, dated)
	         ORDER BY 1 %2$s, 2 %2$s, 3 %2$s LIMIT $6) r
	  JOIN kam.account a ON a.id = r.account_id
	 ORDER BY 1$q$, array_to_string(parts, ' UNION ALL '), dir)
	USING me, k_due,
	      CASE WHEN k_ord > 1 THEN 9223372036854775807
	           WHEN k_ord < 1 THEN -9223372036854775808 ELSE k_id END,
	      CASE WHEN k_ord > 2 THEN 9223372036854775807
	           WHEN k_ord < 2 THEN -9223372036854775808 ELSE k_id END,
	      CASE WHEN k_ord > 3 THEN 9223372036854775807
	           WHEN k_ord < 3 THEN -9223372036854775808 ELSE k_id END,
	      lim, upto, held_too;
END
$fn$;

-- What is due, for psql (kam(1)): the items agenda_page() pages through,
-- a talk held before its day included, as 0018 gave them.
CREATE OR REPLACE FUNCTION agenda_items()
RETURNS TABLE (due date, ord integer, id bigint, kind text,
    account_id bigint, account text, what text, dated boolean)
LANGUAGE sql STABLE
AS $$
	SELECT p.due, p.ord, p.id, p.kind, p.account_id, p.account, p.what, p.dated
	  FROM kam.agenda_page(NULL, NULL, held_too => true) p
$$;
