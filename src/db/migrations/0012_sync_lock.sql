-- One ERP sync at a time, and only the sync can be that one. The sync
-- used to hold an advisory lock, and advisory locks have neither owner
-- nor privileges: any login could run SELECT pg_advisory_lock(7037293, 1)
-- and block every sync for as long as its session lived. A table lock has
-- privileges: LOCK TABLE ... IN EXCLUSIVE MODE needs UPDATE on the table,
-- and only kam_sync holds it here; everyone else may at most read, which
-- takes ACCESS SHARE and blocks nothing.
--
-- The sync takes the lock in a transaction of its own, on a connection of
-- its own, for the whole run (src/erp/erp_runlog.c): the server lets it go
-- when that transaction or its session ends, however the sync ends. That
-- transaction writes nothing and holds no snapshot between statements, so
-- it keeps no xid open for vacuum to wait on.
--
-- The table has no column and never a row; with no policy, nobody could
-- write one. Nothing changes in it, so autovacuum has nothing to do there
-- (and its lock would make a sync's NOWAIT fail).

SET LOCAL ROLE kam_owner;
SET LOCAL search_path = kam, public;

CREATE TABLE sync_lock () WITH (autovacuum_enabled = false);
ALTER TABLE sync_lock ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_lock FORCE ROW LEVEL SECURITY;
REVOKE ALL ON sync_lock FROM PUBLIC;
GRANT UPDATE ON sync_lock TO kam_sync;
