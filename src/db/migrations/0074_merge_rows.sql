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
