-- The thread of a risk with each affected institution (GL 5.1.6 (1) risk communication):
-- questions and declines written by the institution, answers written by the provider. A
-- decline is tied to the digest of the content shown; it keeps the treatment from taking
-- effect until an answer replies to it or the content changes.
CREATE TABLE risk_thread (
    id             TEXT PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES organisations (id),
    risk_id        TEXT NOT NULL REFERENCES risks (id),
    institution_id TEXT NOT NULL REFERENCES organisations (id),
    kind           TEXT NOT NULL,
    body           TEXT NOT NULL,
    in_reply_to    TEXT REFERENCES risk_thread (id),
    digest         TEXT NOT NULL,
    user_id        TEXT NOT NULL REFERENCES users (id),
    user_name      TEXT NOT NULL,
    at             TEXT NOT NULL
);
CREATE INDEX risk_thread_risk ON risk_thread (risk_id);
CREATE INDEX risk_thread_open ON risk_thread (org_id, kind);
