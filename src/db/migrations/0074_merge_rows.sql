-- Data quality, part 8 (issue 15, item 4): a merge locks its two rows, not
-- the tables the sync writes.
--
-- 0055's merge_check took LOCK TABLE contact, erp_order, erp_invoice IN
-- SHARE MODE before it locked the two rows: a merge waited for every sync
-- transaction under way, and every writer of contacts, orders and
-- invoices -- whatever account -- waited for the merge. It guarded
-- against a sync that resolved the loser's customer to the loser (its
-- snapshot taken before the merge committed) and filed records under the
-- tombstone after the moves.
--
-- Now the rows alone: a merge (and its undo) locks the winner and the
-- loser FOR UPDATE, in the order of their ids; the sync locks, before it
-- applies a page, the accounts the page's customers resolve to (each
-- customer's account and the account it was merged into, in the order of
-- their ids, FOR KEY SHARE: src/erp/erp_resource.c), in a statement of
-- its own, so that the apply's snapshot is taken after any merge of those
-- accounts committed. So either the sync's page holds the accounts first
-- and the merge waits for its commit (and then moves what it filed), or
-- the merge holds them and the page waits and then sees the tombstone.
-- Nobody else waits: FOR KEY SHARE is what every foreign key check takes.
-- Two contacts merge as before, their two rows locked: the sync writes a
-- contact by its ERP id (ON CONFLICT locks that row and waits for the
-- merge), and never the entries or service levels that a contact merge
-- moves.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE OR REPLACE FUNCTION merge_check(p_kind text, p_winner bigint, p_loser bigint,
    p_undo boolean) RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
	v_account bigint;
	v_other bigint;
	v_merged bigint;
	v_other_merged bigint;
BEGIN
	IF p_kind = 'account' THEN
		PERFORM FROM kam.account a WHERE a.id IN (p_winner, p_loser)
		  ORDER BY a.id FOR UPDATE;
		SELECT a.id, a.merged_into INTO v_account, v_merged
		  FROM kam.account a WHERE a.id = p_winner;
		SELECT a.id, a.merged_into INTO v_other, v_other_merged
		  FROM kam.account a WHERE a.id = p_loser;
	ELSE
		PERFORM FROM kam.contact c WHERE c.id IN (p_winner, p_loser)
		  ORDER BY c.id FOR UPDATE;
		SELECT c.account_id, c.merged_into INTO v_account, v_merged
		  FROM kam.contact c WHERE c.id = p_winner;
		SELECT c.account_id, c.merged_into INTO v_other, v_other_merged
		  FROM kam.contact c WHERE c.id = p_loser;
	END IF;
	IF v_account IS NULL OR v_other IS NULL THEN
		RAISE EXCEPTION 'no % %', p_kind,
		      CASE WHEN v_account IS NULL THEN p_winner ELSE p_loser END
		      USING ERRCODE = 'no_data_found';
	END IF;
	IF NOT kam.merge_may_write(v_account) OR NOT kam.merge_may_write(
	    CASE p_kind WHEN 'account' THEN v_other ELSE v_account END) THEN
		RAISE EXCEPTION '% may not write both %s, so may not % them',
		      session_user, p_kind, CASE WHEN p_undo THEN 'unmerge' ELSE 'merge' END
		      USING ERRCODE = 'insufficient_privilege',
		            HINT = 'Their owner, their team or an administrator may.';
	END IF;
	IF p_undo THEN
		RETURN v_account;
	END IF;
	IF p_winner = p_loser THEN
		RAISE EXCEPTION 'a % cannot be merged into itself', p_kind
		      USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF v_merged IS NOT NULL OR v_other_merged IS NOT NULL THEN
		RAISE EXCEPTION '% % was merged into % already', p_kind,
		      CASE WHEN v_merged IS NULL THEN p_loser ELSE p_winner END,
		      coalesce(v_merged, v_other_merged)
		      USING ERRCODE = 'invalid_parameter_value',
		            HINT = 'Merge into the account it was merged into.';
	END IF;
	IF p_kind = 'contact' AND v_account <> v_other THEN
		RAISE EXCEPTION 'contacts % and % work for different accounts', p_winner, p_loser
		      USING ERRCODE = 'invalid_parameter_value',
		            HINT = 'Merge the accounts first, or merge contacts of one account.';
	END IF;
	RETURN v_account;
END
$$;

