-- The agenda's follow-ups kept, not worked out (issue 18, finding 7).
--
-- After 0032 the agenda read a page at a time, but its first page still
-- worked out every follow-up on the user's accounts: in date order the
-- oldest are nearly all answered by a later entry (anna's first 200 open
-- ones lay behind 135 000 answered ones), so they were found account by
-- account, 16 553 accounts for anna, 1.4 s on a quiet machine against a
-- target of 200 ms.
--
-- Whether a follow-up is still open depends on the entries logged after
-- it and on who owns its account, all of which change seldom next to
-- how often the agenda is read. So the open ones are kept, by triggers
-- on interaction and on the account's owner, in the agenda's own order,
-- for the two kinds of whose they are (kam/agenda.h):
--   follow_up_open_owned   on an account, for its owner: neither the
--                          owner nor the entry's author has logged a later
--                          entry there;
--   follow_up_open_owed    for the person to follow up, on an account of
--                          another: the last such follow-up there, while
--                          that person has logged nothing later there.
-- Each account's rows are worked out again whenever its entries or its
-- owner change: a handful of probes per open follow-up of the account.
-- Bulk loads that skip triggers (tests/gen/load, replica mode) call
-- kam.follow_ups_rebuild() after their rows are in.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE TABLE follow_up_open_owned (
	id		bigint PRIMARY KEY,
	account_id	bigint NOT NULL,
	owner_id	bigint NOT NULL,
	follow_up_on	date NOT NULL
);
CREATE INDEX follow_up_open_owned_due
	ON follow_up_open_owned (owner_id, follow_up_on, id) INCLUDE (account_id);
CREATE INDEX follow_up_open_owned_account ON follow_up_open_owned (account_id);

CREATE TABLE follow_up_open_owed (
	id			bigint PRIMARY KEY,
	account_id		bigint NOT NULL,
	follow_up_owner_id	bigint NOT NULL,
	follow_up_on		date NOT NULL
);
CREATE INDEX follow_up_open_owed_due ON follow_up_open_owed
	(follow_up_owner_id, follow_up_on, id) INCLUDE (account_id);
CREATE INDEX follow_up_open_owed_account ON follow_up_open_owed (account_id);

-- A kept row is read by whoever may read its entry, by the entry's own
-- policies: no second set of rules to keep in step. Only the owner (the
-- triggers below) writes them.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['follow_up_open_owned', 'follow_up_open_owed'] LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY kam_owner_keep ON %I FOR ALL TO kam_owner '
		    'USING (true) WITH CHECK (true)', t);
		EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', t);
		EXECUTE format('GRANT SELECT ON %I TO kam_manager, kam_support, kam_admin', t);
		EXECUTE format('CREATE POLICY entry_readable ON %1$I FOR SELECT '
		    'USING (EXISTS (SELECT FROM kam.interaction i WHERE i.id = %1$I.id))', t);
	END LOOP;
END
$$;

