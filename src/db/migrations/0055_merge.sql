-- Data quality, part 5 (issue 15, item 4): two accounts (or two contacts)
-- that are one merge into one, in one transaction, with a dry run and an
-- exact undo.
--
-- kam.merge_accounts(winner, loser, from_loser, dry_run)
--     moves everything the loser has to the winner (contacts, conditions,
--     service levels, plans and their actions -- two plans of one year
--     become the winner's, the loser's actions in it --, history with
--     feedback and tickets, orders, invoices, pauses, goodwill, team
--     members of roles the winner has not filled, subsidiaries, tombstones
--     that pointed at the loser), takes the fields named in from_loser (or,
--     NULL, those the default rule picks: see merge_account_fields) from
--     the loser, marks the pair "not a duplicate" and leaves the loser as
--     a churned tombstone whose merged_into names the winner, so that its
--     ERP id still resolves: the sync files the ERP's orders and contacts
--     for the loser's customer under the winner (src/erp/erp_resource.c).
--     Returns what moved, table by table, and the fields that changed; a
--     dry run returns the same and changes nothing.
-- kam.merge_contacts(winner, loser, from_loser, dry_run)
--     the same for two contacts of one account: history, escalations.
-- kam.unmerge(merge_id)
--     puts every row the merge changed back as it was, version and time of
--     change included, and deletes what it added; refused when any of
--     those rows changed since (restoring it would lose that change).
-- kam.merge, kam.merge_row
--     each merge, and each row it changed: before and after, as jsonb.
--
-- Rights: definer functions, since a merge moves rows (orders, invoices,
-- tickets, entries of other authors) nobody may move by hand; they let
-- through who may write both sides (the owner, the team, administrators),
-- judged by session_user as add_user does, for current_user is the
-- owner here. The audit log records every row moved, with session_user.
--
-- Concurrency: the merge first locks the tables the ERP sync writes
-- (SHARE: it waits for a sync transaction under way, and the sync's next
-- statement waits for the merge and then sees the tombstone), then the two
-- rows. Nothing the sync sends is lost or filed twice.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

ALTER TABLE account ADD COLUMN merged_into bigint REFERENCES account
	ON DELETE RESTRICT CHECK (merged_into <> id);
ALTER TABLE contact ADD COLUMN merged_into bigint REFERENCES contact
	ON DELETE RESTRICT CHECK (merged_into <> id);
CREATE INDEX account_merged_into ON account (merged_into)
	WHERE merged_into IS NOT NULL;
CREATE INDEX contact_merged_into ON contact (merged_into)
	WHERE merged_into IS NOT NULL;

CREATE TABLE merge (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind		text NOT NULL CHECK (kind IN ('account', 'contact')),
	-- the account the merge happened on (the winner), for the audit log
	account_id	bigint NOT NULL REFERENCES account ON DELETE RESTRICT,
	winner_id	bigint NOT NULL,
	loser_id	bigint NOT NULL,
	from_loser	text[] NOT NULL DEFAULT '{}',
	merged_at	timestamptz NOT NULL DEFAULT now(),
	merged_by	text NOT NULL DEFAULT session_user,
	undone_at	timestamptz,
	undone_by	text
);
CREATE INDEX merge_loser ON merge (kind, loser_id);

CREATE TABLE merge_row (
	merge_id	bigint NOT NULL REFERENCES merge ON DELETE CASCADE,
	table_name	text NOT NULL,
	row_id		bigint NOT NULL,
	before		jsonb,		-- NULL: the merge added the row
	after		jsonb,		-- NULL: the merge removed it
	PRIMARY KEY (merge_id, table_name, row_id)
);

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON merge
	FOR EACH ROW EXECUTE FUNCTION audit();
