-- Risk management (GL ch. 5): versioned risk matrices, the configuration and information
-- flows of each offering, the risk register, institutions' consents, the duties measures
-- place on institutions, and technology-change notices.

CREATE TABLE risk_matrices (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    version     BIGINT NOT NULL,
    matrix_json TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (org_id, version)
);

CREATE TABLE components (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    offering_id TEXT NOT NULL REFERENCES offerings (id),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    environment TEXT NOT NULL,
    location    TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX components_offering ON components (org_id, offering_id);

CREATE TABLE information_flows (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES organisations (id),
    offering_id      TEXT NOT NULL REFERENCES offerings (id),
    who              TEXT NOT NULL,
    place            TEXT NOT NULL,
    device_or_medium TEXT NOT NULL,
    what             TEXT NOT NULL,
    how              TEXT NOT NULL,
    class            TEXT NOT NULL,
    environment      TEXT NOT NULL,
    components_json  TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX information_flows_offering ON information_flows (org_id, offering_id);

CREATE TABLE risks (
    id                  TEXT PRIMARY KEY,
    org_id              TEXT NOT NULL REFERENCES organisations (id),
    offering_id         TEXT NOT NULL REFERENCES offerings (id),
    flow_id             TEXT REFERENCES information_flows (id),
    title               TEXT NOT NULL,
    threat              TEXT NOT NULL,
    vulnerability       TEXT NOT NULL,
    cia                 TEXT NOT NULL,
    matrix_id           TEXT NOT NULL REFERENCES risk_matrices (id),
    matrix_version      BIGINT NOT NULL,
    impact              BIGINT NOT NULL,
    likelihood          BIGINT NOT NULL,
    level               TEXT NOT NULL,
    treatment_option    TEXT,
    treatment_json      TEXT,
    residual_json       TEXT,
    residual_impact     BIGINT,
    residual_likelihood BIGINT,
    residual_level      TEXT,
    explanation         TEXT NOT NULL,
    next_review         TEXT,
    review_flags_json   TEXT NOT NULL,
    status              TEXT NOT NULL,
    revision            BIGINT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX risks_org_offering ON risks (org_id, offering_id);
CREATE INDEX risks_org_level ON risks (org_id, level);
CREATE INDEX risks_org_status ON risks (org_id, status);
CREATE INDEX risks_org_review ON risks (org_id, next_review);

CREATE TABLE risk_consents (
    id             TEXT PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES organisations (id),
    risk_id        TEXT NOT NULL REFERENCES risks (id),
    institution_id TEXT NOT NULL REFERENCES organisations (id),
    user_id        TEXT NOT NULL REFERENCES users (id),
    user_name      TEXT NOT NULL,
    digest         TEXT NOT NULL,
    at             TEXT NOT NULL
);
CREATE INDEX risk_consents_risk ON risk_consents (risk_id);

-- The measures a treatment places on an institution (FAQ 5.2), for that institution's view.
CREATE TABLE risk_duties (
    risk_id        TEXT NOT NULL REFERENCES risks (id),
    position       BIGINT NOT NULL,
    institution_id TEXT NOT NULL REFERENCES organisations (id),
    description    TEXT NOT NULL,
    PRIMARY KEY (risk_id, position)
);
CREATE INDEX risk_duties_institution ON risk_duties (institution_id);

CREATE TABLE tech_notices (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations (id),
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    risks_marked BIGINT NOT NULL,
    raised_by    TEXT NOT NULL,
    raised_at    TEXT NOT NULL
);
