-- Columns and indexes that let lists and dashboards answer without decoding each offering's
-- JSON: whether the verdict covers non-medical data, and contracts by end date.

ALTER TABLE offerings ADD COLUMN covers_non_medical INTEGER NOT NULL DEFAULT 0;
UPDATE offerings
SET covers_non_medical = CASE WHEN json_extract(verdict_json, '$.covers_non_medical_data') THEN 1 ELSE 0 END;
CREATE INDEX offerings_org_scope ON offerings (org_id, in_scope, name);
CREATE INDEX contracts_org_end ON contracts (org_id, ends_on);
CREATE INDEX contracts_institution_end ON contracts (institution_id, ends_on);