ALTER TABLE merge ENABLE ROW LEVEL SECURITY;
ALTER TABLE merge FORCE ROW LEVEL SECURITY;
ALTER TABLE merge_row ENABLE ROW LEVEL SECURITY;
ALTER TABLE merge_row FORCE ROW LEVEL SECURITY;
REVOKE ALL ON merge, merge_row FROM PUBLIC;
GRANT SELECT ON merge TO kam_manager, kam_admin;
GRANT SELECT ON merge_row TO kam_admin;
CREATE POLICY everyone_read ON merge FOR SELECT TO kam_manager, kam_admin
	USING (true);
CREATE POLICY kam_admin_read ON merge_row FOR SELECT TO kam_admin USING (true);
CREATE POLICY kam_owner_all ON merge TO kam_owner USING (true) WITH CHECK (true);
CREATE POLICY kam_owner_all ON merge_row TO kam_owner USING (true) WITH CHECK (true);

-- The definer functions below write, as the owner, every table a merge
-- changes (row-level security is FORCEd on the owner too).
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['account', 'contact', 'special_condition',
	    'service_level', 'account_plan', 'plan_action', 'interaction',
	    'erp_order', 'erp_invoice', 'ticket', 'ticket_pause', 'goodwill',
	    'team_member', 'not_duplicate'] LOOP
		EXECUTE format('CREATE POLICY kam_owner_merge ON kam.%I FOR ALL '
		    'TO kam_owner USING (true) WITH CHECK (true)', t);
	END LOOP;
END
$$;

-- May the login behind this call write the account? As can_write_account
-- for current_user, but for session_user (current_user is the owner in
-- the definer functions below); administrators may write any.
CREATE FUNCTION merge_may_write(p_account bigint) RETURNS boolean
LANGUAGE sql STABLE
AS $$
	SELECT pg_has_role(session_user, 'kam_admin', 'MEMBER')
	    OR EXISTS (SELECT FROM kam.account a
	                 JOIN kam.app_user u ON u.role_name = session_user AND u.active
	                WHERE a.id = p_account
	                  AND pg_has_role(session_user, 'kam_manager', 'MEMBER')
	                  AND (a.owner_id = u.id
	                       OR (u.kind = 'manager' AND a.team = u.team)))
$$;

-- The tables whose rows belong to an account by their account_id, moved
-- as they are (plans and team members have rules of their own). A test
-- (tests/sql/merge.bats) checks that every foreign key to kam.account is
-- either here or handled by name below.
CREATE FUNCTION merge_account_tables() RETURNS text[]
LANGUAGE sql IMMUTABLE
AS $$ SELECT ARRAY['contact', 'special_condition', 'service_level',
                   'interaction', 'erp_order', 'erp_invoice', 'ticket',
                   'ticket_pause', 'goodwill'] $$;

-- The tables whose rows a merge moves in bulk (see merge_triggers_off).
CREATE FUNCTION merge_bulk_tables() RETURNS text[]
LANGUAGE sql IMMUTABLE
AS $$ SELECT kam.merge_account_tables() || '{account_plan,plan_action,team_member}'::text[] $$;

-- Each field a merge may take from the loser, who owns it, and the
-- default winner rule: the ERP's fields from the side the ERP sends (the
-- winner when both or neither have an ERP id), the others the newest
-- non-empty value (the loser's when the winner's is empty, or when both
-- are set and the loser was changed last; "no" counts as empty).
CREATE FUNCTION merge_account_fields(p_winner bigint, p_loser bigint)
RETURNS TABLE (field text, erp_owned boolean, winner_value text,
    loser_value text, take_loser boolean)
