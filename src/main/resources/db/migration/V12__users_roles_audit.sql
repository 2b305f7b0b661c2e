-- Issue 20: users an administrator manages (roles admin, viewer, exchange, metrics; disabled instead
-- of deleted), sessions that end when a password or the roles change, and the audit trail.
-- It only adds; earlier migrations stay as they ran.

-- A disabled user cannot sign in anywhere; the row stays so the history keeps its names.
ALTER TABLE app_user ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT TRUE;
-- Bumped whenever the password, the roles or the enabled flag change. A signed-in console session
-- remembers the value it signed in with; a different value ends it on its next request, on any node.
ALTER TABLE app_user ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
-- When the user (password, roles, enabled) was last changed; null: never since it was created.
ALTER TABLE app_user ADD COLUMN changed_at TIMESTAMPTZ;

-- Every action that changes something, and every refused sign-in: who (the user name as given,
-- also for a refused one), from which client address (CATALOG_TRUSTED_PROXIES decides it), what,
-- and on what. Kept for catalog.audit.retention-days (a year by default) by the daily retention job.
CREATE TABLE audit_event (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    user_name VARCHAR(100),
    address   VARCHAR(64),
    action    VARCHAR(40)  NOT NULL,
    target    VARCHAR(500)
);

-- The audit page and GET /api/audit read newest first, filtered by action, user and time;
-- the retention job deletes from the old end.
CREATE INDEX audit_event_at_idx ON audit_event (at DESC, id DESC);
CREATE INDEX audit_event_action_idx ON audit_event (action, at DESC, id DESC);
CREATE INDEX audit_event_user_idx ON audit_event (user_name, at DESC, id DESC);
