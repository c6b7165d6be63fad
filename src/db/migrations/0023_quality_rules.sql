-- Data quality, part 1 (issue 15, item 1): the rules' settings as data,
-- the same for everyone, and the normal forms the rules compare.
--
-- quality_severity   high, medium, low: their order and the points each
--                    costs an account's score (0024)
-- quality_rule       the fixed set of rules: code, kind, plain words and
--                    severity. The codes are fixed, because each has its
--                    SQL in kam.quality_finding (0024); an administrator
--                    changes the words and the severity.
-- quality_rule_tier  which tiers a rule applies to, with its threshold
--                    for that tier where it has one (days or months, as
--                    quality_rule.unit says). No row: the rule is off for
--                    that tier. Administrators add, change and delete rows.
-- vat_format         a country's VAT id format; a country listed here
--                    "has VAT ids" (rule vat_missing)
-- phone_country      a country's calling code and trunk prefix, to write
--                    a number typed the national way in E.164
--
-- Normal forms stored beside what was typed: contact.phone_e164 (the
-- E.164 form of contact.phone, NULL when it cannot be written so) and
-- account.vat_id_normal (the VAT id without spaces, dots, dashes and
-- slashes, in capitals). Everyone reads the settings; administrators
-- write them; every change is in the audit log.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE TABLE quality_severity (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	severity	text NOT NULL UNIQUE CHECK (severity IN ('high', 'medium', 'low')),
	rank		smallint NOT NULL UNIQUE,
	penalty		integer NOT NULL CHECK (penalty BETWEEN 0 AND 100),
	version		integer NOT NULL DEFAULT 1,
	updated_at	timestamptz NOT NULL DEFAULT now()
);
INSERT INTO quality_severity (severity, rank, penalty)
VALUES ('high', 1, 20), ('medium', 2, 10), ('low', 3, 5);

