-- The audit trigger runs as kam_owner and looks up the plan of a changed
-- plan_action to record its account; row-level security is forced on
-- account_plan and had no policy for kam_owner, so that lookup saw no row
-- and plan_action audit entries had no account. kam_owner is the non-login
-- owner role: letting it read plans widens nobody's access.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE POLICY kam_owner_read ON account_plan FOR SELECT TO kam_owner
	USING (true);

