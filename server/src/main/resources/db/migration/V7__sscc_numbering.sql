-- A client's own SSCC numbering moves out of tenant into a table of the facility module, which
-- allocates SSCCs: a module's SQL names only its own tables. No row: the installation's numbering
-- (unitrace.sscc.*) applies.
CREATE TABLE sscc_numbering (
  tenant_id BIGINT NOT NULL PRIMARY KEY REFERENCES tenant (id),
  company_prefix VARCHAR(12) NOT NULL,
  extension_digit SMALLINT NOT NULL
);

INSERT INTO sscc_numbering (tenant_id, company_prefix, extension_digit)
SELECT id, sscc_company_prefix, COALESCE(sscc_extension_digit, 0)
FROM tenant
WHERE sscc_company_prefix IS NOT NULL;

ALTER TABLE tenant DROP COLUMN sscc_company_prefix;
ALTER TABLE tenant DROP COLUMN sscc_extension_digit;
