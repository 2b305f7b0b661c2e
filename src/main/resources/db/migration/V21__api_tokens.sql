-- V21 (issue 24): API tokens, for machines (Prometheus, deploy scripts) that call /api many times:
-- `Authorization: Bearer <token>` costs one indexed lookup instead of a password hash per request.
--
-- An administrator issues a named token for a user; the token acts with that user's roles while the
-- user is enabled. The token itself is shown once, when it is issued; only its SHA-256 is kept (a
-- fast hash is enough: the token is 256 random bits, nothing to guess from a dictionary). Revoking
-- a token deletes its row (the audit trail keeps who issued and revoked it).
CREATE TABLE api_token (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name         VARCHAR(100)  NOT NULL,
    -- SHA-256 of the whole token, hex: what a request's token is looked up by.
    token_hash   CHAR(64)      NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now(),
    created_by   VARCHAR(100)  NOT NULL,
    -- When a request last signed in with it (written at most once a minute per token); null: never.
    last_used_at TIMESTAMPTZ,
    -- One name per user, so "the prometheus token of user metrics" means one thing.
    UNIQUE (user_id, name)
);
