-- Safety-management evaluations of an offering (GL 4.3; Table 4-1 ②-4): who evaluated
-- (self-assessment, independent internal audit or a third party), when, what it covered,
-- the overall result and the findings (each with its severity and, once raised, the risk or
-- planned Appendix 2 statement it led to) as JSON. A finding's follow-up changes the row
-- under its revision (a stale change is refused).
CREATE TABLE safety_evaluations (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organisations (id),
    offering_id     TEXT NOT NULL REFERENCES offerings (id),
    evaluator_type  TEXT NOT NULL CHECK (evaluator_type IN ('self_assessment', 'internal_audit', 'external')),
    evaluated_on    TEXT NOT NULL,
    result          TEXT NOT NULL CHECK (result IN ('satisfactory', 'satisfactory_with_findings', 'unsatisfactory')),
    evaluation_json TEXT NOT NULL,
    revision        BIGINT NOT NULL,
    recorded_by     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX safety_evaluations_offering ON safety_evaluations (offering_id, evaluated_on, recorded_at);
CREATE INDEX safety_evaluations_org ON safety_evaluations (org_id, evaluated_on);

-- A provider's claim that the certification requirement does not apply to it (GL 4.4: it
-- does not handle medical information directly; FAQ 4.2). Each change is a new row of the
-- organisation's sequence; a withdrawal is a row without basis. The latest row is in force.
CREATE TABLE certification_exemptions (
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    seq         BIGINT NOT NULL,
    basis       TEXT CHECK (basis IS NULL OR basis IN ('no_direct_handling', 'certification_in_progress', 'covered_by_partner', 'other')),
    reason      TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (org_id, seq),
    CHECK ((basis IS NULL) = (reason IS NULL))
);
