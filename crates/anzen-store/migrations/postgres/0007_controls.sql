-- Controls (FAQ 5.3, 5.4, 7): imported versions of the Appendix 2 catalogue (reference data of
-- the whole installation, never changed once written), the controls each provider defines
-- itself, and the statements of applicability of each offering with their history (a change
-- appends a version; the newest, `is_current = 1`, is the statement in force).

CREATE TABLE control_catalogues (
    id             TEXT PRIMARY KEY,
    catalogue      TEXT NOT NULL,
    version        TEXT NOT NULL,
    source_sha256  TEXT NOT NULL,
    source_name    TEXT NOT NULL,
    items          BIGINT NOT NULL,
    catalogue_json TEXT NOT NULL,
    report_json    TEXT NOT NULL,
    imported_by    TEXT NOT NULL,
    imported_org   TEXT REFERENCES organisations (id),
    imported_at    TEXT NOT NULL,
    UNIQUE (catalogue, source_sha256),
    UNIQUE (catalogue, version)
);
CREATE INDEX control_catalogues_order ON control_catalogues (catalogue, imported_at);

CREATE TABLE provider_controls (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    control_key TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (org_id, control_key)
);

CREATE TABLE control_statements (
    id                 TEXT PRIMARY KEY,
    org_id             TEXT NOT NULL REFERENCES organisations (id),
    offering_id        TEXT NOT NULL REFERENCES offerings (id),
    subject_kind       TEXT NOT NULL,
    catalogue_version  TEXT NOT NULL,
    subject_key        TEXT NOT NULL,
    seq                BIGINT NOT NULL,
    is_current         BIGINT NOT NULL,
    status             TEXT NOT NULL,
    applicability_json TEXT NOT NULL,
    risks_json         TEXT NOT NULL,
    stated_by          TEXT NOT NULL,
    stated_at          TEXT NOT NULL,
    UNIQUE (offering_id, subject_kind, catalogue_version, subject_key, seq)
);
CREATE UNIQUE INDEX control_statements_one_current
    ON control_statements (offering_id, subject_kind, catalogue_version, subject_key) WHERE is_current = 1;
CREATE INDEX control_statements_org ON control_statements (org_id, is_current);
CREATE INDEX control_statements_offering ON control_statements (offering_id, is_current);
