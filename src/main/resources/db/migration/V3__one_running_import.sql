-- V3: a second fence behind the Redis lock. Even if Redis lost the lock (failover, network split),
-- PostgreSQL lets at most one import session be RUNNING at a time: the second PENDING -> RUNNING
-- update fails on this index and that session ends FAILED.
CREATE UNIQUE INDEX import_session_one_running ON import_session ((TRUE)) WHERE status = 'RUNNING';

-- The orphan watchdog looks for RUNNING sessions whose heartbeat stopped.
CREATE INDEX import_session_heartbeat_idx ON import_session (heartbeat_at) WHERE status IN ('PENDING', 'RUNNING');
