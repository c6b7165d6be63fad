-- Feedback from outside (issue 14, item 5): kam --import feedback reads
-- the answers of a survey or a web form (kam-feedback(5)) and logs each
-- as an inbound entry with its feedback kind on the account it matched.
--
-- source, source_id  where a row came from and its own id there: unique
--             together, so that importing a file again adds nothing.
-- nps_score   the answer's Net Promoter Score (0-10), kept as given; its
--             kind by the company's rule when the row names none:
--             feedback_setting says from which score an answer is an
--             idea and from which a compliment (9-10 compliment, 7-8
--             idea, 0-6 complaint unless an administrator changes it).
-- matching    feedback_match: by the contact's e-mail, else by the
--             e-mail's domain (the one account whose contacts use it),
--             else by the account's ERP id; a row the three disagree on,
--             or that fits several accounts, is not matched, with why.
-- rights      feedback_may_log: whether the caller may log an entry on
--             the account, as the policies of 0003 allow it (the insert
--             goes through them anyway; this only lists the rows they
--             would refuse, rather than refuse the whole file).

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE TABLE feedback_setting (
	id		integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
	nps_idea_from	smallint NOT NULL DEFAULT 7,
	nps_compliment_from smallint NOT NULL DEFAULT 9,
	version		integer NOT NULL DEFAULT 1,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT nps_thresholds CHECK (0 <= nps_idea_from
		AND nps_idea_from <= nps_compliment_from AND nps_compliment_from <= 10)
);
INSERT INTO feedback_setting DEFAULT VALUES;
CREATE TRIGGER touch BEFORE UPDATE ON feedback_setting
	FOR EACH ROW EXECUTE FUNCTION touch_versioned();
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON feedback_setting
	FOR EACH ROW EXECUTE FUNCTION audit();
ALTER TABLE feedback_setting ENABLE ROW LEVEL SECURITY;
ALTER TABLE feedback_setting FORCE ROW LEVEL SECURITY;
REVOKE ALL ON feedback_setting FROM PUBLIC;
GRANT SELECT ON feedback_setting TO kam_manager, kam_support, kam_admin;
CREATE POLICY everyone_read ON feedback_setting FOR SELECT
	TO kam_manager, kam_support, kam_admin USING (true);
GRANT UPDATE (nps_idea_from, nps_compliment_from) ON feedback_setting TO kam_admin;
CREATE POLICY kam_admin_update ON feedback_setting FOR UPDATE TO kam_admin
	USING (true) WITH CHECK (true);

-- The kind an NPS score stands for, by the company's rule.
CREATE FUNCTION nps_kind(p_score integer) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT CASE WHEN p_score >= s.nps_compliment_from THEN 'compliment'
	            WHEN p_score >= s.nps_idea_from THEN 'idea'
	            ELSE 'complaint' END
	  FROM kam.feedback_setting s
	 WHERE p_score BETWEEN 0 AND 10
$$;

ALTER TABLE interaction
	ADD COLUMN nps_score smallint CHECK (nps_score BETWEEN 0 AND 10),
	ADD COLUMN source text CHECK (char_length(source) BETWEEN 1 AND 40
	    AND source !~ '[[:cntrl:]]'),
	ADD COLUMN source_id text CHECK (octet_length(source_id) BETWEEN 1 AND 200
	    AND source_id !~ '[[:cntrl:]]'),
	ADD CONSTRAINT source_with_id CHECK ((source IS NULL) = (source_id IS NULL));
CREATE UNIQUE INDEX interaction_source ON interaction (source, source_id)
	WHERE source IS NOT NULL;
GRANT INSERT (nps_score, source, source_id) ON interaction TO kam_manager;

-- Contacts by e-mail and by its domain, for the match below.
CREATE INDEX contact_email ON contact (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX contact_email_domain ON contact (lower(split_part(email, '@', 2)))
	WHERE email IS NOT NULL;

-- Whether the caller may log an entry on the account (0003's policies:
-- administrators everywhere, managers on the accounts they write;
-- support logs tickets only).
CREATE FUNCTION feedback_may_log(p_account bigint) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
	SELECT pg_has_role(current_user, 'kam_admin', 'MEMBER')
	    OR (pg_has_role(current_user, 'kam_manager', 'MEMBER')
	        AND kam.can_write_account(p_account))
$$;

-- The account (and contact) a row is for. account_id NULL: why says
-- why not, in words for the person importing.
CREATE FUNCTION feedback_match(p_email text, p_erp_id text,
    OUT account_id bigint, OUT contact_id bigint, OUT how text, OUT why text)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
	n integer;
	by_erp bigint;
	dom text := lower(split_part(p_email, '@', 2));
BEGIN
	IF nullif(p_erp_id, '') IS NOT NULL THEN
		SELECT a.id INTO by_erp FROM kam.account a WHERE a.erp_id = p_erp_id;
	END IF;
	IF nullif(p_email, '') IS NOT NULL THEN
		-- the contact's own address: its account, the active contact first
		SELECT count(DISTINCT c.account_id), min(c.account_id)
		  INTO n, account_id
		  FROM kam.contact c WHERE lower(c.email) = lower(p_email);
		IF n > 1 THEN
			why := format('e-mail %s is a contact of %s accounts', p_email, n);
			account_id := NULL;
			RETURN;
		ELSIF n = 1 THEN
			how := 'e-mail';
			SELECT c.id INTO contact_id FROM kam.contact c
			 WHERE lower(c.email) = lower(p_email) AND c.account_id = feedback_match.account_id
			 ORDER BY c.active DESC, c.id LIMIT 1;
		ELSIF dom <> '' THEN
			SELECT count(DISTINCT c.account_id), min(c.account_id)
			  INTO n, account_id
			  FROM kam.contact c
			 WHERE lower(split_part(c.email, '@', 2)) = dom AND c.email IS NOT NULL;
			IF n > 1 AND by_erp IS NULL THEN
				why := format('domain %s is used by contacts of %s accounts',
				              dom, n);
				account_id := NULL;
				RETURN;
			ELSIF n = 1 THEN
				how := 'domain';
			ELSE
				account_id := NULL;
			END IF;
		END IF;
	END IF;
	IF account_id IS NOT NULL AND by_erp IS NOT NULL AND account_id <> by_erp THEN
		why := format('the %s names one account and ERP id %s another',
		              how, p_erp_id);
		account_id := NULL;
		contact_id := NULL;
		how := NULL;
	ELSIF account_id IS NULL AND by_erp IS NOT NULL THEN
		account_id := by_erp;
		how := 'ERP id';
	ELSIF account_id IS NULL THEN
		why := concat_ws(', ',
		        CASE WHEN nullif(p_email, '') IS NOT NULL
		             THEN format('no contact with e-mail %s or its domain', p_email) END,
		        CASE WHEN nullif(p_erp_id, '') IS NOT NULL
		             THEN format('no account with ERP id %s', p_erp_id) END);
	END IF;
END
$$;

GRANT EXECUTE ON FUNCTION nps_kind(integer), feedback_may_log(bigint),
	feedback_match(text, text)
	TO kam_manager, kam_support, kam_admin;
