-- Reviews that follow change (GL 5.1.7): an information flow or a component is edited under a
-- revision; once
-- a flow is edited, each risk assessed on it keeps the flow's content as it was assessed
-- (one row per risk, written at the first edit after its assessment and removed by its
-- reassessment: no row means the risk was assessed on the flow as it is now); a
-- technology-change notice names the control whose technology changed.

ALTER TABLE information_flows ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
ALTER TABLE components ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;

ALTER TABLE tech_notices ADD COLUMN control_key TEXT;

CREATE TABLE risk_assessed_flows (
    risk_id          TEXT PRIMARY KEY REFERENCES risks (id),
    org_id           TEXT NOT NULL REFERENCES organisations (id),
    flow_id          TEXT NOT NULL REFERENCES information_flows (id),
    flow_revision    BIGINT NOT NULL,
    who              TEXT NOT NULL,
    place            TEXT NOT NULL,
    device_or_medium TEXT NOT NULL,
    what             TEXT NOT NULL,
    how              TEXT NOT NULL,
    class            TEXT NOT NULL,
    environment      TEXT NOT NULL,
    components_json  TEXT NOT NULL,
    recorded_at      TEXT NOT NULL
);
CREATE INDEX risk_assessed_flows_flow ON risk_assessed_flows (org_id, flow_id);
