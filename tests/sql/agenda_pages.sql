-- Planted data for tests/sql/agenda_pages.bats, on the screen tests' data:
-- 80 accounts of anna, bo, david or nobody, 4 000 entries by any of them
-- and sam at distinct moments, follow-ups past and ahead, done or not,
-- handed to another; plans of this year and last, closed or not, talks
-- set, unset, past, ahead, held; actions of anyone or no one, open or not.
-- Random, but the same each run.
SELECT setseed(0.18);

CREATE TEMP TABLE who AS
SELECT array_agg(id ORDER BY role_name) AS ids FROM kam.app_user
 WHERE role_name IN ('anna', 'bo', 'david', 'sam');	-- anna bo david sam

INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city)
SELECT 'AP' || g, 'Agenda Page ' || g, 'standard',
       CASE WHEN g % 9 = 0 THEN NULL ELSE w.ids[1 + g % 3] END,
       CASE WHEN g % 3 = 1 THEN 'south' ELSE 'north' END, 'DE', 'Kiel'
  FROM generate_series(1, 80) g, who w;

-- distinct moments (13 is prime to 100 000), so that "the last entry"
-- is one entry: 0018 picked one of two at random
INSERT INTO kam.interaction (account_id, occurred_at, channel, direction,
    subject, author_id, follow_up_on, follow_up_owner_id, follow_up_done_at)
SELECT a.id, now() - ((g * 13) % 100000 || ' minutes')::interval, 'call',
       'outbound', 'Planted ' || g, x.author, x.fu,
       CASE WHEN x.fu IS NULL THEN NULL WHEN random() < 0.15
            THEN w.ids[1 + (g % 4)] ELSE x.author END,
       CASE WHEN x.fu IS NOT NULL AND random() < 0.1 THEN now() END
  FROM generate_series(1, 4000) g, who w,
       LATERAL (SELECT w.ids[1 + floor(random() * 4)::int] AS author,
                       CASE WHEN random() < 0.45
                            THEN current_date + floor(random() * 80)::int - 60
                       END AS fu, g AS k) x
  JOIN kam.account a ON a.erp_id = 'AP' || (1 + x.k % 80);

INSERT INTO kam.account_plan (account_id, year, annual_talk_on, talk_held_on, status)
SELECT a.id, extract(year FROM current_date)::int + y,
       CASE WHEN r < 0.2 THEN NULL ELSE current_date + floor(random() * 60)::int - 20 END,
       CASE WHEN y = 0 AND random() < 0.3 THEN current_date - 1 END,
       CASE WHEN random() < 0.15 THEN 'closed' WHEN y < 0 THEN 'closed' ELSE 'active' END
  FROM kam.account a, generate_series(-1, 0) y, LATERAL (SELECT random() AS r, y AS k) z
 WHERE a.erp_id LIKE 'AP%';
-- a talk's day ahead and already held: 0018 listed it, the client did not
UPDATE kam.account_plan SET annual_talk_on = current_date + 3
 WHERE talk_held_on IS NOT NULL AND (annual_talk_on IS NULL OR annual_talk_on < current_date);

INSERT INTO kam.plan_action (plan_id, title, kind, owner_id, due_on, status)
SELECT p.id, 'Planted step ' || g, 'other',
       CASE WHEN x.r < 0.3 THEN NULL ELSE w.ids[1 + floor(x.r * 10)::int % 3] END,
       current_date + floor(random() * 60)::int - 40,
       CASE WHEN random() < 0.7 THEN 'open' ELSE 'done' END
  FROM kam.account_plan p CROSS JOIN generate_series(1, 4) g CROSS JOIN who w,
       LATERAL (SELECT random() AS r, g AS k) x
 WHERE p.account_id IN (SELECT id FROM kam.account WHERE erp_id LIKE 'AP%');
ANALYZE;

-- The client's list of before, one line a row: the old function, keyed,
-- held talks left out, then filtered and sorted by the key.
CREATE FUNCTION public.old_agenda(overdue boolean, only_kind text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce(string_agg(concat_ws('|', r.sort_key, r.due, r.ord, r.id,
	       r.kind, r.account_id, r.account, r.what, r.dated), E'\n'
	       ORDER BY r.sort_key), '')
	  FROM (SELECT to_char(m.due, 'YYYY-MM-DD') || ' ' || m.ord || ' '
	               || lpad(m.id::text, 19, '0') COLLATE "C" AS sort_key, m.*
	          FROM kam.agenda_items_0018() m
	         WHERE CASE WHEN m.kind = 'talk' THEN NOT kam.talk_held(m.id)
	               ELSE true END) r
	 WHERE (NOT overdue OR r.due < current_date)
	   AND (only_kind IS NULL OR r.kind = only_kind)
$$;

-- The same read the way the client reads it: pages of lim rows, each
-- from the key of the one before (backwards: the one after), until a
-- page comes short.
CREATE FUNCTION public.paged(overdue boolean, only_kind text, backwards boolean,
    lim integer) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
	k text;
	n integer;
	page text[];
	lines text[] := '{}';
	edge text;
BEGIN
	LOOP
		SELECT array_agg(concat_ws('|', p.sort_key, p.due, p.ord, p.id,
		       p.kind, p.account_id, p.account, p.what, p.dated)
		       ORDER BY p.sort_key), count(*),
		       CASE WHEN backwards THEN min(p.sort_key) ELSE max(p.sort_key) END
		  INTO page, n, edge
		  FROM kam.agenda_page(k, lim, overdue, only_kind, backwards) p;
		IF n > lim THEN
			RAISE EXCEPTION 'a page of % rows, asked for %', n, lim;
		END IF;
		lines := CASE WHEN backwards THEN coalesce(page, '{}') || lines
		              ELSE lines || coalesce(page, '{}') END;
		EXIT WHEN n < lim;
		k := edge;
	END LOOP;
	RETURN array_to_string(lines, E'\n');
END
$$;
