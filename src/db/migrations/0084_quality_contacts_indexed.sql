-- Data quality, part 8 (issue 15, "Speed"): the rules over contacts by
-- index, the service levels grouped once.
--
-- kam.quality_finding  as 0070 wrote it, its rows unchanged; the rules
--     that test every active contact (email_invalid, phone_not_e164,
--     email_domain_odd: 6.4 and 7.5 s of a 27.6 s evaluation over 500 000
--     contacts, bench/README.md) read partial indexes of the contacts
--     that break them, and the e-mail domains are counted from an index
--     of them instead of two sorts of every contact (0.8 s at load 8,
--     from 7.5 s); contact_stale finds the contacts not changed since
--     the shortest threshold by index; sla_missing and sla_expired group
--     the service levels once instead of one lookup an account; the
--     overlapping conditions pair only the conditions still running

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- the contacts each rule finds (email_valid is immutable: migration 0023)
CREATE INDEX contact_email_invalid ON contact (account_id)
 WHERE active AND email IS NOT NULL AND NOT email_valid(email);
CREATE INDEX contact_phone_unwritten ON contact (account_id)
 WHERE active AND phone IS NOT NULL AND phone_e164 IS NULL;
-- contacts not changed for a while (contact_stale)
CREATE INDEX contact_active_updated ON contact (updated_at) WHERE active;
-- with the address itself, so that the count reads the index alone (an
-- index of an expression serves an index-only scan only when the columns
-- it is made of are in the index too)
CREATE INDEX contact_account_email_domain
    ON contact (account_id, lower(split_part(email, '@', 2))) INCLUDE (email)
 WHERE active AND email IS NOT NULL;

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
	  -- grouped once and joined (a lookup an account was 1.4 s at load 8);
	  -- an account without any has no row here, and none in force
	  LEFT JOIN (
		SELECT s.account_id,
		       bool_or(s.valid_from <= current_date
		           AND (s.valid_to IS NULL OR s.valid_to >= current_date))
		           AS in_force,
		       max(s.valid_to) FILTER (WHERE s.valid_to < current_date) AS ran_out,
		       min(s.valid_from) FILTER (WHERE s.valid_from > current_date)
		           AS next_from
		  FROM service_level s GROUP BY s.account_id) l ON l.account_id = a.id
	 WHERE a.rule IN ('sla_missing', 'sla_expired')
	   AND NOT coalesce(l.in_force, false)
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
	-- each through its partial index: the broken contacts only
	SELECT a.id, a.tier, a.rule, 'contact', c.id, 'email',
	       format('%s: %s', c.name, c.email)
	  FROM quality_scope a
	  JOIN contact c ON c.account_id = a.id AND c.active
	   AND c.email IS NOT NULL AND NOT email_valid(c.email)
	 WHERE a.rule = 'email_invalid'
	UNION ALL
	SELECT a.id, a.tier, a.rule, 'contact', c.id, 'phone',
	       format('%s: %s', c.name, c.phone)
	  FROM quality_scope a
	  JOIN contact c ON c.account_id = a.id AND c.active
	   AND c.phone IS NOT NULL AND c.phone_e164 IS NULL
	 WHERE a.rule = 'phone_not_e164'
	UNION ALL
	-- the later of each overlapping pair, while the overlap lasts
	SELECT a.id, a.tier, a.rule, 'condition', y.id, 'valid_from',
	       format('%s overlaps %s (%s, both valid %s to %s)', y.title, x.title,
	              y.kind, greatest(x.valid_from, y.valid_from),
	              coalesce(least(x.valid_to, y.valid_to)::text, 'open end'))
	  FROM quality_scope a
	  -- each of the pair still running (what the overlap's end below
	  -- implies: least() passes over a NULL), so that the ended ones are
	  -- left out before the pairs are made
	  JOIN special_condition x ON x.account_id = a.id
	   AND (x.valid_to IS NULL OR x.valid_to >= current_date)
	  JOIN special_condition y ON y.account_id = a.id AND y.kind = x.kind
	   AND (y.valid_from, y.id) > (x.valid_from, x.id)
	   AND (y.valid_to IS NULL OR y.valid_to >= current_date)
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
	-- the domains counted from their index alone, the contacts read for
	-- the odd ones only
	SELECT a.id, a.tier, a.rule, 'contact', c.id, 'email',
	       format('%s: %s', c.name, c.email)
	  FROM quality_scope a
	  JOIN (SELECT d.account_id, d.domain,
	               sum(d.k) OVER (PARTITION BY d.account_id) AS n, d.k
	          FROM (SELECT c.account_id, lower(split_part(c.email, '@', 2)) AS domain,
	                       count(*) AS k
	                  FROM contact c
	                 WHERE c.active AND c.email IS NOT NULL
	                 GROUP BY 1, 2) d) d ON d.account_id = a.id
	  JOIN contact c ON c.account_id = d.account_id AND c.active
	   AND c.email IS NOT NULL AND lower(split_part(c.email, '@', 2)) = d.domain
	 WHERE a.rule = 'email_domain_odd' AND d.k = 1 AND d.n >= 3
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
	  -- the shortest threshold of any tier bounds them all, by index
	  JOIN contact c ON c.account_id = a.id AND c.active
	   AND c.updated_at < now() - make_interval(months => a.threshold)
	   AND c.updated_at < now() - make_interval(months =>
	       (SELECT min(t.threshold) FROM quality_rule_tier t
	         WHERE t.rule = 'contact_stale'))
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
	 CROSS JOIN LATERAL (SELECT string_agg(z.zone, ', ' ORDER BY z.zone) AS zones
	                       FROM zone_country z WHERE z.country = a.country) z
	 WHERE a.rule = 'sla_zone_foreign'
	   AND EXISTS (SELECT FROM zone_country z WHERE z.country = a.country)
	   AND NOT EXISTS (SELECT FROM zone_country z WHERE z.country = a.country
	                      AND z.zone = s.time_zone)
  ) f (account_id, tier, rule, entity, entity_id, field, detail)
  JOIN quality_rule r ON r.code = f.rule
  JOIN quality_severity s ON s.severity = r.severity;
