-- Catalogue tenancy: an imported Appendix 2 version belongs to the provider that imported it
-- (`imported_org`); one an operator imported without acting for an organisation
-- (`imported_org IS NULL`) is installation-wide. The same file or label may therefore be
-- imported by several providers: uniqueness is per owner.

ALTER TABLE control_catalogues DROP CONSTRAINT IF EXISTS control_catalogues_catalogue_source_sha256_key;
ALTER TABLE control_catalogues DROP CONSTRAINT IF EXISTS control_catalogues_catalogue_version_key;
CREATE UNIQUE INDEX control_catalogues_owner_sha256
    ON control_catalogues (catalogue, COALESCE(imported_org, ''), source_sha256);
CREATE UNIQUE INDEX control_catalogues_owner_version
    ON control_catalogues (catalogue, COALESCE(imported_org, ''), version);
