-- The register of issued documents (risk treatment list, Table 4-1 disclosure pack,
-- responsibility division, Appendix 2 statement, diagram, device ledger, audit excerpt).
-- Each issue keeps the SHA-256 of the file as issued (to verify a file later), the digest
-- of the data it was generated from, the digest of each entry (to say what changed at the
-- next issue), and who issued it for whom. Its audit entry is written in the same
-- transaction.
CREATE TABLE issued_documents (
    number          TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organisations (id),
    kind            TEXT NOT NULL,
    format          TEXT NOT NULL,
    offering_id     TEXT NOT NULL REFERENCES offerings (id),
    institution_id  TEXT REFERENCES organisations (id),
    version         INTEGER NOT NULL,
    sha256          TEXT NOT NULL UNIQUE,
    size_bytes      INTEGER NOT NULL,
    source_digest   TEXT NOT NULL,
    params          TEXT NOT NULL,
    entries         TEXT NOT NULL,
    changes         TEXT NOT NULL,
    issued_by       TEXT NOT NULL,
    issued_by_user  TEXT REFERENCES users (id),
    issued_at       TEXT NOT NULL
);
CREATE INDEX issued_documents_series ON issued_documents (kind, offering_id, institution_id, issued_at);
CREATE INDEX issued_documents_org ON issued_documents (org_id, issued_at);
CREATE INDEX issued_documents_institution ON issued_documents (institution_id, issued_at);
