-- Issue 19: every refused call of the 1C exchange is seen. One row per refused call: when, from which
-- client address, as which user (as given; never a password), in which mode, why. The exchange page
-- and GET /api/exchanges/refusals list them newest first; /api/metrics counts them by kind. Kept as
-- long as the import history (the retention job).
CREATE TABLE exchange_refusal (
    id           BIGSERIAL PRIMARY KEY,
    at           TIMESTAMPTZ  NOT NULL,
    address      VARCHAR(100),
    user_name    VARCHAR(100),
    mode         VARCHAR(32),
    kind         VARCHAR(32)  NOT NULL,
    reason       TEXT         NOT NULL,                 -- in English, for logs and the API
    reason_key   VARCHAR(100),                          -- the message key and its arguments (JSON array),
    reason_args  TEXT,                                  -- for the page in the reader's language (as V17)
    exchange_id  BIGINT REFERENCES exchange (id) ON DELETE SET NULL
);
CREATE INDEX exchange_refusal_at_idx ON exchange_refusal (at DESC);
CREATE INDEX exchange_refusal_exchange_idx ON exchange_refusal (exchange_id, at DESC);
