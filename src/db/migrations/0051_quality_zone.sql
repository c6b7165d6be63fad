-- Data quality, part 3 (issue 15, item 1): the rule the list of 0023
-- lacked, "a service level's time zone that fits the country".
--
-- zone_country      the time zones a country uses (tzdata's zone.tab: one
--                   row per zone and country; a zone shared by several
--                   countries has a row for each). A country without rows
--                   is not judged. Administrators add, change and delete
--                   rows (a zone a customer uses though tzdata files it
--                   under a neighbour: add it); everyone reads them.
-- sla_zone_foreign  a service level in force or to come whose time zone
--                   is none of its account's country's zones ("UTC", the
--                   default, included: support hours in UTC for a customer
--                   in Germany start an hour early half the year)
--
-- kam.quality_finding is written again with the new rule as its last
-- branch; everything else in it is as 0024 wrote it.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE TABLE zone_country (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	country		text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
	zone		text NOT NULL CHECK (zone ~ '^[A-Za-z0-9/_+-]{1,63}$'),
	version		integer NOT NULL DEFAULT 1,
	updated_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (country, zone)
);

-- tzdata 2025b, zone.tab (public domain; the file src/core/zonetab.c reads
-- for the service-level form's suggestion): its country and zone columns.
INSERT INTO zone_country (country, zone) VALUES
('AD', 'Europe/Andorra'), ('AE', 'Asia/Dubai'), ('AF', 'Asia/Kabul'),
('AG', 'America/Antigua'), ('AI', 'America/Anguilla'),
('AL', 'Europe/Tirane'), ('AM', 'Asia/Yerevan'), ('AO', 'Africa/Luanda'),
('AQ', 'Antarctica/Casey'), ('AQ', 'Antarctica/Davis'),
('AQ', 'Antarctica/DumontDUrville'), ('AQ', 'Antarctica/Mawson'),
('AQ', 'Antarctica/McMurdo'), ('AQ', 'Antarctica/Palmer'),
('AQ', 'Antarctica/Rothera'), ('AQ', 'Antarctica/Syowa'),
('AQ', 'Antarctica/Troll'), ('AQ', 'Antarctica/Vostok'),
('AR', 'America/Argentina/Buenos_Aires'),
('AR', 'America/Argentina/Catamarca'), ('AR', 'America/Argentina/Cordoba'),
('AR', 'America/Argentina/Jujuy'), ('AR', 'America/Argentina/La_Rioja'),
('AR', 'America/Argentina/Mendoza'),
('AR', 'America/Argentina/Rio_Gallegos'), ('AR', 'America/Argentina/Salta'),
('AR', 'America/Argentina/San_Juan'), ('AR', 'America/Argentina/San_Luis'),
('AR', 'America/Argentina/Tucuman'), ('AR', 'America/Argentina/Ushuaia'),
('AS', 'Pacific/Pago_Pago'), ('AT', 'Europe/Vienna'),
('AU', 'Antarctica/Macquarie'), ('AU', 'Australia/Adelaide'),
('AU', 'Australia/Brisbane'), ('AU', 'Australia/Broken_Hill'),
('AU', 'Australia/Darwin'), ('AU', 'Australia/Eucla'),
('AU', 'Australia/Hobart'), ('AU', 'Australia/Lindeman'),
('AU', 'Australia/Lord_Howe'), ('AU', 'Australia/Melbourne'),
('AU', 'Australia/Perth'), ('AU', 'Australia/Sydney'),
('AW', 'America/Aruba'), ('AX', 'Europe/Mariehamn'), ('AZ', 'Asia/Baku'),
('BA', 'Europe/Sarajevo'), ('BB', 'America/Barbados'), ('BD', 'Asia/Dhaka'),
('BE', 'Europe/Brussels'), ('BF', 'Africa/Ouagadougou'),
('BG', 'Europe/Sofia'), ('BH', 'Asia/Bahrain'), ('BI', 'Africa/Bujumbura'),
('BJ', 'Africa/Porto-Novo'), ('BL', 'America/St_Barthelemy'),
('BM', 'Atlantic/Bermuda'), ('BN', 'Asia/Brunei'), ('BO', 'America/La_Paz'),
('BQ', 'America/Kralendijk'), ('BR', 'America/Araguaina'),
('BR', 'America/Bahia'), ('BR', 'America/Belem'),
('BR', 'America/Boa_Vista'), ('BR', 'America/Campo_Grande'),
('BR', 'America/Cuiaba'), ('BR', 'America/Eirunepe'),
('BR', 'America/Fortaleza'), ('BR', 'America/Maceio'),
('BR', 'America/Manaus'), ('BR', 'America/Noronha'),
('BR', 'America/Porto_Velho'), ('BR', 'America/Recife'),
('BR', 'America/Rio_Branco'), ('BR', 'America/Santarem'),
('BR', 'America/Sao_Paulo'), ('BS', 'America/Nassau'),
('BT', 'Asia/Thimphu'), ('BW', 'Africa/Gaborone'), ('BY', 'Europe/Minsk'),
('BZ', 'America/Belize'), ('CA', 'America/Atikokan'),
('CA', 'America/Blanc-Sablon'), ('CA', 'America/Cambridge_Bay'),
('CA', 'America/Creston'), ('CA', 'America/Dawson'),
('CA', 'America/Dawson_Creek'), ('CA', 'America/Edmonton'),
('CA', 'America/Fort_Nelson'), ('CA', 'America/Glace_Bay'),
('CA', 'America/Goose_Bay'), ('CA', 'America/Halifax'),
('CA', 'America/Inuvik'), ('CA', 'America/Iqaluit'),
('CA', 'America/Moncton'), ('CA', 'America/Rankin_Inlet'),
('CA', 'America/Regina'), ('CA', 'America/Resolute'),
('CA', 'America/St_Johns'), ('CA', 'America/Swift_Current'),
('CA', 'America/Toronto'), ('CA', 'America/Vancouver'),
('CA', 'America/Whitehorse'), ('CA', 'America/Winnipeg'),
('CC', 'Indian/Cocos'), ('CD', 'Africa/Kinshasa'),
('CD', 'Africa/Lubumbashi'), ('CF', 'Africa/Bangui'),
('CG', 'Africa/Brazzaville'), ('CH', 'Europe/Zurich'),
('CI', 'Africa/Abidjan'), ('CK', 'Pacific/Rarotonga'),
('CL', 'America/Coyhaique'), ('CL', 'America/Punta_Arenas'),
('CL', 'America/Santiago'), ('CL', 'Pacific/Easter'),
('CM', 'Africa/Douala'), ('CN', 'Asia/Shanghai'), ('CN', 'Asia/Urumqi'),
('CO', 'America/Bogota'), ('CR', 'America/Costa_Rica'),
('CU', 'America/Havana'), ('CV', 'Atlantic/Cape_Verde'),
('CW', 'America/Curacao'), ('CX', 'Indian/Christmas'),
('CY', 'Asia/Famagusta'), ('CY', 'Asia/Nicosia'), ('CZ', 'Europe/Prague'),
('DE', 'Europe/Berlin'), ('DE', 'Europe/Busingen'),
('DJ', 'Africa/Djibouti'), ('DK', 'Europe/Copenhagen'),
('DM', 'America/Dominica'), ('DO', 'America/Santo_Domingo'),
('DZ', 'Africa/Algiers'), ('EC', 'America/Guayaquil'),
('EC', 'Pacific/Galapagos'), ('EE', 'Europe/Tallinn'),
('EG', 'Africa/Cairo'), ('EH', 'Africa/El_Aaiun'), ('ER', 'Africa/Asmara'),
('ES', 'Africa/Ceuta'), ('ES', 'Atlantic/Canary'), ('ES', 'Europe/Madrid'),
('ET', 'Africa/Addis_Ababa'), ('FI', 'Europe/Helsinki'),
('FJ', 'Pacific/Fiji'), ('FK', 'Atlantic/Stanley'), ('FM', 'Pacific/Chuuk'),
('FM', 'Pacific/Kosrae'), ('FM', 'Pacific/Pohnpei'),
('FO', 'Atlantic/Faroe'), ('FR', 'Europe/Paris'),
('GA', 'Africa/Libreville'), ('GB', 'Europe/London'),
('GD', 'America/Grenada'), ('GE', 'Asia/Tbilisi'), ('GF', 'America/Cayenne'),
('GG', 'Europe/Guernsey'), ('GH', 'Africa/Accra'),
('GI', 'Europe/Gibraltar'), ('GL', 'America/Danmarkshavn'),
('GL', 'America/Nuuk'), ('GL', 'America/Scoresbysund'),
('GL', 'America/Thule'), ('GM', 'Africa/Banjul'), ('GN', 'Africa/Conakry'),
('GP', 'America/Guadeloupe'), ('GQ', 'Africa/Malabo'),
('GR', 'Europe/Athens'), ('GS', 'Atlantic/South_Georgia'),
('GT', 'America/Guatemala'), ('GU', 'Pacific/Guam'), ('GW', 'Africa/Bissau'),
('GY', 'America/Guyana'), ('HK', 'Asia/Hong_Kong'),
('HN', 'America/Tegucigalpa'), ('HR', 'Europe/Zagreb'),
('HT', 'America/Port-au-Prince'), ('HU', 'Europe/Budapest'),
('ID', 'Asia/Jakarta'), ('ID', 'Asia/Jayapura'), ('ID', 'Asia/Makassar'),
('ID', 'Asia/Pontianak'), ('IE', 'Europe/Dublin'), ('IL', 'Asia/Jerusalem'),
('IM', 'Europe/Isle_of_Man'), ('IN', 'Asia/Kolkata'),
('IO', 'Indian/Chagos'), ('IQ', 'Asia/Baghdad'), ('IR', 'Asia/Tehran'),
('IS', 'Atlantic/Reykjavik'), ('IT', 'Europe/Rome'), ('JE', 'Europe/Jersey'),
('JM', 'America/Jamaica'), ('JO', 'Asia/Amman'), ('JP', 'Asia/Tokyo'),
('KE', 'Africa/Nairobi'), ('KG', 'Asia/Bishkek'), ('KH', 'Asia/Phnom_Penh'),
('KI', 'Pacific/Kanton'), ('KI', 'Pacific/Kiritimati'),
('KI', 'Pacific/Tarawa'), ('KM', 'Indian/Comoro'),
('KN', 'America/St_Kitts'), ('KP', 'Asia/Pyongyang'), ('KR', 'Asia/Seoul'),
('KW', 'Asia/Kuwait'), ('KY', 'America/Cayman'), ('KZ', 'Asia/Almaty'),
('KZ', 'Asia/Aqtau'), ('KZ', 'Asia/Aqtobe'), ('KZ', 'Asia/Atyrau'),
('KZ', 'Asia/Oral'), ('KZ', 'Asia/Qostanay'), ('KZ', 'Asia/Qyzylorda'),
('LA', 'Asia/Vientiane'), ('LB', 'Asia/Beirut'), ('LC', 'America/St_Lucia'),
('LI', 'Europe/Vaduz'), ('LK', 'Asia/Colombo'), ('LR', 'Africa/Monrovia'),
('LS', 'Africa/Maseru'), ('LT', 'Europe/Vilnius'),
('LU', 'Europe/Luxembourg'), ('LV', 'Europe/Riga'), ('LY', 'Africa/Tripoli'),
('MA', 'Africa/Casablanca'), ('MC', 'Europe/Monaco'),
('MD', 'Europe/Chisinau'), ('ME', 'Europe/Podgorica'),
('MF', 'America/Marigot'), ('MG', 'Indian/Antananarivo'),
('MH', 'Pacific/Kwajalein'), ('MH', 'Pacific/Majuro'),
('MK', 'Europe/Skopje'), ('ML', 'Africa/Bamako'), ('MM', 'Asia/Yangon'),
('MN', 'Asia/Hovd'), ('MN', 'Asia/Ulaanbaatar'), ('MO', 'Asia/Macau'),
('MP', 'Pacific/Saipan'), ('MQ', 'America/Martinique'),
('MR', 'Africa/Nouakchott'), ('MS', 'America/Montserrat'),
('MT', 'Europe/Malta'), ('MU', 'Indian/Mauritius'),
('MV', 'Indian/Maldives'), ('MW', 'Africa/Blantyre'),
('MX', 'America/Bahia_Banderas'), ('MX', 'America/Cancun'),
('MX', 'America/Chihuahua'), ('MX', 'America/Ciudad_Juarez'),
('MX', 'America/Hermosillo'), ('MX', 'America/Matamoros'),
('MX', 'America/Mazatlan'), ('MX', 'America/Merida'),
('MX', 'America/Mexico_City'), ('MX', 'America/Monterrey'),
('MX', 'America/Ojinaga'), ('MX', 'America/Tijuana'),
('MY', 'Asia/Kuala_Lumpur'), ('MY', 'Asia/Kuching'), ('MZ', 'Africa/Maputo'),
('NA', 'Africa/Windhoek'), ('NC', 'Pacific/Noumea'), ('NE', 'Africa/Niamey'),
('NF', 'Pacific/Norfolk'), ('NG', 'Africa/Lagos'), ('NI', 'America/Managua'),
('NL', 'Europe/Amsterdam'), ('NO', 'Europe/Oslo'), ('NP', 'Asia/Kathmandu'),
('NR', 'Pacific/Nauru'), ('NU', 'Pacific/Niue'), ('NZ', 'Pacific/Auckland'),
('NZ', 'Pacific/Chatham'), ('OM', 'Asia/Muscat'), ('PA', 'America/Panama'),
('PE', 'America/Lima'), ('PF', 'Pacific/Gambier'),
('PF', 'Pacific/Marquesas'), ('PF', 'Pacific/Tahiti'),
('PG', 'Pacific/Bougainville'), ('PG', 'Pacific/Port_Moresby'),
('PH', 'Asia/Manila'), ('PK', 'Asia/Karachi'), ('PL', 'Europe/Warsaw'),
('PM', 'America/Miquelon'), ('PN', 'Pacific/Pitcairn'),
('PR', 'America/Puerto_Rico'), ('PS', 'Asia/Gaza'), ('PS', 'Asia/Hebron'),
('PT', 'Atlantic/Azores'), ('PT', 'Atlantic/Madeira'),
('PT', 'Europe/Lisbon'), ('PW', 'Pacific/Palau'), ('PY', 'America/Asuncion'),
('QA', 'Asia/Qatar'), ('RE', 'Indian/Reunion'), ('RO', 'Europe/Bucharest'),
('RS', 'Europe/Belgrade'), ('RU', 'Asia/Anadyr'), ('RU', 'Asia/Barnaul'),
('RU', 'Asia/Chita'), ('RU', 'Asia/Irkutsk'), ('RU', 'Asia/Kamchatka'),
('RU', 'Asia/Khandyga'), ('RU', 'Asia/Krasnoyarsk'), ('RU', 'Asia/Magadan'),
('RU', 'Asia/Novokuznetsk'), ('RU', 'Asia/Novosibirsk'), ('RU', 'Asia/Omsk'),
('RU', 'Asia/Sakhalin'), ('RU', 'Asia/Srednekolymsk'), ('RU', 'Asia/Tomsk'),
('RU', 'Asia/Ust-Nera'), ('RU', 'Asia/Vladivostok'), ('RU', 'Asia/Yakutsk'),
('RU', 'Asia/Yekaterinburg'), ('RU', 'Europe/Astrakhan'),
('RU', 'Europe/Kaliningrad'), ('RU', 'Europe/Kirov'),
('RU', 'Europe/Moscow'), ('RU', 'Europe/Samara'), ('RU', 'Europe/Saratov'),
('RU', 'Europe/Ulyanovsk'), ('RU', 'Europe/Volgograd'),
('RW', 'Africa/Kigali'), ('SA', 'Asia/Riyadh'),
('SB', 'Pacific/Guadalcanal'), ('SC', 'Indian/Mahe'),
('SD', 'Africa/Khartoum'), ('SE', 'Europe/Stockholm'),
('SG', 'Asia/Singapore'), ('SH', 'Atlantic/St_Helena'),
('SI', 'Europe/Ljubljana'), ('SJ', 'Arctic/Longyearbyen'),
('SK', 'Europe/Bratislava'), ('SL', 'Africa/Freetown'),
('SM', 'Europe/San_Marino'), ('SN', 'Africa/Dakar'),
('SO', 'Africa/Mogadishu'), ('SR', 'America/Paramaribo'),
('SS', 'Africa/Juba'), ('ST', 'Africa/Sao_Tome'),
('SV', 'America/El_Salvador'), ('SX', 'America/Lower_Princes'),
('SY', 'Asia/Damascus'), ('SZ', 'Africa/Mbabane'),
('TC', 'America/Grand_Turk'), ('TD', 'Africa/Ndjamena'),
('TF', 'Indian/Kerguelen'), ('TG', 'Africa/Lome'), ('TH', 'Asia/Bangkok'),
('TJ', 'Asia/Dushanbe'), ('TK', 'Pacific/Fakaofo'), ('TL', 'Asia/Dili'),
('TM', 'Asia/Ashgabat'), ('TN', 'Africa/Tunis'), ('TO', 'Pacific/Tongatapu'),
('TR', 'Europe/Istanbul'), ('TT', 'America/Port_of_Spain'),
('TV', 'Pacific/Funafuti'), ('TW', 'Asia/Taipei'),
('TZ', 'Africa/Dar_es_Salaam'), ('UA', 'Europe/Kyiv'),
('UA', 'Europe/Simferopol'), ('UG', 'Africa/Kampala'),
('UM', 'Pacific/Midway'), ('UM', 'Pacific/Wake'), ('US', 'America/Adak'),
('US', 'America/Anchorage'), ('US', 'America/Boise'),
('US', 'America/Chicago'), ('US', 'America/Denver'),
('US', 'America/Detroit'), ('US', 'America/Indiana/Indianapolis'),
('US', 'America/Indiana/Knox'), ('US', 'America/Indiana/Marengo'),
('US', 'America/Indiana/Petersburg'), ('US', 'America/Indiana/Tell_City'),
('US', 'America/Indiana/Vevay'), ('US', 'America/Indiana/Vincennes'),
('US', 'America/Indiana/Winamac'), ('US', 'America/Juneau'),
('US', 'America/Kentucky/Louisville'), ('US', 'America/Kentucky/Monticello'),
('US', 'America/Los_Angeles'), ('US', 'America/Menominee'),
('US', 'America/Metlakatla'), ('US', 'America/New_York'),
('US', 'America/Nome'), ('US', 'America/North_Dakota/Beulah'),
('US', 'America/North_Dakota/Center'),
('US', 'America/North_Dakota/New_Salem'), ('US', 'America/Phoenix'),
('US', 'America/Sitka'), ('US', 'America/Yakutat'),
('US', 'Pacific/Honolulu'), ('UY', 'America/Montevideo'),
('UZ', 'Asia/Samarkand'), ('UZ', 'Asia/Tashkent'), ('VA', 'Europe/Vatican'),
('VC', 'America/St_Vincent'), ('VE', 'America/Caracas'),
('VG', 'America/Tortola'), ('VI', 'America/St_Thomas'),
('VN', 'Asia/Ho_Chi_Minh'), ('VU', 'Pacific/Efate'),
('WF', 'Pacific/Wallis'), ('WS', 'Pacific/Apia'), ('YE', 'Asia/Aden'),
('YT', 'Indian/Mayotte'), ('ZA', 'Africa/Johannesburg'),
('ZM', 'Africa/Lusaka'), ('ZW', 'Africa/Harare');

CREATE TRIGGER touch BEFORE UPDATE ON zone_country
	FOR EACH ROW EXECUTE FUNCTION touch_versioned();
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON zone_country
	FOR EACH ROW EXECUTE FUNCTION audit();
ALTER TABLE zone_country ENABLE ROW LEVEL SECURITY;
ALTER TABLE zone_country FORCE ROW LEVEL SECURITY;
REVOKE ALL ON zone_country FROM PUBLIC;
GRANT SELECT ON zone_country TO kam_manager, kam_support, kam_admin, kam_sync;
CREATE POLICY everyone_read ON zone_country FOR SELECT
	TO kam_manager, kam_support, kam_admin, kam_sync, kam_owner USING (true);
CREATE POLICY kam_admin_write ON zone_country FOR ALL
	TO kam_admin USING (true) WITH CHECK (true);
GRANT INSERT (country, zone), UPDATE (country, zone), DELETE
	ON zone_country TO kam_admin;

-- A rule of the fixed set, not a change anyone made: written past the
-- administrators' policy and the audit log, as 0023 wrote the others.
ALTER TABLE quality_rule NO FORCE ROW LEVEL SECURITY;
ALTER TABLE quality_rule_tier NO FORCE ROW LEVEL SECURITY;
ALTER TABLE quality_rule DISABLE TRIGGER audit;
ALTER TABLE quality_rule_tier DISABLE TRIGGER audit;
INSERT INTO quality_rule (code, kind, severity, unit, description) VALUES
('sla_zone_foreign', 'validity', 'medium', NULL,
 'A service level in force or to come keeps its hours in a time zone the account''s country does not use.');
INSERT INTO quality_rule_tier (rule, tier)
VALUES ('sla_zone_foreign', 'strategic'), ('sla_zone_foreign', 'key'),
       ('sla_zone_foreign', 'standard');
ALTER TABLE quality_rule ENABLE TRIGGER audit;
ALTER TABLE quality_rule_tier ENABLE TRIGGER audit;
ALTER TABLE quality_rule FORCE ROW LEVEL SECURITY;
ALTER TABLE quality_rule_tier FORCE ROW LEVEL SECURITY;

CREATE OR REPLACE VIEW quality_finding WITH (security_invoker = true) AS
SELECT f.account_id, f.rule, r.kind, r.severity, s.rank AS severity_rank,
       f.tier, f.entity, f.entity_id, f.field, f.detail
  FROM (
	SELECT a.id AS account_id, a.tier, a.rule, 'account' AS entity,
	       a.id AS entity_id, 'owner_id' AS field, 'no owner' AS detail
	  FROM quality_scope a
	 WHERE a.rule = 'owner_missing' AND a.owner_id IS NULL
	UNION ALL
	SELECT a.id, a.tier, a.rule, 'account', a.id, 'team', 'no team'
	  FROM quality_scope a
	 WHERE a.rule = 'team_missing' AND a.team IS NULL
	UNION ALL
	-- in force today, else the last that ran out, else the next to start
	SELECT a.id, a.tier, a.rule, 'account', a.id, 'service_level',
	       CASE WHEN l.ran_out IS NOT NULL
	            THEN format('ran out on %s', l.ran_out)
	            WHEN l.next_from IS NOT NULL
	            THEN format('none in force; the next starts on %s', l.next_from)
	            ELSE 'none' END
	  FROM quality_scope a
	 CROSS JOIN LATERAL (
		SELECT coalesce(bool_or(s.valid_from <= current_date
		           AND (s.valid_to IS NULL OR s.valid_to >= current_date)),
		           false) AS in_force,
		       max(s.valid_to) FILTER (WHERE s.valid_to < current_date) AS ran_out,
		       min(s.valid_from) FILTER (WHERE s.valid_from > current_date)
		           AS next_from
		  FROM service_level s WHERE s.account_id = a.id) l
	 WHERE a.rule IN ('sla_missing', 'sla_expired') AND NOT l.in_force
	   AND CASE a.rule WHEN 'sla_missing' THEN l.ran_out IS NULL
	       ELSE l.ran_out IS NOT NULL AND a.status IN ('active', 'at_risk') END
	UNION ALL
	SELECT a.id, a.tier, a.rule, 'account', a.id, 'plan',
	       format('no plan for %s', extract(year FROM current_date))
	  FROM quality_scope a
	 WHERE a.rule = 'plan_missing'
	   AND NOT EXISTS (SELECT FROM account_plan p WHERE p.account_id = a.id
	                      AND p.year = extract(year FROM current_date)::int)
	UNION ALL
	SELECT a.id, a.tier, a.rule, 'account', a.id, 'decision_maker',
	       'no active decision maker'
	  FROM quality_scope a
	 WHERE a.rule = 'decision_maker_missing'
	   AND NOT EXISTS (SELECT FROM contact c WHERE c.account_id = a.id
	                      AND c.active AND c.decision_maker)
	UNION ALL
	SELECT a.id, a.tier, a.rule, 'account', a.id, 'vat_id',
	       CASE a.rule WHEN 'vat_missing'
	            THEN format('no VAT id (%s ids look like %s)', a.country, v.example)
	            ELSE format('%s does not fit %s (like %s)', a.vat_id, a.country,
	                        v.example) END
	  FROM quality_scope a
	  JOIN vat_format v ON v.country = a.country
	 WHERE (a.rule = 'vat_missing' AND a.vat_id_normal IS NULL)
	    OR (a.rule = 'vat_invalid' AND a.vat_id_normal !~ v.pattern)
	UNION ALL
	SELECT a.id, a.tier, a.rule, 'contact', c.id, a.field,
	       format('%s: %s', c.name, CASE a.field WHEN 'email' THEN c.email
	                                              ELSE c.phone END)
	  FROM (SELECT s.*, CASE s.rule WHEN 'email_invalid' THEN 'email'
	                    ELSE 'phone' END AS field
	          FROM quality_scope s
	         WHERE s.rule IN ('email_invalid', 'phone_not_e164')) a
	  JOIN contact c ON c.account_id = a.id AND c.active
	 WHERE CASE a.rule WHEN 'email_invalid' THEN NOT email_valid(c.email)
	       ELSE c.phone IS NOT NULL AND c.phone_e164 IS NULL END
	UNION ALL
	-- the later of each overlapping pair, while the overlap lasts
	SELECT a.id, a.tier, a.rule, 'condition', y.id, 'valid_from',
	       format('%s overlaps %s (%s, both valid %s to %s)', y.title, x.title,
	              y.kind, greatest(x.valid_from, y.valid_from),
	              coalesce(least(x.valid_to, y.valid_to)::text, 'open end'))
	  FROM quality_scope a
	  JOIN special_condition x ON x.account_id = a.id
	  JOIN special_condition y ON y.account_id = a.id AND y.kind = x.kind
	   AND (y.valid_from, y.id) > (x.valid_from, x.id)
	 WHERE a.rule = 'conditions_overlap'
	   AND daterange(x.valid_from, x.valid_to, '[]')
	       && daterange(y.valid_from, y.valid_to, '[]')
	   AND (least(x.valid_to, y.valid_to) >= current_date
	        OR (x.valid_to IS NULL AND y.valid_to IS NULL))
	UNION ALL
	SELECT a.id, a.tier, a.rule, 'account', a.id, 'status',
	       format('deleted in the ERP, still %s', a.status)
	  FROM quality_scope a
	 WHERE a.rule = 'erp_deleted_active' AND a.erp_deleted
	UNION ALL
	SELECT a.id, a.tier, a.rule, 'contact', c.id, 'email',
	       format('%s: %s', c.name, c.email)
	  FROM quality_scope a
	  JOIN (SELECT c.id, c.account_id, c.name, c.email,
	               count(*) OVER (PARTITION BY c.account_id) AS n,
	               count(*) OVER (PARTITION BY c.account_id,
	                   lower(split_part(c.email, '@', 2))) AS k
	          FROM contact c
	         WHERE c.active AND c.email IS NOT NULL) c ON c.account_id = a.id
	 WHERE a.rule = 'email_domain_odd' AND c.k = 1 AND c.n >= 3
	UNION ALL
	SELECT a.id, a.tier, a.rule, 'account', a.id, 'history',
	       CASE WHEN l.last_at IS NULL
	            THEN format('none in %s days since the account was created',
	                        current_date - a.created_at::date)
	            ELSE format('the last on %s, %s days ago', l.last_at::date,
	                        current_date - l.last_at::date) END
	  FROM quality_scope a
	 CROSS JOIN LATERAL (SELECT max(i.occurred_at) AS last_at FROM interaction i
	                      WHERE i.account_id = a.id) l
	 WHERE a.rule = 'interaction_stale'
	   AND coalesce(l.last_at, a.created_at)
	       < now() - make_interval(days => a.threshold)
	UNION ALL
	SELECT a.id, a.tier, a.rule, 'contact', c.id, 'contact',
	       format('%s: changed %s, last spoken to %s', c.name, c.updated_at::date,
	              coalesce(l.last_at::date::text, 'never'))
	  FROM quality_scope a
	  JOIN contact c ON c.account_id = a.id AND c.active
	   AND c.updated_at < now() - make_interval(months => a.threshold)
	 CROSS JOIN LATERAL (SELECT max(i.occurred_at) AS last_at FROM interaction i
	                      WHERE i.contact_id = c.id) l
	 WHERE a.rule = 'contact_stale'
	   AND (l.last_at IS NULL
	        OR l.last_at < now() - make_interval(months => a.threshold))
	UNION ALL
	SELECT a.id, a.tier, a.rule, 'plan', p.id, 'talk_held_on',
	       format('planned for %s, not marked held', p.annual_talk_on)
	  FROM quality_scope a
	  JOIN account_plan p ON p.account_id = a.id
	   AND p.year = extract(year FROM current_date)::int
	 WHERE a.rule = 'annual_talk_overdue' AND p.talk_held_on IS NULL
	   AND p.annual_talk_on < current_date - a.threshold
	UNION ALL
	SELECT a.id, a.tier, a.rule, 'service_level', s.id, 'time_zone',
	       format('%s: %s is not a time zone of %s (%s)', s.name, s.time_zone,
	              a.country, z.zones)
	  FROM quality_scope a
	  JOIN service_level s ON s.account_id = a.id
	   AND (s.valid_to IS NULL OR s.valid_to >= current_date)
	 CROSS JOIN LATERAL (SELECT string_agg(z.zone, ', ' ORDER BY z.zone) AS zones,
	                            bool_or(z.zone = s.time_zone) AS fits
	                       FROM zone_country z WHERE z.country = a.country) z
	 WHERE a.rule = 'sla_zone_foreign' AND NOT z.fits
  ) f (account_id, tier, rule, entity, entity_id, field, detail)
  JOIN quality_rule r ON r.code = f.rule
  JOIN quality_severity s ON s.severity = r.severity;
