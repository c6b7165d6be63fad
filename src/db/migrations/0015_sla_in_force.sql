-- Which service level applies, defined once for every reader: the card
-- of kam --sla, the client's SLA tab and Overview, and the account list.
--
-- The rule (kam(1), "Which service level applies"): of an account's
-- service levels valid today (valid_from <= today <= valid_to, no end
-- open), the one that started last applies, and of those that started
-- the same day the one entered last: a newer agreement replaces an older
-- one for the days both cover. With none valid today, the card shows the
-- one that starts (or started) last, with its state, so that
-- support sees what ran out or what is coming, and is never told that
-- support is open under it. `also_valid` names the others valid today.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE INDEX service_level_account_valid ON service_level (account_id, valid_from DESC, id DESC);

-- One row for an account that has any service level: its id, its state
-- (valid, upcoming, expired) and the other service levels valid today.
-- SQL and STABLE, so a caller's join inlines it and reads the index;
-- invoker's rights, so row-level security applies as everywhere.
CREATE FUNCTION account_service_level(account bigint)
RETURNS TABLE (id bigint, state text, also_valid text)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT s.id,
       CASE WHEN s.valid_from > current_date THEN 'upcoming'
            WHEN s.valid_to < current_date THEN 'expired' ELSE 'valid' END,
       (SELECT string_agg(format('%s (%s to %s)', o.name, o.valid_from,
                   coalesce(o.valid_to::text, 'open end')), ', '
                   ORDER BY o.valid_from DESC, o.id DESC)
          FROM kam.service_level o
         WHERE o.account_id = s.account_id AND o.id <> s.id
           AND o.valid_from <= current_date
           AND (o.valid_to IS NULL OR o.valid_to >= current_date)
           AND s.valid_from <= current_date
           AND (s.valid_to IS NULL OR s.valid_to >= current_date))
  FROM kam.service_level s
 WHERE s.account_id = account
 ORDER BY (s.valid_from <= current_date AND (s.valid_to IS NULL
           OR s.valid_to >= current_date)) DESC, s.valid_from DESC, s.id DESC
 LIMIT 1
$$;

-- The list's column: the service level in force, by the rule above.
CREATE OR REPLACE VIEW account_list WITH (security_invoker = true) AS
SELECT a.id, a.erp_id, a.name, a.legal_name, a.vat_id, a.tier, a.owner_id,
       o.role_name AS owner_role, o.display_name AS owner_name, a.team,
       a.industry, a.country, a.city, a.lifecycle, a.status, a.currency,
       s.name AS sla_name, lc.last_contact_at, nf.next_follow_up_on
  FROM account a
  LEFT JOIN app_user o ON o.id = a.owner_id
  LEFT JOIN LATERAL (
	SELECT x.name FROM account_service_level(a.id) f
	  JOIN service_level x ON x.id = f.id
	 WHERE f.state = 'valid') s ON true
  LEFT JOIN LATERAL (
	SELECT max(i.occurred_at) AS last_contact_at FROM interaction i
	 WHERE i.account_id = a.id) lc ON true
  LEFT JOIN LATERAL (
	SELECT min(i.follow_up_on) AS next_follow_up_on FROM interaction i
	 WHERE i.account_id = a.id AND i.follow_up_on >= current_date) nf ON true;
