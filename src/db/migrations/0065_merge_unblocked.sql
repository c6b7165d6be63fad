-- Data quality, part 6 (issue 15, item 4): a merge that blocks nobody.
--
-- 0055 turned off, for the merge's transaction, the triggers that would
-- refuse or rewrite what a merge does on behalf of others (a correction
-- by someone not the author, a ticket's fixed account, goodwill's limit),
-- the audit of the rows it moves by the thousand, and for the undo the
-- touch and the kept voice-of-the-customer counts -- with ALTER TABLE
-- ... DISABLE TRIGGER, which takes a SHARE ROW EXCLUSIVE lock: every
-- writer of history, orders, invoices, contacts ... waited for the merge
-- to commit, whatever account it wrote.
--
-- Now those triggers carry a WHEN condition, NOT kam.merge_skips(...),
-- and the merge says what it is doing with a setting local to its
-- transaction, kam.merging = 'merge' or 'undo' (set_config(..., true)):
-- no lock, no catalogue change, other sessions' triggers fire as ever.
-- The setting counts only for statements run as the owner of the schema
-- (the merge's definer functions): a login that sets it itself skips
-- nothing. The triggers keep their names, functions, events and
-- ENABLE state; only the condition is added (kept when one was there).
-- A migration that recreates one of them must keep the condition.
--
-- And kam.merge_accounts_now / merge_contacts_now share their opening
-- (the setting, the checks and locks, the fields, the merge's row) and
-- closing (the pair marked, the setting back, the rows sealed) in
-- kam.merge_open and kam.merge_close.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- p_what 'merge': a merge or its undo is under way; 'undo': an undo.
-- Never NULL: in a session that never set kam.merging, current_setting
-- gives NULL, and a NULL here would make WHEN (NOT ...) skip the trigger
-- for every statement a definer function runs (tickets' pauses and the
-- hand-over of follow-ups went unaudited).
CREATE FUNCTION merge_skips(p_what text) RETURNS boolean
LANGUAGE sql STABLE
AS $$
	SELECT current_user = 'kam_owner'
	   AND CASE p_what WHEN 'undo' THEN coalesce(current_setting('kam.merging', true), '') = 'undo'
	       ELSE coalesce(current_setting('kam.merging', true), '') IN ('merge', 'undo') END
$$;

-- Adds the condition to each trigger of the list, recreated from its own
-- definition.
DO $$
DECLARE
	g record;
	v_def text;
	v_cond text;
BEGIN
	FOR g IN SELECT c.relname AS tab, t.tgname AS trig, t.tgenabled AS how,
	                pg_get_triggerdef(t.oid) AS def,
	                CASE WHEN t.tgname IN ('touch', 'voc_counts_keep_insert',
	                                       'voc_counts_keep_update',
	                                       'voc_counts_keep_delete',
	                                       'voc_counts_keep_account')
	                     THEN 'undo' ELSE 'merge' END AS what
	           FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
	          WHERE c.relnamespace = 'kam'::regnamespace AND NOT t.tgisinternal
	            AND ((c.relname, t.tgname) IN (('interaction', 'lifecycle'),
	                     ('ticket', 'change'), ('goodwill', 'check_limit'),
	                     ('interaction', 'voc_counts_keep_insert'),
	                     ('interaction', 'voc_counts_keep_update'),
	                     ('interaction', 'voc_counts_keep_delete'),
	                     ('account', 'voc_counts_keep_account'))
	                 OR (t.tgname = 'audit' AND c.relname = ANY (kam.merge_bulk_tables()))
	                 OR (t.tgname = 'touch' AND c.relname = ANY (kam.merge_bulk_tables()
	                     || '{account,contact,not_duplicate}'::text[])))
	          ORDER BY 1, 2 LOOP
		v_cond := format('NOT kam.merge_skips(%L)', g.what);
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

-- The same contract as 0055's: off for this transaction, returning what
-- was; on puts that back. p_touch and p_audit are kept for the callers:
-- which triggers skip is fixed by their conditions above.
CREATE OR REPLACE FUNCTION merge_triggers_off(p_touch text[], p_audit text[],
    p_kept boolean DEFAULT false) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
	v_was text := coalesce(current_setting('kam.merging', true), '');
BEGIN
	PERFORM set_config('kam.merging', CASE WHEN p_kept THEN 'undo' ELSE 'merge' END,
	    true);
	RETURN to_jsonb(v_was);
END
$$;

CREATE OR REPLACE FUNCTION merge_triggers_on(p_was jsonb) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
	PERFORM set_config('kam.merging', coalesce(p_was #>> '{}', ''), true);
END
$$;

-- A merge's opening: the setting, who may and the rows locked
-- (merge_check), the fields the winner takes, the merge's own row.
CREATE FUNCTION merge_open(p_kind text, p_winner bigint, p_loser bigint,
    p_from_loser text[], OUT merge_id bigint, OUT fields text[], OUT was jsonb)
LANGUAGE plpgsql
AS $$
DECLARE
	v_account bigint;
BEGIN
	was := kam.merge_triggers_off('{}', kam.merge_bulk_tables());
	v_account := kam.merge_check(p_kind, p_winner, p_loser, false);
	fields := kam.merge_chosen(p_kind, p_winner, p_loser, p_from_loser);
	INSERT INTO kam.merge (kind, account_id, winner_id, loser_id, from_loser)
	VALUES (p_kind, v_account, p_winner, p_loser, fields) RETURNING id INTO merge_id;
END
$$;

-- Its closing: the pair marked "not a duplicate" (a row the undo deletes),
-- the setting as it was, the rows it changed sealed.
CREATE FUNCTION merge_close(p_kind text, p_merge bigint, p_winner bigint,
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
	PERFORM kam.merge_triggers_on(p_was);
	PERFORM kam.merge_seal(p_merge);
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
	t text;
BEGIN
	SELECT o.merge_id, o.fields, o.was INTO v_id, v_fields, v_was
	  FROM kam.merge_open('account', p_winner, p_loser, p_from_loser) o;

	PERFORM kam.merge_keep(v_id, 'account', 'x.id IN ($1, $2)'
	    ' OR x.parent_id = $2 OR x.merged_into = $2', p_winner, p_loser);
	FOREACH t IN ARRAY kam.merge_account_tables() || '{account_plan,team_member}'::text[] LOOP
		PERFORM kam.merge_keep(v_id, t, 'x.account_id = $2', p_winner, p_loser);
	END LOOP;
	PERFORM kam.merge_keep(v_id, 'account_plan', 'x.account_id = $1 AND x.year IN'
	    ' (SELECT p.year FROM kam.account_plan p WHERE p.account_id = $2)',
	    p_winner, p_loser);
	PERFORM kam.merge_keep(v_id, 'plan_action', 'x.plan_id IN (SELECT p.id FROM'
	    ' kam.account_plan p WHERE p.account_id = $2)', p_winner, p_loser);
	-- a new owner takes over the open follow-ups (0018's hand_over)
	IF 'owner_id' = ANY (v_fields) THEN
		PERFORM kam.merge_keep(v_id, 'interaction', 'x.account_id = $1'
		    ' AND x.follow_up_on IS NOT NULL AND x.follow_up_done_at IS NULL',
		    p_winner, p_loser);
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
	-- name it (with its account) move together, as their keys demand.
	FOREACH t IN ARRAY kam.merge_account_tables() || '{account_plan}'::text[] LOOP
		v_moves := v_moves || format('%s m_%s AS (UPDATE kam.%I SET account_id = $1'
		    ' WHERE account_id = $2 RETURNING 1)',
		    CASE WHEN v_moves = '' THEN 'WITH' ELSE ',' END, t, t);
	END LOOP;
	EXECUTE v_moves || ', m_team AS (UPDATE kam.team_member x SET account_id = $1'
	    ' WHERE x.account_id = $2 AND NOT EXISTS (SELECT FROM kam.team_member w'
	    ' WHERE w.account_id = $1 AND w.role = x.role) RETURNING 1) SELECT'
	USING p_winner, p_loser;

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

CREATE OR REPLACE FUNCTION merge_contacts_now(p_winner bigint, p_loser bigint,
    p_from_loser text[]) RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
	v_id bigint;
	v_fields text[];
	v_was jsonb;
BEGIN
	SELECT o.merge_id, o.fields, o.was INTO v_id, v_fields, v_was
	  FROM kam.merge_open('contact', p_winner, p_loser, p_from_loser) o;
	PERFORM kam.merge_keep(v_id, 'contact', 'x.id IN ($1, $2) OR x.merged_into = $2',
	    p_winner, p_loser);
	PERFORM kam.merge_keep(v_id, 'interaction', 'x.contact_id = $2', p_winner, p_loser);
	PERFORM kam.merge_keep(v_id, 'service_level', 'x.escalation_contact_id = $2',
	    p_winner, p_loser);

	UPDATE kam.interaction SET contact_id = p_winner WHERE contact_id = p_loser;
	UPDATE kam.service_level SET escalation_contact_id = p_winner
	 WHERE escalation_contact_id = p_loser;
	UPDATE kam.contact SET merged_into = p_winner WHERE merged_into = p_loser;
	PERFORM kam.merge_take_fields('contact', p_winner, p_loser, v_fields);
	UPDATE kam.contact SET merged_into = p_winner, active = false, decision_maker = false
	 WHERE id = p_loser;
	PERFORM kam.merge_close('contact', v_id, p_winner, p_loser, v_was);
	RETURN v_id;
END
$$;

REVOKE ALL ON FUNCTION merge_open(text, bigint, bigint, text[]),
	merge_close(text, bigint, bigint, bigint, jsonb) FROM PUBLIC;