LANGUAGE sql STABLE
AS $$
	SELECT f.field, f.erp, wv.v, lv.v,
	       CASE WHEN f.erp THEN w.erp_id IS NULL AND l.erp_id IS NOT NULL
	                            AND wv.v IS DISTINCT FROM lv.v
	            ELSE coalesce(lv.v, '') NOT IN ('', 'false') AND wv.v IS DISTINCT FROM lv.v
	                 AND (coalesce(wv.v, '') IN ('', 'false') OR l.updated_at > w.updated_at)
	       END
	  FROM kam.account w, kam.account l,
	       (VALUES ('name', true, 1), ('legal_name', true, 2), ('vat_id', true, 3),
	               ('country', true, 4), ('city', true, 5), ('address', true, 6),
	               ('payment_terms', true, 7), ('credit_limit', true, 8),
	               ('currency', true, 9), ('tier', false, 10),
	               ('owner_id', false, 11), ('team', false, 12),
	               ('industry', false, 13), ('lifecycle', false, 14),
	               ('status', false, 15), ('notes', false, 16)) f (field, erp, n),
	       LATERAL (SELECT to_jsonb(w) ->> f.field) wv (v),
	       LATERAL (SELECT to_jsonb(l) ->> f.field) lv (v)
	 WHERE w.id = p_winner AND l.id = p_loser
	 ORDER BY f.n
$$;

CREATE FUNCTION merge_contact_fields(p_winner bigint, p_loser bigint)
RETURNS TABLE (field text, erp_owned boolean, winner_value text,
    loser_value text, take_loser boolean)
LANGUAGE sql STABLE
AS $$
	SELECT f.field, f.erp, wv.v, lv.v,
	       CASE WHEN f.erp THEN w.erp_id IS NULL AND l.erp_id IS NOT NULL
	                            AND wv.v IS DISTINCT FROM lv.v
	            ELSE coalesce(lv.v, '') NOT IN ('', 'false') AND wv.v IS DISTINCT FROM lv.v
	                 AND (coalesce(wv.v, '') IN ('', 'false') OR l.updated_at > w.updated_at)
	       END
	  FROM kam.contact w, kam.contact l,
	       (VALUES ('name', true, 1), ('job_title', true, 2), ('email', true, 3),
	               ('phone', true, 4), ('decision_maker', false, 5),
	               ('preferred_channel', false, 6)) f (field, erp, n),
	       LATERAL (SELECT to_jsonb(w) ->> f.field) wv (v),
	       LATERAL (SELECT to_jsonb(l) ->> f.field) lv (v)
	 WHERE w.id = p_winner AND l.id = p_loser
	 ORDER BY f.n
$$;

-- The fields to take from the loser: those named (each checked against
-- the list), or the default rule's.
CREATE FUNCTION merge_chosen(p_kind text, p_winner bigint, p_loser bigint,
    p_from_loser text[]) RETURNS text[]
LANGUAGE plpgsql STABLE
AS $$
DECLARE
	v_all text[];
	v_bad text;
BEGIN
	IF p_kind = 'account' THEN
		v_all := ARRAY(SELECT f.field FROM kam.merge_account_fields(p_winner, p_loser) f);
	ELSE
		v_all := ARRAY(SELECT f.field FROM kam.merge_contact_fields(p_winner, p_loser) f);
	END IF;
	IF p_from_loser IS NOT NULL THEN
		SELECT x INTO v_bad FROM unnest(p_from_loser) x WHERE x <> ALL (v_all) LIMIT 1;
		IF FOUND THEN
			RAISE EXCEPTION 'a merge cannot take "%" from the loser', v_bad
			      USING ERRCODE = 'invalid_parameter_value',
			            HINT = 'The fields are ' || array_to_string(v_all, ', ') || '.';
		END IF;
		RETURN p_from_loser;
	END IF;
	IF p_kind = 'account' THEN
		RETURN ARRAY(SELECT f.field FROM kam.merge_account_fields(p_winner, p_loser) f
		              WHERE f.take_loser);
	END IF;
	RETURN ARRAY(SELECT f.field FROM kam.merge_contact_fields(p_winner, p_loser) f
	              WHERE f.take_loser);
END
$$;

