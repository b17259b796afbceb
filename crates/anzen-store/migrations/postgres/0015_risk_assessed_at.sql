-- When a risk was last assessed (identified or reassessed). The institutions' agreement
-- covers it (FAQ 5.2: the residual risk is re-evaluated and agreed again), so a reassessment
-- asks for a new agreement even when the values stay the same. NULL for risks last assessed
-- before this column existed: their consents keep their digests.
ALTER TABLE risks ADD COLUMN assessed_at TEXT;
