-- V10: the 1C HTTP exchange (/1c_exchange). Everything an exchange needs between two calls lives
-- here, so any node of a cluster can serve any call of one exchange.

-- One exchange: from 1C's first checkauth to its last call. Later checkauth/init cycles of the same
-- user (1C sends goods, then prices, then stock) join the open exchange instead of starting anew.
CREATE TABLE exchange (
    id              BIGSERIAL PRIMARY KEY,
    kind            VARCHAR(16)  NOT NULL,               -- catalog | sale
    user_name       VARCHAR(100) NOT NULL,
    remote_address  VARCHAR(100),
    started_at      TIMESTAMPTZ  NOT NULL,
    last_call_at    TIMESTAMPTZ  NOT NULL,
    last_mode       VARCHAR(16),
    completed_at    TIMESTAMPTZ,                         -- mode=complete (1C does not always send it)
    files_deleted_at TIMESTAMPTZ                         -- staged files removed after the keep time
);
CREATE INDEX exchange_user_idx ON exchange (user_name, last_call_at DESC);
CREATE INDEX exchange_last_call_idx ON exchange (last_call_at DESC);

-- Tokens handed out by checkauth, stored as SHA-256 hex: a database dump does not let anyone in.
CREATE TABLE exchange_token (
    token_hash  CHAR(64)    PRIMARY KEY,
    exchange_id BIGINT      NOT NULL REFERENCES exchange (id) ON DELETE CASCADE,
    issued_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX exchange_token_exchange_idx ON exchange_token (exchange_id);

-- A set of received files that one import session reads. The first mode=import of an exchange
-- makes one of all files not yet imported; session_id stays NULL while it waits for the lock.
CREATE TABLE exchange_batch (
    id              BIGSERIAL PRIMARY KEY,
    exchange_id     BIGINT      NOT NULL REFERENCES exchange (id) ON DELETE CASCADE,
    created_at      TIMESTAMPTZ NOT NULL,
    folder          VARCHAR(1000) NOT NULL,
    zip_entries     TEXT,                                -- names inside a received zip, one per line
    start_claimed_at TIMESTAMPTZ,                        -- a node is starting it (guards a double start)
    session_id      BIGINT REFERENCES import_session (id) ON DELETE SET NULL,
    refused_message TEXT                                 -- gave up waiting for the lock
);
CREATE INDEX exchange_batch_exchange_idx ON exchange_batch (exchange_id, id DESC);
CREATE INDEX exchange_batch_session_idx ON exchange_batch (session_id);

-- One received file: appended chunk by chunk; batch_id NULL while it waits for an import.
CREATE TABLE exchange_file (
    id          BIGSERIAL PRIMARY KEY,
    exchange_id BIGINT        NOT NULL REFERENCES exchange (id) ON DELETE CASCADE,
    name        VARCHAR(1000) NOT NULL,
    size        BIGINT        NOT NULL DEFAULT 0,
    chunks      INT           NOT NULL DEFAULT 0,
    restarts    INT           NOT NULL DEFAULT 0,
    first_at    TIMESTAMPTZ   NOT NULL,
    last_at     TIMESTAMPTZ   NOT NULL,
    batch_id    BIGINT REFERENCES exchange_batch (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX exchange_file_waiting_idx ON exchange_file (exchange_id, name) WHERE batch_id IS NULL;
CREATE INDEX exchange_file_batch_idx ON exchange_file (batch_id);
