-- 運用管理規程 (GL 5.1.6 (2), FAQ 6.1): the versions a provider issues, for every offering
-- (offering_key '') or for one offering that differs (offering_key = its id), each with its
-- sections (content_json) and the SHA-256 an institution agrees to; and each contracted
-- institution's responses (agree to the exact digest, decline with a reason, question) and
-- the provider's answers. A version number is taken once per provider and offering: two
-- concurrent issues cannot both become the same version.
CREATE TABLE operational_rules (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organisations (id),
    offering_key  TEXT NOT NULL,
    version       BIGINT NOT NULL,
    content_json  TEXT NOT NULL,
    digest        TEXT NOT NULL,
    issued_by     TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    UNIQUE (org_id, offering_key, version)
);
CREATE TABLE operational_rules_responses (
    id              TEXT PRIMARY KEY,
    rules_id        TEXT NOT NULL REFERENCES operational_rules (id),
    org_id          TEXT NOT NULL REFERENCES organisations (id),
    institution_id  TEXT NOT NULL REFERENCES organisations (id),
    kind            TEXT NOT NULL,
    text            TEXT NOT NULL,
    digest          TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users (id),
    user_name       TEXT NOT NULL,
    at              TEXT NOT NULL
);
CREATE INDEX operational_rules_responses_rules ON operational_rules_responses (rules_id, at);
