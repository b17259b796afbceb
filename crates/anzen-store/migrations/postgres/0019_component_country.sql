-- Where a component stands (Table 4-1 ①-1, ②-1, ②-2; GL 6.1): its country as the ISO 3166-1
-- alpha-2 code, and whether it stores medical information (those answer the three rows).
ALTER TABLE components ADD COLUMN country TEXT;
ALTER TABLE components ADD COLUMN holds_medical_info BIGINT NOT NULL DEFAULT 0;