-- Works out again the open follow-ups of the given accounts: their rows
-- go and their entries' present state says what comes back (a DELETE in
-- a WITH may run after the INSERT beside it, hence three statements).
CREATE FUNCTION follow_ups_recount(accounts bigint[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	DELETE FROM follow_up_open_owned WHERE account_id = ANY (accounts);
	DELETE FROM follow_up_open_owed WHERE account_id = ANY (accounts);
	INSERT INTO follow_up_open_owned
	SELECT y.id, y.account_id, a.owner_id, y.follow_up_on
	  FROM account a JOIN interaction y ON y.account_id = a.id
	 WHERE a.id = ANY (accounts) AND a.owner_id IS NOT NULL
	   AND y.follow_up_on IS NOT NULL AND y.follow_up_done_at IS NULL
	   AND NOT EXISTS (SELECT FROM interaction j
	                    WHERE j.account_id = y.account_id
	                      AND j.author_id IN (a.owner_id, y.author_id)
	                      AND j.occurred_at > y.occurred_at);
	INSERT INTO follow_up_open_owed
	SELECT y.id, y.account_id, y.follow_up_owner_id, y.follow_up_on
	  FROM account a JOIN interaction y ON y.account_id = a.id
	 WHERE a.id = ANY (accounts)
	   AND y.follow_up_on IS NOT NULL AND y.follow_up_done_at IS NULL
	   AND a.owner_id IS DISTINCT FROM y.follow_up_owner_id
	   AND NOT EXISTS (SELECT FROM interaction n
	                    WHERE n.account_id = y.account_id
	                      AND n.follow_up_owner_id = y.follow_up_owner_id
	                      AND n.follow_up_on IS NOT NULL
	                      AND n.follow_up_done_at IS NULL
	                      AND (n.occurred_at, n.id) > (y.occurred_at, y.id))
	   AND NOT EXISTS (SELECT FROM interaction j
	                    WHERE j.account_id = y.account_id
	                      AND j.author_id = y.follow_up_owner_id
	                      AND j.occurred_at > y.occurred_at);
END
$$;

-- Locks the given accounts, then works them out again: one writer of an
-- account's entries at a time, each seeing what the one before committed
-- (two people logging on one account at once would each work it out
-- without the other's entry). The entries' foreign key takes FOR KEY
-- SHARE, which does not wait for this.
CREATE FUNCTION follow_ups_keep_accounts(accounts bigint[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	IF accounts IS NULL THEN
		RETURN;
	END IF;
	PERFORM FROM account WHERE id = ANY (accounts) ORDER BY id
	    FOR NO KEY UPDATE;
	PERFORM follow_ups_recount(accounts);
END
$$;

-- Once a statement, from its transition tables: a COPY of thousands of
-- entries works out each of its accounts once. Updates count only when
-- they touch what the rules read.
CREATE FUNCTION follow_ups_keep() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	touched bigint[];
BEGIN
	IF TG_OP = 'INSERT' THEN
		SELECT array_agg(DISTINCT account_id) INTO touched FROM new_rows;
	ELSIF TG_OP = 'DELETE' THEN
		SELECT array_agg(DISTINCT account_id) INTO touched FROM old_rows;
	ELSE
		SELECT array_agg(DISTINCT x.account_id) INTO touched
		  FROM old_rows o JOIN new_rows n ON n.id = o.id
		 CROSS JOIN LATERAL (VALUES (o.account_id), (n.account_id)) x (account_id)
		 WHERE (o.account_id, o.author_id, o.occurred_at, o.follow_up_on,
		        o.follow_up_done_at, o.follow_up_owner_id)
		       IS DISTINCT FROM
		       (n.account_id, n.author_id, n.occurred_at, n.follow_up_on,
		        n.follow_up_done_at, n.follow_up_owner_id);
	END IF;
	PERFORM follow_ups_keep_accounts(touched);
	RETURN NULL;
END
$$;

CREATE TRIGGER follow_ups_keep_insert AFTER INSERT ON interaction
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION follow_ups_keep();
CREATE TRIGGER follow_ups_keep_update AFTER UPDATE ON interaction
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION follow_ups_keep();
CREATE TRIGGER follow_ups_keep_delete AFTER DELETE ON interaction
	REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION follow_ups_keep();

-- An account given to another owner: whose its follow-ups are changes.
CREATE FUNCTION follow_ups_keep_owner() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	IF NEW.owner_id IS DISTINCT FROM OLD.owner_id THEN
		PERFORM follow_ups_recount(ARRAY[NEW.id]);
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER follow_ups_keep_owner AFTER UPDATE OF owner_id ON account
	FOR EACH ROW EXECUTE FUNCTION follow_ups_keep_owner();

-- Every account's, from scratch: for this migration and for loads that
-- skipped the triggers.
CREATE FUNCTION follow_ups_rebuild() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	TRUNCATE follow_up_open_owned, follow_up_open_owed;
	PERFORM follow_ups_recount(ARRAY(SELECT id FROM account));
	ANALYZE follow_up_open_owned;
	ANALYZE follow_up_open_owed;
END
$$;

-- The owner locks accounts (follow_ups_keep_accounts), which forced
-- row-level security asks an UPDATE policy for.
CREATE POLICY kam_owner_update ON account FOR UPDATE TO kam_owner
	USING (true) WITH CHECK (true);

REVOKE ALL ON FUNCTION follow_ups_recount(bigint[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION follow_ups_keep_accounts(bigint[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION follow_ups_rebuild() FROM PUBLIC;
SELECT follow_ups_rebuild();

-- One page of the user's agenda (0032), its follow-ups from the rows kept
-- above: forwards and backwards alike, in date order.
CREATE OR REPLACE FUNCTION agenda_page(after text, lim integer,
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
		-- on the user's accounts, and the user's to follow up on the
		-- accounts of others: both kept, in the agenda's order
		parts := parts || format(page, format($q$
		y.follow_up_on, 1, y.id, y.account_id, NULL::text, true
		  FROM kam.follow_up_open_owned y
		 WHERE y.owner_id = $1
		   AND y.follow_up_on <= current_date AND y.follow_up_on < $7
		   AND (y.follow_up_on, y.id) %1$s ($2, $3)$q$, cmp));
		parts := parts || format(page, format($q$
		y.follow_up_on, 1, y.id, y.account_id, NULL::text, true
		  FROM kam.follow_up_open_owed y
		 WHERE y.follow_up_owner_id = $1
		   AND y.follow_up_on <= current_date AND y.follow_up_on < $7
		   AND (y.follow_up_on, y.id) %1$s ($2, $3)$q$, cmp));
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
		   -- the same, as the index reads it: not from the year's start
		   AND coalesce(q.annual_talk_on, make_date(q.year, 12, 31)) >= current_date
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

