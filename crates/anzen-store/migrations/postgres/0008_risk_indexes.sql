-- Indexes for the risk register at scale (10,000 risks per provider, issue 4 benchmark).
-- The heat maps count risks per (impact, likelihood) cell, inherent and residual: with
-- these covering indexes the count is an index-only scan instead of a table scan.
CREATE INDEX risks_heat_inherent ON risks (org_id, impact, likelihood);
CREATE INDEX risks_heat_residual ON risks (org_id, residual_impact, residual_likelihood);
-- The register lists a provider's risks ordered by level, then title: one index walk.
DROP INDEX risks_org_level;
CREATE INDEX risks_org_level_title ON risks (org_id, level, title, id);
-- The risks of one offering (its register, its statement table) in the same order: without
-- it SQLite walks the index above through every risk of the provider.
DROP INDEX risks_org_offering;
CREATE INDEX risks_org_offering_order ON risks (org_id, offering_id, level, title, id);
