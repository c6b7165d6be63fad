-- "kam --sla 'müller gmbh'" and the client's :account look an account up
-- by its whole name, accents and case folded; a B-tree answers that
-- directly instead of a trigram scan with a recheck of every candidate.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE INDEX account_name_folded ON account (fold(name));
