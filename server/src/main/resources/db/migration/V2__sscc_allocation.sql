-- SSCC numbering. A client may have its own GS1 Company Prefix and extension digit; without one,
-- the installation's (unitrace.sscc.*) applies.
ALTER TABLE tenant ADD COLUMN sscc_company_prefix VARCHAR(12);
ALTER TABLE tenant ADD COLUMN sscc_extension_digit SMALLINT;

-- The next free serial reference per extension digit + company prefix (prefix_key, e.g.
-- '09506000'). Keyed by the prefix, not by the tenant: clients that share the installation's
-- prefix draw from one counter, so no two of them ever get the same SSCC. Blocks are taken with
-- one conditional upsert, so servers sharing the database never hand out a reference twice.
-- Like the site tables this is operator data without tenant_id (a reference table under Citus).
CREATE TABLE sscc_counter (
  prefix_key VARCHAR(13) NOT NULL PRIMARY KEY,
  next_reference BIGINT NOT NULL
);
