-- Incidents and the crisis response (GL 3.2 危機管理対応時, FAQ 3): an incident of an
-- offering, owned by its provider (org_id), with what happened, when it occurred and was
-- detected, what it harmed (confidentiality, integrity, availability as 0/1), the remedial
-- actions, the cause and the re-occurrence prevention measures. prevention_version counts the
-- versions of the measures (an institution's answer is to one version); revision guards
-- concurrent updates. Its recording, updates and answers are audited in their transactions.
CREATE TABLE incidents (
    id                 TEXT PRIMARY KEY,
    org_id             TEXT NOT NULL REFERENCES organisations (id),
    offering_id        TEXT NOT NULL REFERENCES offerings (id),
    title              TEXT NOT NULL,
    description        TEXT NOT NULL,
    occurred_at        TEXT NOT NULL,
    detected_at        TEXT NOT NULL,
    confidentiality    INTEGER NOT NULL,
    integrity          INTEGER NOT NULL,
    availability       INTEGER NOT NULL,
    actions            TEXT,
    cause              TEXT,
    prevention         TEXT,
    prevention_version INTEGER NOT NULL,
    revision           INTEGER NOT NULL,
    recorded_by        TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    closed_by          TEXT,
    closed_at          TEXT
);
CREATE INDEX incidents_org ON incidents (org_id, detected_at);
CREATE INDEX incidents_offering ON incidents (offering_id, detected_at);

-- The institutions an incident affects (each one contracting the offering), with the
-- acknowledgement of the report and the latest answer to the prevention measures.
CREATE TABLE incident_parties (
    incident_id     TEXT NOT NULL REFERENCES incidents (id),
    institution_id  TEXT NOT NULL REFERENCES organisations (id),
    position        INTEGER NOT NULL,
    acknowledged_by TEXT,
    acknowledged_at TEXT,
    answer          TEXT,
    answer_reason   TEXT,
    answer_version  INTEGER,
    answered_by     TEXT,
    answered_at     TEXT,
    PRIMARY KEY (incident_id, institution_id)
);
CREATE INDEX incident_parties_institution ON incident_parties (institution_id, incident_id);