CREATE TABLE quality_rule (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code		text NOT NULL UNIQUE,
	kind		text NOT NULL CHECK (kind IN ('completeness', 'validity',
			'consistency', 'freshness')),
	description	text NOT NULL CHECK (btrim(description) <> ''),
	severity	text NOT NULL REFERENCES quality_severity (severity),
	-- what quality_rule_tier.threshold counts, for rules that have one
	unit		text CHECK (unit IN ('days', 'months')),
	version		integer NOT NULL DEFAULT 1,
	updated_at	timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE quality_rule_tier (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	rule		text NOT NULL REFERENCES quality_rule (code) ON DELETE CASCADE,
	tier		text NOT NULL CHECK (tier IN ('strategic', 'key', 'standard')),
	threshold	integer CHECK (threshold BETWEEN 0 AND 36500),
	version		integer NOT NULL DEFAULT 1,
	updated_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (rule, tier)
);

-- A rule with a unit needs its threshold on every tier it applies to, and
-- a rule without one takes none: a threshold nobody reads would mislead.
CREATE FUNCTION check_quality_rule_tier() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
	v_unit text;
BEGIN
	SELECT unit INTO v_unit FROM kam.quality_rule WHERE code = NEW.rule;
	IF (v_unit IS NULL) <> (NEW.threshold IS NULL) THEN
		RAISE EXCEPTION 'rule % %', NEW.rule, CASE WHEN v_unit IS NULL
		      THEN 'takes no threshold'
		      ELSE format('needs a threshold in %s', v_unit) END
		      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME,
		            COLUMN = 'threshold',
		            CONSTRAINT = 'quality_rule_tier_threshold';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER check_threshold BEFORE INSERT OR UPDATE ON quality_rule_tier
	FOR EACH ROW EXECUTE FUNCTION check_quality_rule_tier();

INSERT INTO quality_rule (code, kind, severity, unit, description) VALUES
('owner_missing', 'completeness', 'high', NULL,
 'The account has no owner.'),
('team_missing', 'completeness', 'medium', NULL,
 'The account has no team.'),
('sla_missing', 'completeness', 'high', NULL,
 'No service level is in force today, and none ran out.'),
('plan_missing', 'completeness', 'high', NULL,
 'There is no plan for this year.'),
('decision_maker_missing', 'completeness', 'medium', NULL,
 'No active contact is marked as a decision maker.'),
('vat_missing', 'completeness', 'medium', NULL,
 'There is no VAT id, though the country has VAT ids.'),
('vat_invalid', 'validity', 'high', NULL,
 'The VAT id does not fit the format of the account''s country.'),
('email_invalid', 'validity', 'medium', NULL,
 'An active contact''s e-mail address is not a valid address.'),
('phone_not_e164', 'validity', 'low', NULL,
 'An active contact''s phone number cannot be written in E.164 (+, country code, number).'),
('conditions_overlap', 'consistency', 'medium', NULL,
 'Two conditions of one kind are valid on the same days (today or later).'),
('sla_expired', 'consistency', 'high', NULL,
 'The service level ran out and no other is in force, while the account is active or at risk.'),
('erp_deleted_active', 'consistency', 'high', NULL,
 'The ERP deleted this customer, but the account is not churned in kam.'),
('email_domain_odd', 'consistency', 'low', NULL,
 'An active contact''s e-mail domain differs from those of all (at least two) other active contacts of the account.'),
('interaction_stale', 'freshness', 'medium', 'days',
 'No interaction with the account for more than the threshold.'),
('contact_stale', 'freshness', 'low', 'months',
 'An active contact was neither changed nor spoken to for more than the threshold.'),
('annual_talk_overdue', 'freshness', 'medium', 'days',
 'This year''s annual talk was planned for a day more than the threshold ago and is not marked held.');

INSERT INTO quality_rule_tier (rule, tier, threshold)
SELECT r.code, t.tier, CASE r.code
	WHEN 'interaction_stale' THEN CASE t.tier WHEN 'strategic' THEN 30 ELSE 60 END
	WHEN 'contact_stale' THEN 12
	WHEN 'annual_talk_overdue' THEN 0 END
  FROM quality_rule r
 CROSS JOIN (VALUES ('strategic'), ('key'), ('standard')) t (tier)
 WHERE t.tier <> 'standard'
    OR r.code NOT IN ('sla_missing', 'plan_missing', 'decision_maker_missing',
                      'sla_expired', 'interaction_stale', 'annual_talk_overdue');

-- VAT id formats, written after the structure table of the EU's VIES
-- ("VAT identification number structure"; an index of it:
-- lat9/vat4eu define_vat4eu_formats.php), plus GB, CH and NO. Matched
-- against account.vat_id_normal; Greece's ids begin EL, not GR.
CREATE TABLE vat_format (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	country		text NOT NULL UNIQUE CHECK (country ~ '^[A-Z]{2}$'),
	pattern		text NOT NULL,
	example		text NOT NULL,
	version		integer NOT NULL DEFAULT 1,
	updated_at	timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT example_fits CHECK (example ~ pattern)
);
INSERT INTO vat_format (country, pattern, example) VALUES
('AT', '^ATU[0-9]{8}$', 'ATU12345678'),
('BE', '^BE[01][0-9]{9}$', 'BE0123456789'),
('BG', '^BG[0-9]{9,10}$', 'BG123456789'),
('CY', '^CY[0-9]{8}[A-Z]$', 'CY12345678L'),
('CZ', '^CZ[0-9]{8,10}$', 'CZ12345678'),
('DE', '^DE[0-9]{9}$', 'DE123456789'),
('DK', '^DK[0-9]{8}$', 'DK12345678'),
('EE', '^EE[0-9]{9}$', 'EE123456789'),
('GR', '^EL[0-9]{9}$', 'EL123456789'),
('ES', '^ES[0-9A-Z][0-9]{7}[0-9A-Z]$', 'ESX1234567X'),
('FI', '^FI[0-9]{8}$', 'FI12345678'),
('FR', '^FR[0-9A-HJ-NP-Z]{2}[0-9]{9}$', 'FR12345678901'),
('HR', '^HR[0-9]{11}$', 'HR12345678901'),
('HU', '^HU[0-9]{8}$', 'HU12345678'),
('IE', '^IE([0-9]{7}[A-W][A-I]?|[0-9][A-Z+*][0-9]{5}[A-W])$', 'IE1234567WA'),
('IT', '^IT[0-9]{11}$', 'IT12345678901'),
('LT', '^LT([0-9]{9}|[0-9]{12})$', 'LT123456789'),
('LU', '^LU[0-9]{8}$', 'LU12345678'),
('LV', '^LV[0-9]{11}$', 'LV12345678901'),
('MT', '^MT[0-9]{8}$', 'MT12345678'),
('NL', '^NL[0-9]{9}B[0-9]{2}$', 'NL123456789B01'),
('PL', '^PL[0-9]{10}$', 'PL1234567890'),
('PT', '^PT[0-9]{9}$', 'PT123456789'),
('RO', '^RO[0-9]{2,10}$', 'RO1234567890'),
('SE', '^SE[0-9]{10}01$', 'SE123456789001'),
('SI', '^SI[0-9]{8}$', 'SI12345678'),
('SK', '^SK[0-9]{10}$', 'SK1234567890'),
('GB', '^GB([0-9]{9}([0-9]{3})?|GD[0-4][0-9]{2}|HA[5-9][0-9]{2})$', 'GB123456789'),
('CH', '^CHE[0-9]{9}(MWST|TVA|IVA)?$', 'CHE123456789MWST'),
('NO', '^NO[0-9]{9}(MVA)?$', 'NO123456789MVA');

-- Country calling codes (ITU-T E.164 assignments) and the trunk prefix a
-- national number starts with, dropped in the international form (0 in
-- most of Europe, 06 in Hungary, 1 in the NANP). No trunk prefix: the
-- national number is written whole after the country code (Italy).
CREATE TABLE phone_country (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	country		text NOT NULL UNIQUE CHECK (country ~ '^[A-Z]{2}$'),
	calling_code	text NOT NULL CHECK (calling_code ~ '^[1-9][0-9]{0,2}$'),
	trunk_prefix	text CHECK (trunk_prefix ~ '^[0-9]{1,2}$'),
	version		integer NOT NULL DEFAULT 1,
	updated_at	timestamptz NOT NULL DEFAULT now()
);
INSERT INTO phone_country (country, calling_code, trunk_prefix) VALUES
('AT', '43', '0'), ('BE', '32', '0'), ('BG', '359', '0'), ('HR', '385', '0'),
('CY', '357', NULL), ('CZ', '420', NULL), ('DK', '45', NULL), ('EE', '372', NULL),
('FI', '358', '0'), ('FR', '33', '0'), ('DE', '49', '0'), ('GR', '30', NULL),
('HU', '36', '06'), ('IE', '353', '0'), ('IT', '39', NULL), ('LV', '371', NULL),
('LU', '352', NULL), ('MT', '356', NULL), ('NL', '31', '0'), ('PL', '48', NULL),
('PT', '351', NULL), ('RO', '40', '0'), ('SK', '421', '0'), ('SI', '386', '0'),
('ES', '34', NULL), ('SE', '46', '0'), ('GB', '44', '0'), ('CH', '41', '0'),
('NO', '47', NULL), ('US', '1', '1'), ('CA', '1', '1'), ('JP', '81', '0'),
('CN', '86', '0'), ('IN', '91', '0'), ('AU', '61', '0'), ('KR', '82', '0'),
('BR', '55', '0'), ('MX', '52', NULL), ('TR', '90', '0'), ('ZA', '27', '0'),
('SG', '65', NULL), ('HK', '852', NULL);

-- Row upkeep, rights and the audit log as for every other table.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['quality_severity', 'quality_rule',
	    'quality_rule_tier', 'vat_format', 'phone_country'] LOOP
		EXECUTE format('CREATE TRIGGER touch BEFORE UPDATE ON kam.%I '
		    'FOR EACH ROW EXECUTE FUNCTION kam.touch_versioned()', t);
		EXECUTE format('CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE '
		    'ON kam.%I FOR EACH ROW EXECUTE FUNCTION kam.audit()', t);
		EXECUTE format('ALTER TABLE kam.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE kam.%I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('REVOKE ALL ON kam.%I FROM PUBLIC', t);
		EXECUTE format('GRANT SELECT ON kam.%I TO kam_manager, kam_support, '
		    'kam_admin, kam_sync', t);
		-- kam_owner too: its definer trigger below normalises phones
		EXECUTE format('CREATE POLICY everyone_read ON kam.%I FOR SELECT '
		    'TO kam_manager, kam_support, kam_admin, kam_sync, kam_owner '
		    'USING (true)', t);
		EXECUTE format('CREATE POLICY kam_admin_write ON kam.%I FOR ALL '
		    'TO kam_admin USING (true) WITH CHECK (true)', t);
	END LOOP;
END
$$;
-- The set of rules and severities is fixed: their words, severity and
-- points change, nothing is added or taken away.
GRANT UPDATE (description, severity) ON quality_rule TO kam_admin;
GRANT UPDATE (penalty) ON quality_severity TO kam_admin;
GRANT INSERT (rule, tier, threshold), UPDATE (threshold), DELETE
	ON quality_rule_tier TO kam_admin;
GRANT INSERT (country, pattern, example), UPDATE (pattern, example), DELETE
	ON vat_format TO kam_admin;
GRANT INSERT (country, calling_code, trunk_prefix),
      UPDATE (calling_code, trunk_prefix), DELETE ON phone_country TO kam_admin;

-- A VAT id as the formats read it: capitals, without the spaces, dots,
-- dashes and slashes people type ("DE 123.456.789" is DE123456789).
CREATE FUNCTION vat_normal(vat text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT nullif(upper(regexp_replace(vat, '[[:space:]./-]', '', 'g')), '') $$;

ALTER TABLE account ADD COLUMN vat_id_normal text
	GENERATED ALWAYS AS (vat_normal(vat_id)) STORED;

-- An e-mail address: the WHATWG HTML standard's "valid e-mail address"
-- (html.spec.whatwg.org, 4.10.5.1.5), with a dot in the domain as mail
-- between companies needs, and a local part that is a dot-atom of RFC
-- 5321 (no dot first, last or twice).
CREATE FUNCTION email_valid(email text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT email ~ ('^[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]+)*'
                '@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
                '(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$')
   AND length(email) <= 254
$$;

-- A phone number in E.164 ("+" and at most 15 digits, ITU-T E.164 6.1),
-- or NULL when it cannot be written so: not a phone number (kam.phone_valid),
-- typed the national way for a country kam.phone_country does not know,
-- or of the wrong length. "+49 (0)30 123" drops the "(0)"; "0049 ..." is
-- international; an extension is left out.
CREATE FUNCTION phone_e164(phone text, country text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN n ~ '^[1-9][0-9]{6,14}$' THEN '+' || n END
  FROM (SELECT CASE
		WHEN body ~ '^ *\+' THEN digits
		WHEN digits ~ '^00' THEN substr(digits, 3)
		ELSE (SELECT p.calling_code || CASE
		          WHEN p.trunk_prefix IS NOT NULL
		           AND starts_with(digits, p.trunk_prefix)
		          THEN substr(digits, length(p.trunk_prefix) + 1)
		          ELSE digits END
		        FROM kam.phone_country p WHERE p.country = $2)
	       END AS n
	  FROM (SELECT body, regexp_replace(body, '[^0-9]', '', 'g') AS digits
	          FROM (SELECT replace(regexp_replace(phone,
	                   ' *(extension|ext\.?|x|#) *[0-9]{1,6}$', '', 'i'),
	                   '(0)', '') AS body
	                 WHERE kam.phone_valid(phone)) b) d) x
$$;

ALTER TABLE contact ADD COLUMN phone_e164 text;
CREATE INDEX interaction_contact ON interaction (contact_id, occurred_at DESC)
	WHERE contact_id IS NOT NULL;

-- The normal form follows what was typed, whoever typed it (kam, psql,
-- the sync); nobody writes it directly (no grant on the column).
CREATE FUNCTION contact_phone_e164() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	NEW.phone_e164 := kam.phone_e164(NEW.phone,
	    (SELECT a.country FROM kam.account a WHERE a.id = NEW.account_id));
	RETURN NEW;
END
$$;
CREATE TRIGGER phone_e164 BEFORE INSERT OR UPDATE OF phone, account_id
	ON contact FOR EACH ROW EXECUTE FUNCTION contact_phone_e164();

-- When an account's country changes (the ERP sends it), its contacts'
-- national numbers mean another country's: they are written again. The
-- owner's rights, because the sync that changes the country may not
-- write contacts' other columns; the audit log still names the sync.
CREATE POLICY kam_owner_read ON contact FOR SELECT TO kam_owner USING (true);
CREATE POLICY kam_owner_update ON contact FOR UPDATE TO kam_owner
	USING (true) WITH CHECK (true);
CREATE FUNCTION account_phones_e164() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kam, pg_temp
AS $$
BEGIN
	UPDATE kam.contact c SET phone_e164 = kam.phone_e164(c.phone, NEW.country)
	 WHERE c.account_id = NEW.id
	   AND c.phone_e164 IS DISTINCT FROM kam.phone_e164(c.phone, NEW.country);
	RETURN NULL;
END
$$;
CREATE TRIGGER phones_e164 AFTER UPDATE OF country ON account FOR EACH ROW
	WHEN (OLD.country IS DISTINCT FROM NEW.country)
	EXECUTE FUNCTION account_phones_e164();

-- What was there: written once, not a change anyone made.
ALTER TABLE contact DISABLE TRIGGER touch;
ALTER TABLE contact DISABLE TRIGGER audit;
UPDATE contact c SET phone_e164 = phone_e164(c.phone, a.country)
  FROM account a WHERE a.id = c.account_id AND c.phone IS NOT NULL;
ALTER TABLE contact ENABLE TRIGGER touch;
ALTER TABLE contact ENABLE TRIGGER audit;
