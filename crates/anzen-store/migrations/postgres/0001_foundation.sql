-- Foundation: organisations, offerings with their scope verdict history, contracts and
-- supply links. Ids are UUID text, timestamps RFC 3339 UTC text with microseconds, dates
-- ISO text, booleans 0/1. Every owned row carries its owning organisation (org_id).

CREATE TABLE organisations (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('provider', 'medical_institution', 'partner')),
    institution_kind TEXT,
    name             TEXT NOT NULL,
    registered_by    TEXT REFERENCES organisations (id),
    created_at       TEXT NOT NULL,
    CHECK ((kind = 'medical_institution') = (institution_kind IS NOT NULL))
);
CREATE INDEX organisations_registered_by ON organisations (registered_by, name);
CREATE INDEX organisations_name ON organisations (name, id);

CREATE TABLE offerings (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    name         TEXT NOT NULL,
    description  TEXT,
    profile_json TEXT NOT NULL,
    verdict_json TEXT NOT NULL,
    in_scope     BIGINT NOT NULL CHECK (in_scope IN (0, 1)),
    categories   TEXT NOT NULL,
    revision     BIGINT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX offerings_org_name ON offerings (org_id, name, id);

CREATE TABLE scope_verdicts (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    offering_id  TEXT NOT NULL REFERENCES offerings (id),
    sequence     BIGINT NOT NULL,
    profile_json TEXT NOT NULL,
    verdict_json TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    UNIQUE (offering_id, sequence)
);

CREATE TABLE contracts (
    id             TEXT PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES organisations (id),
    institution_id TEXT NOT NULL REFERENCES organisations (id),
    provider_id    TEXT NOT NULL REFERENCES organisations (id),
    offering_id    TEXT NOT NULL REFERENCES offerings (id),
    kind           TEXT NOT NULL CHECK (kind IN ('provision', 'operation', 'maintenance', 'sale')),
    starts_on      TEXT NOT NULL,
    ends_on        TEXT,
    reference      TEXT,
    created_at     TEXT NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX contracts_org ON contracts (org_id, starts_on, id);
CREATE INDEX contracts_institution ON contracts (institution_id);
CREATE INDEX contracts_offering ON contracts (offering_id);

CREATE TABLE supply_links (
    id                   TEXT PRIMARY KEY,
    org_id               TEXT NOT NULL REFERENCES organisations (id),
    offering_id          TEXT NOT NULL REFERENCES offerings (id),
    layer                TEXT NOT NULL CHECK (layer IN ('application', 'platform', 'infrastructure')),
    code                 TEXT NOT NULL CHECK (code IN ('A1', 'A2', 'P1', 'P2', 'I1', 'I2')),
    supplier_id          TEXT NOT NULL REFERENCES organisations (id),
    supplier_offering_id TEXT REFERENCES offerings (id),
    selected_by          TEXT NOT NULL REFERENCES organisations (id),
    contract_holder      TEXT NOT NULL REFERENCES organisations (id),
    description          TEXT,
    created_at           TEXT NOT NULL
);
CREATE INDEX supply_links_org_offering ON supply_links (org_id, offering_id);
CREATE INDEX supply_links_supplier ON supply_links (supplier_id);
