-- The sync through any connection pooler. Until now one sync at a time was
-- the table lock of migration 0012, held by a transaction left open on a
-- connection of its own, and a full listing remembered the ids it saw in
-- a temporary table that lived as long as the session. Behind PgBouncer in
-- transaction pooling neither holds: a session is not a client's between
-- transactions ("Transaction pooling" in pgbouncer/pgbouncer doc/usage.md;
-- session state, temporary tables and session locks stay with whichever
-- server connection ran them). Everything the sync keeps between its
-- transactions now lives in ordinary rows.
--
-- sync_lease: the single row of the sync that runs. Taken with one
-- INSERT ... ON CONFLICT DO UPDATE that succeeds only when there is no
-- lease or it has expired; renewed (heartbeat_at, expires_at) inside every
-- page's transaction, so a page commits only while its sync holds the
-- lease; deleted when the sync ends. A sync that died leaves its row,
-- which the next one takes over once expires_at has passed. Only kam_sync
-- writes it; whoever reads the sync's runs may see who holds it.
--
-- sync_seen: the ids a full listing named, per run and resource, until the
-- run has flagged what the ERP no longer lists. Rows of a run that died are
-- removed by the next run that holds the lease.

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

DROP TABLE sync_lock;

CREATE TABLE sync_lease (
	one		boolean PRIMARY KEY DEFAULT true CHECK (one),
	holder		uuid NOT NULL,
	held_by		text NOT NULL DEFAULT session_user,
	client		text NOT NULL,
	taken_at	timestamptz NOT NULL DEFAULT now(),
	heartbeat_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL,
	CONSTRAINT expires_after_heartbeat CHECK (expires_at > heartbeat_at)
);

CREATE TABLE sync_seen (
	run_id		bigint NOT NULL REFERENCES sync_run ON DELETE CASCADE,
	resource	text NOT NULL,
	erp_id		text NOT NULL,
	PRIMARY KEY (run_id, resource, erp_id)
);

ALTER TABLE sync_lease ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_lease FORCE ROW LEVEL SECURITY;
ALTER TABLE sync_seen ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_seen FORCE ROW LEVEL SECURITY;
REVOKE ALL ON sync_lease, sync_seen FROM PUBLIC;

GRANT SELECT ON sync_lease TO kam_manager, kam_support, kam_admin;
CREATE POLICY kam_read ON sync_lease FOR SELECT
	TO kam_manager, kam_support, kam_admin USING (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON sync_lease, sync_seen TO kam_sync;
CREATE POLICY kam_sync_all ON sync_lease FOR ALL TO kam_sync
	USING (true) WITH CHECK (true);
CREATE POLICY kam_sync_all ON sync_seen FOR ALL TO kam_sync
	USING (true) WITH CHECK (true);
