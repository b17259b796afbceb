-- The MHLW cybersecurity checklist, provider version (事業者確認用; guideline-notes §7).
-- Editions imported beside the built-in one, kept as the catalogue text they were read from;
-- owner_key is the importing provider's id, or '' for an installation-wide edition.
CREATE TABLE checklist_editions (
    owner_key   TEXT NOT NULL,
    label       TEXT NOT NULL,
    fiscal_year BIGINT NOT NULL,
    source_text TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (owner_key, label)
);

-- One offering's answers to one edition (はい / いいえ, the day checked, the target day of
-- each いいえ, the evidence, who answered) as JSON, saved as a whole under its revision: a
-- stale save is refused.
CREATE TABLE checklist_sheets (
    offering_id  TEXT NOT NULL REFERENCES offerings (id),
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    edition      TEXT NOT NULL,
    revision     BIGINT NOT NULL,
    answers_json TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (offering_id, edition)
);
CREATE INDEX checklist_sheets_org ON checklist_sheets (org_id, edition);
