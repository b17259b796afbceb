-- Catalogue tenancy: an imported Appendix 2 version belongs to the provider that imported it
-- (`imported_org`); one an operator imported without acting for an organisation
-- (`imported_org IS NULL`) is installation-wide. The same file or label may therefore be
-- imported by several providers: uniqueness is per owner. SQLite cannot drop a table
-- constraint, so the table is rebuilt (no other table refers to it).

CREATE TABLE control_catalogues_by_owner (
    id             TEXT PRIMARY KEY,
    catalogue      TEXT NOT NULL,
    version        TEXT NOT NULL,
    source_sha256  TEXT NOT NULL,
    source_name    TEXT NOT NULL,
    items          INTEGER NOT NULL,
    catalogue_json TEXT NOT NULL,
    report_json    TEXT NOT NULL,
    imported_by    TEXT NOT NULL,
    imported_org   TEXT REFERENCES organisations (id),
    imported_at    TEXT NOT NULL
);
INSERT INTO control_catalogues_by_owner
    SELECT id, catalogue, version, source_sha256, source_name, items, catalogue_json, report_json,
           imported_by, imported_org, imported_at
    FROM control_catalogues;
DROP TABLE control_catalogues;
ALTER TABLE control_catalogues_by_owner RENAME TO control_catalogues;
CREATE INDEX control_catalogues_order ON control_catalogues (catalogue, imported_at);
CREATE UNIQUE INDEX control_catalogues_owner_sha256
    ON control_catalogues (catalogue, COALESCE(imported_org, ''), source_sha256);
CREATE UNIQUE INDEX control_catalogues_owner_version
    ON control_catalogues (catalogue, COALESCE(imported_org, ''), version);
