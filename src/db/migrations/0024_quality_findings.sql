-- Data quality, part 2 (issue 15, items 1 and 2): the rules of 0023
-- evaluated by one view that kam, psql and any BI tool share, and a
-- score per account.
--
-- kam.quality_finding  one row per finding: the account, the rule, its
--                      kind and severity, the account's tier, the row at
--                      fault (entity, entity_id), the field to fix and
--                      the detail in words
-- kam.account_quality  per account: the score (100 less the points of
--                      each rule it breaks, counted once however many of
--                      its rows break it; never below 0) and its findings
--                      by severity; churned accounts are not rated
--
-- Both are views with the invoker's rights: row-level security applies
-- as everywhere. They read plans, which support may not, so managers and
-- administrators read them. A churned account is out of every rule.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

-- Each rule applies to the accounts of the tiers it has a row for, with
-- that tier's threshold.
CREATE VIEW quality_scope WITH (security_invoker = true) AS
SELECT a.id, a.tier, a.owner_id, a.team, a.country, a.vat_id,
       a.vat_id_normal, a.status, a.erp_deleted, a.created_at,
       t.rule, t.threshold
  FROM account a
  JOIN quality_rule_tier t ON t.tier = a.tier
 WHERE a.status <> 'churned';

CREATE VIEW quality_finding WITH (security_invoker = true) AS
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
  ) f (account_id, tier, rule, entity, entity_id, field, detail)
  JOIN quality_rule r ON r.code = f.rule
  JOIN quality_severity s ON s.severity = r.severity;

CREATE VIEW account_quality WITH (security_invoker = true) AS
SELECT a.id AS account_id,
       CASE WHEN a.status <> 'churned'
            THEN greatest(0, 100 - coalesce(q.points, 0)) END AS score,
       coalesce(q.findings, 0) AS findings,
       coalesce(q.high, 0) AS high,
       coalesce(q.medium, 0) AS medium,
       coalesce(q.low, 0) AS low
  FROM account a
  LEFT JOIN (
	SELECT r.account_id, sum(s.penalty)::int AS points,
	       sum(r.n)::int AS findings,
	       coalesce(sum(r.n) FILTER (WHERE r.severity = 'high'), 0)::int AS high,
	       coalesce(sum(r.n) FILTER (WHERE r.severity = 'medium'), 0)::int AS medium,
	       coalesce(sum(r.n) FILTER (WHERE r.severity = 'low'), 0)::int AS low
	  FROM (SELECT f.account_id, f.severity, count(*) AS n
	          FROM quality_finding f
	         GROUP BY f.account_id, f.rule, f.severity) r
	  JOIN quality_severity s ON s.severity = r.severity
	 GROUP BY r.account_id) q ON q.account_id = a.id;

GRANT SELECT ON quality_scope, quality_finding, account_quality
	TO kam_manager, kam_admin;
