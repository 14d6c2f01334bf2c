-- Warranty and service: end customers' warranty registrations, warranty claims with their
-- replacement link, and service records with the parts used. The warranty itself (start, end,
-- status) is computed from the sale (outbound) or a registration, never stored. Units change only
-- through ledger commands; a replacement is a ledger note on both units.

-- A registration by the end customer (public page or API). One row per party (e-mail, lower
-- case) and unit: the same party again finds its row. flag_reasons (comma-separated) says why it
-- needs a look: registered-by-another-party (set on every row of the unit once a second party
-- registers it), in-stock (the unit is in our warehouse), purchased-before-shipped.
CREATE TABLE warranty_registration (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  unit_id BIGINT NOT NULL,
  gtin CHAR(14) NOT NULL,
  serial VARCHAR(20) NOT NULL,
  purchase_date VARCHAR(10) NOT NULL,
  contact_name VARCHAR(200) NOT NULL,
  contact_email VARCHAR(254) NOT NULL,
  source VARCHAR(8) NOT NULL,
  flagged SMALLINT NOT NULL DEFAULT 0,
  flag_reasons VARCHAR(200),
  registered_at BIGINT NOT NULL,
  CONSTRAINT warranty_registration_party_key UNIQUE (tenant_id, unit_id, contact_email)
);
CREATE INDEX warranty_registration_flagged_idx ON warranty_registration (tenant_id, flagged, id);

-- A warranty claim on a unit; its number is "WC-" and the id. status: OPEN, APPROVED, REJECTED,
-- REPAIRED, REPLACED, CLOSED. in_warranty 0 means a supervisor accepted it out of warranty
-- (override_reason, override_by). A unit has at most one claim that is not REJECTED or CLOSED, and
-- a unit replaces at most one other.
CREATE TABLE warranty_claim (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  unit_id BIGINT NOT NULL,
  gtin CHAR(14) NOT NULL,
  serial VARCHAR(20) NOT NULL,
  problem VARCHAR(2000) NOT NULL,
  status VARCHAR(10) NOT NULL,
  in_warranty SMALLINT NOT NULL,
  warranty_until VARCHAR(10),
  override_reason VARCHAR(500),
  override_by VARCHAR(120),
  note VARCHAR(1000),
  replacement_unit_id BIGINT,
  replacement_gtin CHAR(14),
  replacement_serial VARCHAR(20),
  replacement_event BIGINT,
  request_key VARCHAR(200),
  opened_by VARCHAR(120) NOT NULL,
  opened_at BIGINT NOT NULL,
  updated_by VARCHAR(120) NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX warranty_claim_unit_idx ON warranty_claim (tenant_id, unit_id);
CREATE UNIQUE INDEX warranty_claim_live_idx ON warranty_claim (tenant_id, unit_id)
  WHERE status IN ('OPEN', 'APPROVED', 'REPAIRED', 'REPLACED');
CREATE UNIQUE INDEX warranty_claim_replacement_idx ON warranty_claim (tenant_id, replacement_unit_id);
CREATE UNIQUE INDEX warranty_claim_request_key_idx ON warranty_claim (tenant_id, request_key);
CREATE INDEX warranty_claim_status_idx ON warranty_claim (tenant_id, status, id);

-- What was done to a unit, by whom, at what cost (minor units of the currency, e.g. cents), under
-- a claim or not.
CREATE TABLE service_record (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  unit_id BIGINT NOT NULL,
  claim_id BIGINT REFERENCES warranty_claim (id),
  work VARCHAR(2000) NOT NULL,
  technician VARCHAR(120) NOT NULL,
  cost_minor BIGINT,
  currency CHAR(3),
  performed_at BIGINT NOT NULL,
  request_key VARCHAR(200),
  recorded_by VARCHAR(120) NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX service_record_unit_idx ON service_record (tenant_id, unit_id, id);
CREATE INDEX service_record_claim_idx ON service_record (claim_id);
CREATE UNIQUE INDEX service_record_request_key_idx ON service_record (tenant_id, request_key);

-- A part used in a service: one serialized part (gtin, serial, quantity 1) or a quantity of a lot
-- (gtin, lot) or of an untracked part (gtin only).
CREATE TABLE service_part (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  record_id BIGINT NOT NULL REFERENCES service_record (id),
  gtin CHAR(14) NOT NULL,
  serial VARCHAR(20),
  lot VARCHAR(20),
  quantity BIGINT NOT NULL
);
CREATE INDEX service_part_record_idx ON service_part (record_id);
