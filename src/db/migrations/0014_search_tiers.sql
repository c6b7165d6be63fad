-- Account search in tiers (kam(1), "Searching"): an exact ERP id, VAT id,
-- kam id or whole name first; else words that start with the key; else
-- the key anywhere, or a name spelt a little differently. This migration
-- gives the exact tier its indexes and the last one a looser measure of
-- "spelt a little differently" than pg_trgm's default.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- A session that did not create pg_trgm has not loaded it, and then the
-- SET below would name an unknown parameter, which PostgreSQL 15 refuses
-- to anyone but a superuser: any call into pg_trgm loads it first.
SELECT public.similarity('', '');

CREATE INDEX account_erp_id_folded ON account (fold(erp_id));
CREATE INDEX account_vat_id_folded ON account (fold(vat_id));

-- The accounts whose search text holds a word close to KEY: two letters
-- swapped ("Bengstons" for "Bengtsons") give a word similarity near 0.43,
-- below pg_trgm's default of 0.6. The threshold is the function's own
-- setting, so the trigram index still answers and no session needs to
-- change it. Invoker's rights: row-level security sees the caller.
CREATE FUNCTION account_near(key text) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET pg_trgm.word_similarity_threshold = 0.4
SET search_path = kam, public
AS $$
BEGIN
	RETURN QUERY SELECT a.id FROM kam.account a
	    WHERE kam.fold(key) <% a.search_text;
END
$$;