-- Remembers the rows of p_table that p_where (a condition on x, with $1
-- the merge's winner and $2 its loser) selects, as they are now.
CREATE FUNCTION merge_keep(p_merge bigint, p_table text, p_where text,
    p_winner bigint, p_loser bigint) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
	EXECUTE format('INSERT INTO kam.merge_row (merge_id, table_name, row_id, before)'
	    ' SELECT $3, %L, x.id, to_jsonb(x) FROM kam.%I x WHERE %s'
	    ' ON CONFLICT DO NOTHING', p_table, p_table, p_where)
	USING p_winner, p_loser, p_merge;
END
$$;

-- The rows the merge remembered, as they are after it; those it did not
-- change are forgotten.
CREATE FUNCTION merge_seal(p_merge bigint) RETURNS void
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
END
$$;

-- The row went to the other side: one of the keys that tie it to an
-- account, plan or contact changed.
CREATE FUNCTION merge_moved(r kam.merge_row) RETURNS boolean
LANGUAGE sql IMMUTABLE
AS $$
	SELECT (r.before -> 'account_id', r.before -> 'plan_id', r.before -> 'contact_id',
	        r.before -> 'escalation_contact_id', r.before -> 'parent_id',
	        r.before -> 'merged_into')
	       IS DISTINCT FROM
	       (r.after -> 'account_id', r.after -> 'plan_id', r.after -> 'contact_id',
	        r.after -> 'escalation_contact_id', r.after -> 'parent_id',
	        r.after -> 'merged_into')
$$;

-- What a merge changed, for a person: rows moved a table, the fields the
-- winner took, the plans folded, the tombstone.
CREATE FUNCTION merge_summary(p_merge bigint)
RETURNS TABLE (what text, detail text)
LANGUAGE sql STABLE
AS $$
	SELECT s.what, s.detail FROM (
	SELECT 1 AS o, r.table_name AS what,
	       concat_ws(', ',
	           nullif(count(*) FILTER (WHERE r.after IS NOT NULL AND kam.merge_moved(r)), 0)
	           || ' moved',
	           nullif(count(*) FILTER (WHERE r.after IS NOT NULL AND NOT kam.merge_moved(r)), 0)
	           || ' changed',
	           nullif(count(*) FILTER (WHERE r.after IS NULL), 0)
	           || ' folded into the winner''s') AS detail
	  FROM kam.merge_row r JOIN kam.merge m ON m.id = r.merge_id
	 WHERE r.merge_id = p_merge AND r.before IS NOT NULL
	   AND NOT (r.table_name = m.kind AND r.row_id IN (m.winner_id, m.loser_id))
	 GROUP BY r.table_name
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

-- Triggers that would refuse or rewrite what a merge does on behalf of
-- others: a correction by someone not the author (0018), a ticket's
-- account, which is fixed once opened, and a goodwill gesture's, which
-- follows its ticket's as the statement began (0033). Off for this transaction
-- only (ALTER TABLE is transactional; it holds the table's writers off
-- until the commit, and the merge is short); the undo also stops touch,
-- for it puts back each row's version and time of change as they were.
-- The rows a merge moves by the thousand (history, orders, ...) are
-- audited by the merge itself: its own audit entry (kam.merge's INSERT,
-- its undo an UPDATE) and kam.merge_row with each row before and after;
-- a row audit each would make a merge of 5 000 entries take seconds.
--
-- p_kept (the undo): also the triggers that keep the voice of the
-- customer's counts (0054). The undo puts accounts and their entries back
-- in one statement, and each of those statement triggers reads the other
-- table as the statement left it: an entry going back to the loser was
-- taken off the winner's restored owner, not the one it was counted
-- under, while the winner's owner change no longer saw the entry (after
-- a merge that took the loser's owner, the undo left -1 with the
-- winner's old owner and 2 with the new). The undo moves those counts
-- itself (merge_voc_items).
CREATE FUNCTION merge_triggers_off(p_touch text[], p_audit text[],
    p_kept boolean DEFAULT false) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
	v_was jsonb;
	g record;
BEGIN
	SELECT jsonb_agg(jsonb_build_array(c.relname, t.tgname, t.tgenabled))
	  INTO v_was
	  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
	 WHERE c.relnamespace = 'kam'::regnamespace
	   AND ((c.relname, t.tgname) IN (('interaction', 'lifecycle'), ('ticket', 'change'),
	                                  ('goodwill', 'check_limit'))
	        OR (t.tgname = 'touch' AND c.relname = ANY (p_touch))
	        OR (t.tgname = 'audit' AND c.relname = ANY (p_audit))
	        OR (p_kept AND (c.relname, t.tgname) IN (
	               ('interaction', 'voc_counts_keep_insert'),
	               ('interaction', 'voc_counts_keep_update'),
	               ('interaction', 'voc_counts_keep_delete'),
	               ('account', 'voc_counts_keep_account'))));
	FOR g IN SELECT e ->> 0 AS tab, e ->> 1 AS trig
	           FROM jsonb_array_elements(v_was) e LOOP
		EXECUTE format('ALTER TABLE kam.%I DISABLE TRIGGER %I', g.tab, g.trig);
	END LOOP;
	RETURN v_was;
END
$$;

-- Puts them back as they were (0033 keeps a ticket's ALWAYS).
CREATE FUNCTION merge_triggers_on(p_was jsonb) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
	g record;
BEGIN
	FOR g IN SELECT e ->> 0 AS tab, e ->> 1 AS trig, e ->> 2 AS how
	           FROM jsonb_array_elements(p_was) e LOOP
		EXECUTE format('ALTER TABLE kam.%I %s TRIGGER %I', g.tab,
		    CASE g.how WHEN 'A' THEN 'ENABLE ALWAYS' WHEN 'R' THEN 'ENABLE REPLICA'
		               WHEN 'D' THEN 'DISABLE' ELSE 'ENABLE' END, g.trig);
	END LOOP;
END
$$;

-- The feedback items whose counts (0054's voc_count) an undo may move,
-- each as the counts see it now, with p_sign: the entries the merge
-- changed, and every entry of an account whose owner or team it changed.
-- The same items before the undo and after it (no other entry changes
-- its account, no other account its owner), so the undo takes the ones
-- before off and adds the ones after: its own rows, not a rebuild.
CREATE FUNCTION merge_voc_items(p_merge bigint, p_sign integer)
RETURNS kam.voc_delta[]
LANGUAGE sql STABLE
AS $$
	SELECT ARRAY(
	SELECT ROW(i.account_id, a.owner_id, a.team, i.occurred_at, i.feedback,
	           i.topic_ids, i.loop_state, i.answer_due_at, p_sign)::kam.voc_delta
	  FROM kam.interaction i JOIN kam.account a ON a.id = i.account_id
	 WHERE i.feedback <> 'none'
	   AND (i.id IN (SELECT r.row_id FROM kam.merge_row r
	                  WHERE r.merge_id = p_merge AND r.table_name = 'interaction')
	        OR i.account_id IN (SELECT r.row_id FROM kam.merge_row r
	                  WHERE r.merge_id = p_merge AND r.table_name = 'account'
	                    AND (r.before -> 'owner_id', r.before -> 'team')
	                        IS DISTINCT FROM (r.after -> 'owner_id', r.after -> 'team'))))
$$;

-- Sees to who, what and when before a merge or its undo; locks the two
-- rows (tables the sync writes first, see above).
CREATE FUNCTION merge_check(p_kind text, p_winner bigint, p_loser bigint,
    p_undo boolean) RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
	v_account bigint;
	v_other bigint;
	v_merged bigint;
	v_other_merged bigint;
BEGIN
	LOCK TABLE kam.contact, kam.erp_order, kam.erp_invoice IN SHARE MODE;
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

-- Takes the chosen fields from the loser: names from the fixed lists of
-- merge_*_fields, checked by merge_chosen.
CREATE FUNCTION merge_take_fields(p_table text, p_winner bigint, p_loser bigint,
    p_fields text[]) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
	f text;
BEGIN
	FOREACH f IN ARRAY p_fields LOOP
		EXECUTE format('UPDATE kam.%I w SET %I = l.%I FROM kam.%I l'
		    ' WHERE w.id = $1 AND l.id = $2', p_table, f, f, p_table)
		USING p_winner, p_loser;
	END LOOP;
END
$$;

CREATE FUNCTION merge_accounts_now(p_winner bigint, p_loser bigint,
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
	-- tables before rows (merge_check), always in this order
	v_was := kam.merge_triggers_off('{}', kam.merge_bulk_tables());
	PERFORM kam.merge_check('account', p_winner, p_loser, false);
	v_fields := kam.merge_chosen('account', p_winner, p_loser, p_from_loser);
	INSERT INTO kam.merge (kind, account_id, winner_id, loser_id, from_loser)
	VALUES ('account', p_winner, p_winner, p_loser, v_fields) RETURNING id INTO v_id;

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
	INSERT INTO kam.not_duplicate (kind, low_id, high_id, note, marked_by)
	VALUES ('account', least(p_winner, p_loser), greatest(p_winner, p_loser),
	        'merged (merge ' || v_id || ')', NULL)
	ON CONFLICT DO NOTHING;
	PERFORM kam.merge_keep(v_id, 'not_duplicate', 'x.kind = ''account'' AND'
	    ' x.low_id = least($1, $2) AND x.high_id = greatest($1, $2)'
	    ' AND x.note = ''merged (merge ' || v_id || ')''', p_winner, p_loser);
	UPDATE kam.merge_row r SET before = NULL
	 WHERE r.merge_id = v_id AND r.table_name = 'not_duplicate';

	PERFORM kam.merge_triggers_on(v_was);
	PERFORM kam.merge_seal(v_id);
	RETURN v_id;
END
$$;

CREATE FUNCTION merge_contacts_now(p_winner bigint, p_loser bigint,
    p_from_loser text[]) RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
	v_id bigint;
	v_account bigint;
	v_fields text[];
	v_was jsonb;
BEGIN
	v_was := kam.merge_triggers_off('{}', kam.merge_bulk_tables());
	v_account := kam.merge_check('contact', p_winner, p_loser, false);
	v_fields := kam.merge_chosen('contact', p_winner, p_loser, p_from_loser);
	INSERT INTO kam.merge (kind, account_id, winner_id, loser_id, from_loser)
	VALUES ('contact', v_account, p_winner, p_loser, v_fields) RETURNING id INTO v_id;
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
	INSERT INTO kam.not_duplicate (kind, low_id, high_id, note, marked_by)
	VALUES ('contact', least(p_winner, p_loser), greatest(p_winner, p_loser),
	        'merged (merge ' || v_id || ')', NULL)
	ON CONFLICT DO NOTHING;
	PERFORM kam.merge_keep(v_id, 'not_duplicate', 'x.kind = ''contact'' AND'
	    ' x.low_id = least($1, $2) AND x.high_id = greatest($1, $2)'
	    ' AND x.note = ''merged (merge ' || v_id || ')''', p_winner, p_loser);
	UPDATE kam.merge_row r SET before = NULL
	 WHERE r.merge_id = v_id AND r.table_name = 'not_duplicate';

	PERFORM kam.merge_triggers_on(v_was);
	PERFORM kam.merge_seal(v_id);
	RETURN v_id;
END
$$;

-- A merge, or its dry run: the same work, undone at once by the
-- exception that ends the block, so what a dry run shows is exactly what
-- the merge would do.
CREATE FUNCTION merge_run(p_kind text, p_winner bigint, p_loser bigint,
    p_from_loser text[], p_dry_run boolean)
RETURNS TABLE (merge_id bigint, what text, detail text)
LANGUAGE plpgsql
AS $$
DECLARE
	v_id bigint;
	v_rows jsonb;
BEGIN
	BEGIN
		IF p_kind = 'account' THEN
			v_id := kam.merge_accounts_now(p_winner, p_loser, p_from_loser);
		ELSE
			v_id := kam.merge_contacts_now(p_winner, p_loser, p_from_loser);
		END IF;
		SELECT jsonb_agg(jsonb_build_array(s.what, s.detail))
		  INTO v_rows FROM kam.merge_summary(v_id) s;
		IF p_dry_run THEN
			RAISE EXCEPTION USING ERRCODE = 'KAMDR';
		END IF;
	EXCEPTION WHEN SQLSTATE 'KAMDR' THEN
		v_id := NULL;
	END;
	RETURN QUERY SELECT v_id, e ->> 0, e ->> 1 FROM jsonb_array_elements(v_rows) e;
END
$$;

CREATE FUNCTION merge_accounts(p_winner bigint, p_loser bigint,
    p_from_loser text[] DEFAULT NULL, p_dry_run boolean DEFAULT false)
RETURNS TABLE (merge_id bigint, what text, detail text)
LANGUAGE sql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$ SELECT * FROM kam.merge_run('account', p_winner, p_loser, p_from_loser, p_dry_run) $$;

CREATE FUNCTION merge_contacts(p_winner bigint, p_loser bigint,
    p_from_loser text[] DEFAULT NULL, p_dry_run boolean DEFAULT false)
RETURNS TABLE (merge_id bigint, what text, detail text)
LANGUAGE sql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$ SELECT * FROM kam.merge_run('contact', p_winner, p_loser, p_from_loser, p_dry_run) $$;

-- Every column of a kam table that a row's jsonb restores (generated
-- ones follow from the others; the id only where a row comes back), as a
-- list "a, b, c" with prefix p.
CREATE FUNCTION merge_columns(p_table text, p_prefix text, p_id boolean)
RETURNS text
LANGUAGE sql STABLE
AS $$
	SELECT string_agg(p_prefix || quote_ident(a.attname), ', ' ORDER BY a.attnum)
	  FROM pg_attribute a
	 WHERE a.attrelid = ('kam.' || quote_ident(p_table))::regclass
	   AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
	   AND (p_id OR a.attname <> 'id')
$$;

CREATE FUNCTION unmerge(p_merge bigint)
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
	PERFORM kam.merge_triggers_on(v_was);
	UPDATE kam.merge x SET undone_at = now(), undone_by = session_user
	 WHERE x.id = p_merge;
END
$$;

REVOKE ALL ON FUNCTION merge_may_write(bigint), merge_account_tables(),
	merge_chosen(text, bigint, bigint, text[]),
	merge_keep(bigint, text, text, bigint, bigint), merge_seal(bigint),
	merge_moved(merge_row), merge_summary(bigint), merge_triggers_off(text[], text[], boolean), merge_triggers_on(jsonb),
	merge_voc_items(bigint, integer),
	merge_bulk_tables(),
	merge_check(text, bigint, bigint, boolean),
	merge_take_fields(text, bigint, bigint, text[]),
	merge_accounts_now(bigint, bigint, text[]),
	merge_contacts_now(bigint, bigint, text[]),
	merge_run(text, bigint, bigint, text[], boolean),
	merge_columns(text, text, boolean),
	merge_accounts(bigint, bigint, text[], boolean),
	merge_contacts(bigint, bigint, text[], boolean), unmerge(bigint),
	merge_account_fields(bigint, bigint), merge_contact_fields(bigint, bigint)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION merge_accounts(bigint, bigint, text[], boolean),
	merge_contacts(bigint, bigint, text[], boolean), unmerge(bigint),
	merge_account_fields(bigint, bigint), merge_contact_fields(bigint, bigint)
	TO kam_manager, kam_admin;