-- The feedback items an undo moves in the voice of the customer's counts
-- (0055's merge_voc_items): the same items, found by their ids and by
-- their accounts' index. 0055 tested every feedback item of every account
-- against the two lists ("feedback <> 'none' AND (id IN ... OR
-- account_id IN ...)": a bitmap scan of all 750 000 on the benchmark's
-- data, 17 to 55 s of an undo's 77 s under auto_explain at load 18, and
-- the undo asks twice). Each entry counts once, as before: the ids are
-- made distinct first.
CREATE OR REPLACE FUNCTION merge_voc_items(p_merge bigint, p_sign integer)
RETURNS kam.voc_delta[]
LANGUAGE sql STABLE
AS $$
	WITH ids AS (
		SELECT r.row_id AS id FROM kam.merge_row r
		 WHERE r.merge_id = p_merge AND r.table_name = 'interaction'
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

-- The kept portfolio figures (0053, 0062) and cadence alarms (0045) of
-- the two accounts, worked out once a merge or undo has moved its rows.
-- Their statement triggers on the tables a merge moves in bulk worked
-- them out again for every table the merge's one statement moved
-- (contacts, conditions, service levels, history, orders, invoices,
-- plans: four portfolio recounts and four cadence recounts of the same
-- two accounts, 2.3 s of a merge's 17.7 s under auto_explain at load 18);
-- now they skip for the merge's statements (kam.merge_skips, 0065) and
-- this works both out once. A contact merge moves nothing between
-- accounts; its account is worked out all the same.
CREATE FUNCTION merge_recount(p_merge bigint) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
	v_accounts bigint[];
BEGIN
	SELECT CASE m.kind WHEN 'account' THEN ARRAY[least(m.winner_id, m.loser_id),
	                                           greatest(m.winner_id, m.loser_id)]
	       ELSE ARRAY[m.account_id] END
	  INTO v_accounts FROM kam.merge m WHERE m.id = p_merge;
	PERFORM kam.portfolio_figures_keep_accounts(v_accounts);
	PERFORM kam.cadence_alarms_keep_accounts(v_accounts);
END
$$;
REVOKE ALL ON FUNCTION merge_recount(bigint) FROM PUBLIC;

-- The condition on each of those triggers, as 0065 added it to others.
DO $$
DECLARE
	g record;
	v_def text;
	v_cond text := 'NOT kam.merge_skips(''merge'')';
BEGIN
	FOR g IN SELECT c.relname AS tab, t.tgname AS trig, t.tgenabled AS how,
	                pg_get_triggerdef(t.oid) AS def
	           FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
	          WHERE c.relnamespace = 'kam'::regnamespace AND NOT t.tgisinternal
	            AND c.relname = ANY (kam.merge_bulk_tables())
	            AND (t.tgname LIKE 'portfolio\_figures\_keep\_%'
	                 OR t.tgname LIKE 'cadence\_alarms\_keep\_%')
	          ORDER BY 1, 2 LOOP
		IF g.def ~ ' WHEN \(' THEN
			v_def := regexp_replace(g.def, ' WHEN \((.*)\) EXECUTE ',
			    ' WHEN ((\1) AND ' || v_cond || ') EXECUTE ');
		ELSE
			v_def := replace(g.def, ' EXECUTE FUNCTION ',
			    ' WHEN (' || v_cond || ') EXECUTE FUNCTION ');
		END IF;
		EXECUTE format('DROP TRIGGER %I ON kam.%I', g.trig, g.tab);
		EXECUTE v_def;
		IF g.how <> 'O' THEN
			EXECUTE format('ALTER TABLE kam.%I %s TRIGGER %I', g.tab,
			    CASE g.how WHEN 'A' THEN 'ENABLE ALWAYS' WHEN 'R' THEN 'ENABLE REPLICA'
			               ELSE 'DISABLE' END, g.trig);
		END IF;
	END LOOP;
END
$$;

-- 0065's closing, the recount added before the setting goes back.
CREATE OR REPLACE FUNCTION merge_close(p_kind text, p_merge bigint, p_winner bigint,
    p_loser bigint, p_was jsonb) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
	INSERT INTO kam.not_duplicate (kind, low_id, high_id, note, marked_by)
	VALUES (p_kind, least(p_winner, p_loser), greatest(p_winner, p_loser),
	        'merged (merge ' || p_merge || ')', NULL)
	ON CONFLICT DO NOTHING;
	PERFORM kam.merge_keep(p_merge, 'not_duplicate', format('x.kind = %L AND'
	    ' x.low_id = least($1, $2) AND x.high_id = greatest($1, $2)'
	    ' AND x.note = %L', p_kind, 'merged (merge ' || p_merge || ')'),
	    p_winner, p_loser);
	UPDATE kam.merge_row r SET before = NULL
	 WHERE r.merge_id = p_merge AND r.table_name = 'not_duplicate';
	PERFORM kam.merge_recount(p_merge);
	PERFORM kam.merge_triggers_on(p_was);
	PERFORM kam.merge_seal(p_merge);
END
$$;

-- 0055's undo, the recount added after the rows are back (see merge_recount).
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
	v_tables := ARRAY(SELECT DISTINCT r.table_name FROM kam.merge_row r
	                   WHERE r.merge_id = p_merge ORDER BY 1);
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
		    ' AND r.after IS NOT NULL AND x.id = r.row_id RETURNING 1)',
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
