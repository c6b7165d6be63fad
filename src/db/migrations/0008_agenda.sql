-- What the agenda (src/domain/agenda.c) and the account's Changes tab
-- read fast. A follow-up stays open until its author, or the user whose
-- agenda it is, logs a later entry on the same account: the follow-ups a
-- user logged come from their own index, whole (no visit to the table
-- for the many that turn out answered), and "the last entry of this
-- author on this account" is one probe into an index that holds all it
-- needs.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE INDEX interaction_author_follow_up ON interaction (author_id, follow_up_on)
	INCLUDE (account_id, occurred_at, id) WHERE follow_up_on IS NOT NULL;
CREATE INDEX interaction_account_author ON interaction
	(account_id, author_id, occurred_at);

-- The Changes tab pages through an account's audit log by (at, id): the
-- changes of one transaction share their time, so the id must be in the
-- index too, or every page would read them all again.
DROP INDEX audit_log_account;
CREATE INDEX audit_log_account ON audit_log (account_id, at DESC, id DESC);
