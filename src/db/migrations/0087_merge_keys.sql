-- Data quality, part 9 (issue 15, item 4): a merge records the rows it
-- moves by their keys and the fields the move changed, not whole rows
-- before and after.
--
-- 0055's merge kept every row it might change in kam.merge_row: to_jsonb
-- of each before the moves (merge_keep) and again after (merge_seal, an
-- UPDATE of each record), and merge_row's foreign key was checked for each
-- record twice. For two accounts of 5 000 entries each that was most of
-- what a merge does beyond the bare moves (bench/README.md, q4's section:
-- merge_keep 6.5 s, merge_seal 1.9 s, the foreign key 0.8 s under
-- auto_explain at load 18).
--
-- Now the rows an account merge moves by their account_id, in the tables
-- whose rows carry a stamp of their last change (a touch trigger keeps
-- updated_at, and version where there is one), are recorded by the move
-- itself: one UPDATE ... FROM the same table (the row as it was) per
-- table, RETURNING each row's key, the fields the move changed as they
-- were (account_id and the stamps, and whatever a BEFORE trigger derived
-- from the new account: a complaint's due time, a phone's normal form),
-- and its stamps once moved; one row of kam.merge_move per table takes
-- them all as arrays (one foreign key check). The undo puts those fields
-- back (jsonb_populate_record over the row as it is), and refuses, as
-- before, when any of those rows changed since: its stamps are no longer
-- the merge's (touch bumps them on every write but the undo's own, which
-- puts the old ones back, so a later merge undone first leaves them as
-- this merge left them).
--
-- Whole rows, as before, for the rest: the two accounts and those that
-- point at the loser, plans folded into the winner's and their actions,
-- the tables without stamps (tickets, pauses, goodwill, team members),
-- the pair marked, and the rows the merge changes after it moved them
-- (the open follow-ups a new owner takes over, 0018; the contacts' phone
-- numbers when the winner takes the loser's country, 0023). merge_seal
-- checks that no other row was written after its move: that would be a
-- change its record does not undo.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE TABLE merge_move (
	merge_id	bigint NOT NULL REFERENCES merge ON DELETE CASCADE,
	table_name	text NOT NULL,
	row_ids		bigint[] NOT NULL,
	befores		jsonb[] NOT NULL,	-- the fields the move changed, as they were
	stamps		timestamptz[] NOT NULL,	-- updated_at once moved
	versions	integer[],		-- version once moved, where the table has one
	PRIMARY KEY (merge_id, table_name)
);
ALTER TABLE merge_move ENABLE ROW LEVEL SECURITY;
ALTER TABLE merge_move FORCE ROW LEVEL SECURITY;
REVOKE ALL ON merge_move FROM PUBLIC;
GRANT SELECT ON merge_move TO kam_admin;
CREATE POLICY kam_admin_read ON merge_move FOR SELECT TO kam_admin USING (true);
CREATE POLICY kam_owner_all ON merge_move TO kam_owner USING (true) WITH CHECK (true);

-- The tables an account merge moves whose rows it records by key: those
-- with a touch trigger (0002), whose stamps tell a later change.
CREATE FUNCTION merge_keyed_tables() RETURNS text[]
LANGUAGE sql STABLE
AS $$
	SELECT ARRAY(SELECT c.relname::text
	               FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
	              WHERE c.relnamespace = 'kam'::regnamespace AND g.tgname = 'touch'
	                AND c.relname = ANY (kam.merge_account_tables() || '{account_plan}'::text[])
	              ORDER BY 1)
$$;

CREATE FUNCTION merge_versioned(p_table text) RETURNS boolean
LANGUAGE sql STABLE
AS $$
	SELECT EXISTS (SELECT FROM pg_attribute a
	                WHERE a.attrelid = ('kam.' || quote_ident(p_table))::regclass
	                  AND a.attname = 'version' AND NOT a.attisdropped)
$$;

-- The statement that moves p_table's rows from the loser ($2) to the
-- winner ($1) and records them for merge $3: two CTEs, m_ and k_, for a
-- WITH list. o is the row as it was, x as moved; the fields that differ
-- besides account_id and the stamps are compared all at once first (most
-- rows differ in those alone). Names from the catalogue only.
CREATE FUNCTION merge_move_sql(p_table text) RETURNS text
LANGUAGE sql STABLE
AS $$
	SELECT format('m_%1$s AS (UPDATE kam.%1$I x SET account_id = $1 FROM kam.%1$I o'
	    ' WHERE x.account_id = $2 AND o.account_id = $2 AND o.id = x.id'
	    ' RETURNING x.id, jsonb_build_object(''account_id'', o.account_id,'
	    ' ''updated_at'', o.updated_at%2$s) || CASE WHEN (%3$s) IS NOT DISTINCT FROM (%4$s)'
	    ' THEN ''{}''::jsonb ELSE %5$s END AS d, x.updated_at AS at, %6$s AS v),'
	    ' k_%1$s AS (INSERT INTO kam.merge_move (merge_id, table_name, row_ids, befores,'
	    ' stamps, versions) SELECT $3, %1$L, array_agg(m.id ORDER BY m.id),'
	    ' array_agg(m.d ORDER BY m.id), array_agg(m.at ORDER BY m.id),'
	    ' array_agg(m.v ORDER BY m.id) FROM m_%1$s m'
	    ' WHERE NOT EXISTS (SELECT FROM kam.merge_row r WHERE r.merge_id = $3'
	    ' AND r.table_name = %1$L AND r.row_id = m.id) HAVING count(*) > 0 RETURNING 1)',
	    p_table,
	    CASE WHEN kam.merge_versioned(p_table) THEN ', ''version'', o.version' ELSE '' END,
	    string_agg('o.' || quote_ident(c.attname), ', ' ORDER BY c.attnum),
	    string_agg('x.' || quote_ident(c.attname), ', ' ORDER BY c.attnum),
	    string_agg(format('CASE WHEN o.%1$I IS DISTINCT FROM x.%1$I'
	        ' THEN jsonb_build_object(%1$L, o.%1$I) ELSE ''{}''::jsonb END', c.attname),
	        ' || ' ORDER BY c.attnum),
	    CASE WHEN kam.merge_versioned(p_table) THEN 'x.version' ELSE 'NULL::integer' END)
	  FROM pg_attribute c
	 WHERE c.attrelid = ('kam.' || quote_ident(p_table))::regclass
	   AND c.attnum > 0 AND NOT c.attisdropped AND c.attgenerated = ''
	   AND c.attname NOT IN ('id', 'account_id', 'updated_at', 'version')
$$;

-- How many of the rows merge p_merge recorded by key are gone or were
-- written since it moved them (their stamps are not those it left).
CREATE FUNCTION merge_moved_changed(p_merge bigint) RETURNS bigint
LANGUAGE plpgsql STABLE
AS $$
DECLARE
	v_changed bigint := 0;
	v_n bigint;
	t text;
BEGIN
	FOR t IN SELECT m.table_name FROM kam.merge_move m WHERE m.merge_id = p_merge LOOP
		EXECUTE format('SELECT count(*) FROM kam.merge_move m CROSS JOIN LATERAL'
		    ' unnest(m.row_ids, m.stamps, m.versions) u (id, at, v)'
		    ' LEFT JOIN kam.%1$I x ON x.id = u.id WHERE m.merge_id = $1'
		    ' AND m.table_name = %1$L AND (x.id IS NULL OR x.updated_at <> u.at%2$s)',
		    t, CASE WHEN kam.merge_versioned(t) THEN ' OR x.version <> u.v' ELSE '' END)
		INTO v_n USING p_merge;
		v_changed := v_changed + v_n;
	END LOOP;
	RETURN v_changed;
END
$$;

-- 0055's seal, and the check that its record by key is whole: a row the
-- merge wrote again after moving it would keep that change on undo.
CREATE OR REPLACE FUNCTION merge_seal(p_merge bigint) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
	t text;
BEGIN
	FOR t IN SELECT DISTINCT r.table_name FROM kam.merge_row r
	          WHERE r.merge_id = p_merge LOOP
		EXECUTE format('UPDATE kam.merge_row r SET after = to_jsonb(x)'
		    ' FROM kam.%I x WHERE r.merge_id = $1 AND r.table_name = %L'
		    ' AND x.id = r.row_id', t, t) USING p_merge;
	END LOOP;
	DELETE FROM kam.merge_row r WHERE r.merge_id = p_merge
	   AND r.before IS NOT DISTINCT FROM r.after;
	IF kam.merge_moved_changed(p_merge) > 0 THEN
		RAISE EXCEPTION 'merge % wrote rows again after moving them', p_merge
		      USING ERRCODE = 'internal_error',
		            HINT = 'Their record would not undo that: keep them whole (merge_keep).';
	END IF;
END
$$;

CREATE OR REPLACE FUNCTION merge_accounts_now(p_winner bigint, p_loser bigint,
    p_from_loser text[]) RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
	v_id bigint;
	v_fields text[];
	v_moves text := '';
	v_was jsonb;
	v_keyed text[] := kam.merge_keyed_tables();
	t text;
BEGIN
	SELECT o.merge_id, o.fields, o.was INTO v_id, v_fields, v_was
	  FROM kam.merge_open('account', p_winner, p_loser, p_from_loser) o;

	-- Whole rows: what the moves below do not record by key.
	PERFORM kam.merge_keep(v_id, 'account', 'x.id IN ($1, $2)'
	    ' OR x.parent_id = $2 OR x.merged_into = $2', p_winner, p_loser);
	FOREACH t IN ARRAY kam.merge_account_tables() || '{account_plan,team_member}'::text[] LOOP
		IF t <> ALL (v_keyed) THEN
			PERFORM kam.merge_keep(v_id, t, 'x.account_id = $2', p_winner, p_loser);
		END IF;
	END LOOP;
	PERFORM kam.merge_keep(v_id, 'account_plan', '(x.account_id = $1 AND x.year IN'
	    ' (SELECT p.year FROM kam.account_plan p WHERE p.account_id = $2))'
	    ' OR (x.account_id = $2 AND x.year IN'
	    ' (SELECT p.year FROM kam.account_plan p WHERE p.account_id = $1))',
	    p_winner, p_loser);
	PERFORM kam.merge_keep(v_id, 'plan_action', 'x.plan_id IN (SELECT p.id FROM'
	    ' kam.account_plan p WHERE p.account_id = $2)', p_winner, p_loser);
	-- a new owner takes over the open follow-ups (0018's hand_over), the
	-- moved ones too
	IF 'owner_id' = ANY (v_fields) THEN
		PERFORM kam.merge_keep(v_id, 'interaction', 'x.account_id IN ($1, $2)'
		    ' AND x.follow_up_on IS NOT NULL AND x.follow_up_done_at IS NULL',
		    p_winner, p_loser);
	END IF;
	-- a new country writes the phones' normal forms again (0023's phones_e164)
	IF 'country' = ANY (v_fields) THEN
		PERFORM kam.merge_keep(v_id, 'contact', 'x.account_id = $2', p_winner, p_loser);
	END IF;

	-- Two plans of one year become the winner's: the loser's actions move
	-- into it, its empty fields take the loser's values, the loser's plan goes.
	UPDATE kam.plan_action a SET plan_id = w.id
	  FROM kam.account_plan l JOIN kam.account_plan w
	    ON w.account_id = p_winner AND w.year = l.year
	 WHERE l.account_id = p_loser AND a.plan_id = l.id;
	UPDATE kam.account_plan w
	   SET annual_talk_on = coalesce(w.annual_talk_on, l.annual_talk_on),
	       talk_held_on = coalesce(w.talk_held_on, l.talk_held_on),
	       revenue_target = coalesce(w.revenue_target, l.revenue_target),
	       objectives = CASE WHEN coalesce(w.objectives, '') = '' THEN l.objectives
	                         WHEN coalesce(l.objectives, '') = '' THEN w.objectives
	                         ELSE w.objectives || E'\n\n' || l.objectives END,
	       innovation_access = w.innovation_access OR l.innovation_access
	  FROM kam.account_plan l
	 WHERE w.account_id = p_winner AND l.account_id = p_loser AND l.year = w.year;
	DELETE FROM kam.account_plan l USING kam.account_plan w
	 WHERE l.account_id = p_loser AND w.account_id = p_winner AND w.year = l.year;

	-- One statement: a contact and the entries and service levels that
	-- name it (with its account) move together, as their keys demand; the
	-- keyed tables record what they moved as they move it.
	FOREACH t IN ARRAY kam.merge_account_tables() || '{account_plan}'::text[] LOOP
		v_moves := v_moves || CASE WHEN v_moves = '' THEN 'WITH ' ELSE ', ' END
		    || CASE WHEN t = ANY (v_keyed) THEN kam.merge_move_sql(t)
		       ELSE format('m_%s AS (UPDATE kam.%I SET account_id = $1'
		           ' WHERE account_id = $2 RETURNING 1)', t, t) END;
	END LOOP;
	EXECUTE v_moves || ', m_team AS (UPDATE kam.team_member x SET account_id = $1'
	    ' WHERE x.account_id = $2 AND NOT EXISTS (SELECT FROM kam.team_member w'
	    ' WHERE w.account_id = $1 AND w.role = x.role) RETURNING 1) SELECT'
	USING p_winner, p_loser, v_id;

	UPDATE kam.account SET parent_id = CASE WHEN id = p_winner THEN NULL ELSE p_winner END
	 WHERE parent_id = p_loser;
	UPDATE kam.account SET merged_into = p_winner WHERE merged_into = p_loser;
	PERFORM kam.merge_take_fields('account', p_winner, p_loser, v_fields);
	UPDATE kam.account SET merged_into = p_winner, status = 'churned'
	 WHERE id = p_loser;
	PERFORM kam.merge_close('account', v_id, p_winner, p_loser, v_was);
	RETURN v_id;
END
$$;

-- 0055's summary, the rows recorded by key counted as moved.
CREATE OR REPLACE FUNCTION merge_summary(p_merge bigint)
RETURNS TABLE (what text, detail text)
LANGUAGE sql STABLE
AS $$
	SELECT s.what, s.detail FROM (
	SELECT 1 AS o, n.t AS what,
	       concat_ws(', ', nullif(sum(n.moved), 0) || ' moved',
	           nullif(sum(n.changed), 0) || ' changed',
	           nullif(sum(n.folded), 0) || ' folded into the winner''s') AS detail
	  FROM (SELECT r.table_name AS t,
	               count(*) FILTER (WHERE r.after IS NOT NULL AND kam.merge_moved(r)) AS moved,
	               count(*) FILTER (WHERE r.after IS NOT NULL AND NOT kam.merge_moved(r)) AS changed,
	               count(*) FILTER (WHERE r.after IS NULL) AS folded
	          FROM kam.merge_row r JOIN kam.merge m ON m.id = r.merge_id
	         WHERE r.merge_id = p_merge AND r.before IS NOT NULL
	           AND NOT (r.table_name = m.kind AND r.row_id IN (m.winner_id, m.loser_id))
	         GROUP BY r.table_name
	        UNION ALL
	        SELECT k.table_name, cardinality(k.row_ids), 0, 0
	          FROM kam.merge_move k WHERE k.merge_id = p_merge) n
	 GROUP BY n.t
	UNION ALL
	SELECT 2, m.kind || '.' || k,
	       coalesce(r.before ->> k, '(empty)') || ' -> ' || coalesce(r.after ->> k, '(empty)')
	  FROM kam.merge m JOIN kam.merge_row r ON r.merge_id = m.id
	   AND r.table_name = m.kind AND r.row_id = m.winner_id
	 CROSS JOIN LATERAL jsonb_object_keys(r.after) k
	 WHERE m.id = p_merge AND k NOT IN ('version', 'updated_at')
	   AND (r.before -> k) IS DISTINCT FROM (r.after -> k)
	UNION ALL
	SELECT 3, 'tombstone', m.kind || ' ' || m.loser_id || ' points to ' || m.winner_id
	  FROM kam.merge m WHERE m.id = p_merge
	UNION ALL
	SELECT 4, 'not_duplicate', 'pair marked' FROM kam.merge_row r
	 WHERE r.merge_id = p_merge AND r.table_name = 'not_duplicate' AND r.before IS NULL
	) s ORDER BY s.o, s.what
$$;

-- 0074's items, those recorded by key too.
CREATE OR REPLACE FUNCTION merge_voc_items(p_merge bigint, p_sign integer)
RETURNS kam.voc_delta[]
LANGUAGE sql STABLE
AS $$
	WITH ids AS (
		SELECT r.row_id AS id FROM kam.merge_row r
		 WHERE r.merge_id = p_merge AND r.table_name = 'interaction'
		UNION
		SELECT unnest(k.row_ids) FROM kam.merge_move k
		 WHERE k.merge_id = p_merge AND k.table_name = 'interaction'
		UNION
		SELECT i.id FROM kam.interaction i
		 WHERE i.account_id IN (SELECT r.row_id FROM kam.merge_row r
		                  WHERE r.merge_id = p_merge AND r.table_name = 'account'
		                    AND (r.before -> 'owner_id', r.before -> 'team')
		                        IS DISTINCT FROM (r.after -> 'owner_id', r.after -> 'team'))
	)
	SELECT ARRAY(
	SELECT ROW(i.account_id, a.owner_id, a.team, i.occurred_at, i.feedback,
	           i.topic_ids, i.loop_state, i.answer_due_at, p_sign)::kam.voc_delta
	  FROM ids JOIN kam.interaction i ON i.id = ids.id
	  JOIN kam.account a ON a.id = i.account_id
	 WHERE i.feedback <> 'none')
$$;

-- 0074's undo, the rows recorded by key put back by key: the fields the
-- move changed over the row as it is.
CREATE OR REPLACE FUNCTION unmerge(p_merge bigint)
RETURNS TABLE (merge_id bigint, what text, detail text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
DECLARE
	m kam.merge;
	v_changed bigint := 0;
	v_n bigint;
	v_tables text[];
	v_sql text := '';
	v_was jsonb;
	v_voc kam.voc_delta[];
	t text;
BEGIN
	SELECT * INTO m FROM kam.merge x WHERE x.id = p_merge FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no merge %', p_merge USING ERRCODE = 'no_data_found';
	END IF;
	v_tables := ARRAY(SELECT r.table_name FROM kam.merge_row r WHERE r.merge_id = p_merge
	                  UNION
	                  SELECT k.table_name FROM kam.merge_move k WHERE k.merge_id = p_merge
	                  ORDER BY 1);
	-- tables before rows, as in a merge
	v_was := kam.merge_triggers_off(v_tables, kam.merge_bulk_tables(), true);
	PERFORM kam.merge_check(m.kind, m.winner_id, m.loser_id, true);
	IF m.undone_at IS NOT NULL THEN
		RAISE EXCEPTION 'merge % was undone already, on %', p_merge, m.undone_at
		      USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- an undo that would put back an older row would lose a change
	FOREACH t IN ARRAY v_tables LOOP
		EXECUTE format('SELECT count(*) FROM kam.merge_row r LEFT JOIN kam.%I x'
		    ' ON x.id = r.row_id WHERE r.merge_id = $1 AND r.table_name = %L'
		    ' AND to_jsonb(x) IS DISTINCT FROM r.after', t, t)
		INTO v_n USING p_merge;
		v_changed := v_changed + v_n;
	END LOOP;
	v_changed := v_changed + kam.merge_moved_changed(p_merge);
	IF v_changed > 0 THEN
		RAISE EXCEPTION 'merge % cannot be undone: % of the rows it changed changed since',
		      p_merge, v_changed
		      USING ERRCODE = 'object_not_in_prerequisite_state',
		            HINT = 'Undo those changes first, or merge the other way round.';
	END IF;
	RETURN QUERY SELECT p_merge, s.what, s.detail FROM kam.merge_summary(p_merge) s;
	-- One statement, so that keys that point at each other (a contact and
	-- the entries naming it, a plan and its actions) are checked once all
	-- is back.
	FOREACH t IN ARRAY v_tables LOOP
		v_sql := v_sql || format('%s d_%2$s AS (DELETE FROM kam.%2$I x USING kam.merge_row r'
		    ' WHERE r.merge_id = $1 AND r.table_name = %2$L AND r.before IS NULL'
		    ' AND x.id = r.row_id RETURNING 1),'
		    ' i_%2$s AS (INSERT INTO kam.%2$I (%3$s) OVERRIDING SYSTEM VALUE'
		    ' SELECT %4$s FROM kam.merge_row r, jsonb_populate_record(NULL::kam.%2$I, r.before) b'
		    ' WHERE r.merge_id = $1 AND r.table_name = %2$L AND r.after IS NULL RETURNING 1),'
		    ' u_%2$s AS (UPDATE kam.%2$I x SET (%5$s) = (SELECT %6$s)'
		    ' FROM kam.merge_row r, jsonb_populate_record(NULL::kam.%2$I, r.before) b'
		    ' WHERE r.merge_id = $1 AND r.table_name = %2$L AND r.before IS NOT NULL'
		    ' AND r.after IS NOT NULL AND x.id = r.row_id RETURNING 1),'
		    ' k_%2$s AS (UPDATE kam.%2$I x SET (%5$s) = (SELECT %6$s'
		    ' FROM jsonb_populate_record(x, u.d) b)'
		    ' FROM kam.merge_move k CROSS JOIN LATERAL unnest(k.row_ids, k.befores) u (id, d)'
		    ' WHERE k.merge_id = $1 AND k.table_name = %2$L AND x.id = u.id RETURNING 1)',
		    CASE WHEN v_sql = '' THEN 'WITH' ELSE ',' END, t,
		    kam.merge_columns(t, '', true), kam.merge_columns(t, 'b.', true),
		    kam.merge_columns(t, '', false), kam.merge_columns(t, 'b.', false));
	END LOOP;
	-- the counts' triggers are off (see merge_triggers_off): the items
	-- as counted now go, as they are once back come, in one change
	v_voc := kam.merge_voc_items(p_merge, -1);
	EXECUTE v_sql || ' SELECT' USING p_merge;
	PERFORM kam.voc_counts_add(v_voc || kam.merge_voc_items(p_merge, 1));
	PERFORM kam.merge_recount(p_merge);
	PERFORM kam.merge_triggers_on(v_was);
	UPDATE kam.merge x SET undone_at = now(), undone_by = session_user
	 WHERE x.id = p_merge;
END
$$;

REVOKE ALL ON FUNCTION merge_keyed_tables(), merge_versioned(text), merge_move_sql(text),
	merge_moved_changed(bigint) FROM PUBLIC;
