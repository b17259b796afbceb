-- Supply chain and agreements (FAQ 2–4, 6.1): certifications, the device ledger, lifecycle
-- agreements and their consents, staged disclosure to institutions, and change
-- notifications with their recipients.

CREATE TABLE certifications (
    id                    TEXT PRIMARY KEY,
    org_id                TEXT NOT NULL REFERENCES organisations (id),
    kind                  TEXT NOT NULL,
    auditor_qualification TEXT,
    equivalent_name       TEXT,
    scope                 TEXT NOT NULL,
    issuer                TEXT NOT NULL,
    valid_from            TEXT NOT NULL,
    valid_to              TEXT NOT NULL,
    created_at            TEXT NOT NULL
);
CREATE INDEX certifications_org ON certifications (org_id, valid_to);

CREATE TABLE devices (
    id             TEXT PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES organisations (id),
    institution_id TEXT REFERENCES organisations (id),
    serial         TEXT NOT NULL,
    device_json    TEXT NOT NULL,
    disposed       BIGINT NOT NULL,
    revision       BIGINT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (org_id, serial)
);
CREATE INDEX devices_institution ON devices (org_id, institution_id);

CREATE TABLE agreements (
    id                 TEXT NOT NULL,
    org_id             TEXT NOT NULL REFERENCES organisations (id),
    kind               TEXT NOT NULL,
    counterparty_id    TEXT NOT NULL REFERENCES organisations (id),
    contract_id        TEXT REFERENCES contracts (id),
    version            BIGINT NOT NULL,
    subcontractors     TEXT NOT NULL,
    entries_json       TEXT NOT NULL,
    digest             TEXT NOT NULL,
    reagreement_reason TEXT,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE INDEX agreements_org ON agreements (org_id, contract_id);
CREATE INDEX agreements_counterparty ON agreements (counterparty_id);

CREATE TABLE agreement_consents (
    agreement_id TEXT NOT NULL,
    version      BIGINT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id),
    user_name    TEXT NOT NULL,
    party_id     TEXT NOT NULL REFERENCES organisations (id),
    digest       TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (agreement_id, version, user_id)
);

CREATE TABLE disclosures (
    id             TEXT PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES organisations (id),
    institution_id TEXT NOT NULL REFERENCES organisations (id),
    item_key       TEXT NOT NULL,
    item_title     TEXT NOT NULL,
    stage          TEXT NOT NULL,
    answer         TEXT NOT NULL,
    source         TEXT NOT NULL,
    disclosed_by   TEXT NOT NULL,
    disclosed_at   TEXT NOT NULL
);
CREATE INDEX disclosures_institution ON disclosures (org_id, institution_id, disclosed_at);

CREATE TABLE notifications (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    change_kind TEXT NOT NULL,
    change_ref  TEXT NOT NULL,
    summary     TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE notification_recipients (
    notification_id TEXT NOT NULL REFERENCES notifications (id),
    recipient_id    TEXT NOT NULL REFERENCES organisations (id),
    reasons         TEXT NOT NULL,
    emails          TEXT NOT NULL,
    mail_status     TEXT NOT NULL,
    mailed_at       TEXT,
    mail_error      TEXT,
    acknowledged_by TEXT,
    acknowledged_at TEXT,
    PRIMARY KEY (notification_id, recipient_id)
);
CREATE INDEX notification_recipients_recipient ON notification_recipients (recipient_id, notification_id);

-- FAQ 2.1 R3: whether the offering's provider can see into a supplied component.
ALTER TABLE supply_links ADD COLUMN visibility TEXT NOT NULL DEFAULT 'known';
