-- Accounts, sessions, API tokens, sign-in throttling and the signed audit chain.

ALTER TABLE organisations ADD COLUMN requires_mfa BIGINT NOT NULL DEFAULT 0;

CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    org_id               TEXT NOT NULL REFERENCES organisations (id),
    login                TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('provider_admin', 'provider_member', 'institution_reviewer', 'partner', 'auditor')),
    password_hash        TEXT NOT NULL,
    must_change_password BIGINT NOT NULL DEFAULT 1,
    mfa_secret           TEXT,
    mfa_enabled          BIGINT NOT NULL DEFAULT 0,
    mfa_last_step        BIGINT,
    recovery_codes       TEXT NOT NULL DEFAULT '[]',
    failed_logins        BIGINT NOT NULL DEFAULT 0,
    locked_until         TEXT,
    access_until         TEXT,
    disabled             BIGINT NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX users_org ON users (org_id, login);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state        TEXT NOT NULL CHECK (state IN ('mfa_pending', 'mfa_enrolment', 'active')),
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE throttle (
    key          TEXT NOT NULL,
    window_start TEXT NOT NULL,
    hits         BIGINT NOT NULL,
    PRIMARY KEY (key, window_start)
);

CREATE TABLE audit_log (
    seq           BIGINT PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    actor_user    TEXT,
    org_id        TEXT,
    action        TEXT NOT NULL,
    object_type   TEXT NOT NULL,
    object_id     TEXT NOT NULL,
    before_digest TEXT,
    after_digest  TEXT,
    summary       TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL,
    signature     TEXT NOT NULL,
    key_id        TEXT NOT NULL
);
CREATE INDEX audit_log_org ON audit_log (org_id, seq);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);

-- The head of the chain: one row, locked by every writer until it commits.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq  BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
