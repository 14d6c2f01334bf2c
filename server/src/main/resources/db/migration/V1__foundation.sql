-- Unitrace foundation schema. One text for PostgreSQL and SQLite (ADR 0002): ${pk} is the only
-- placeholder; instants are epoch milliseconds (BIGINT, UTC); calendar dates are ISO text
-- (yyyy-MM-dd); flags are SMALLINT 0/1; JSON documents are TEXT.

-- Installation-wide reference data (the warehouse operator's): tenants, people, the site.

CREATE TABLE tenant (
  id ${pk},
  code VARCHAR(40) NOT NULL,
  name VARCHAR(200) NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT tenant_code_key UNIQUE (code)
);

CREATE TABLE app_user (
  id ${pk},
  username VARCHAR(100) NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  password_hash VARCHAR(200) NOT NULL,
  role VARCHAR(20) NOT NULL,
  enabled SMALLINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  CONSTRAINT app_user_username_key UNIQUE (username)
);

-- Which clients an OPERATOR or CLIENT user may see (ADMIN and SUPERVISOR see all).
CREATE TABLE user_tenant (
  user_id BIGINT NOT NULL REFERENCES app_user (id),
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  PRIMARY KEY (user_id, tenant_id)
);

-- API tokens are stored as the SHA-256 of the secret: checking one is an index lookup.
CREATE TABLE api_token (
  id ${pk},
  digest CHAR(64) NOT NULL,
  hint VARCHAR(16) NOT NULL,
  name VARCHAR(100) NOT NULL,
  user_id BIGINT NOT NULL REFERENCES app_user (id),
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  scope VARCHAR(10) NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT,
  CONSTRAINT api_token_digest_key UNIQUE (digest)
);

CREATE TABLE warehouse (
  id ${pk},
  code VARCHAR(40) NOT NULL,
  name VARCHAR(200) NOT NULL,
  gln CHAR(13),
  created_at BIGINT NOT NULL,
  CONSTRAINT warehouse_code_key UNIQUE (code)
);

-- Location codes are what a scanner reads off a bin label, so they are unique installation-wide.
CREATE TABLE location (
  id ${pk},
  warehouse_id BIGINT NOT NULL REFERENCES warehouse (id),
  parent_id BIGINT REFERENCES location (id),
  code VARCHAR(60) NOT NULL,
  name VARCHAR(200) NOT NULL,
  level VARCHAR(10) NOT NULL,
  type VARCHAR(12) NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT location_code_key UNIQUE (code)
);
CREATE INDEX location_parent_idx ON location (parent_id);

-- Tenant data: every row carries tenant_id.

CREATE TABLE product (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  sku VARCHAR(60) NOT NULL,
  name VARCHAR(200) NOT NULL,
  tracking VARCHAR(16) NOT NULL,
  expiry_tracked SMALLINT NOT NULL DEFAULT 0,
  shelf_life_days INTEGER,
  warranty_months INTEGER,
  serial_scope VARCHAR(12) NOT NULL,
  manufacturer VARCHAR(200),
  serial_pattern VARCHAR(200),
  custom_fields TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT product_sku_key UNIQUE (tenant_id, sku)
);

CREATE TABLE product_gtin (
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  gtin CHAR(14) NOT NULL,
  product_id BIGINT NOT NULL REFERENCES product (id),
  CONSTRAINT product_gtin_key PRIMARY KEY (tenant_id, gtin)
);
CREATE INDEX product_gtin_product_idx ON product_gtin (product_id);

CREATE TABLE lot (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  product_id BIGINT NOT NULL REFERENCES product (id),
  code VARCHAR(20) NOT NULL,
  manufactured_on VARCHAR(10),
  expires_on VARCHAR(10),
  created_at BIGINT NOT NULL,
  CONSTRAINT lot_code_key UNIQUE (tenant_id, product_id, code)
);

-- SSCC-identified containers (pallet, case, tote). Nesting through parent_id.
CREATE TABLE container (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  sscc CHAR(18) NOT NULL,
  kind VARCHAR(12) NOT NULL,
  parent_id BIGINT REFERENCES container (id),
  location_id BIGINT REFERENCES location (id),
  created_at BIGINT NOT NULL,
  CONSTRAINT container_sscc_key UNIQUE (tenant_id, sscc)
);
CREATE INDEX container_parent_idx ON container (parent_id);

-- The unit projection: the current state of every serialized unit, written in the same
-- transaction as the ledger entries it is a projection of. serial_scope_key is the GTIN or the
-- manufacturer, per the product's serial uniqueness scope; one index enforces either rule.
CREATE TABLE unit (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  product_id BIGINT NOT NULL REFERENCES product (id),
  gtin CHAR(14) NOT NULL,
  serial VARCHAR(20) NOT NULL,
  serial_scope_key VARCHAR(220) NOT NULL,
  lot_id BIGINT REFERENCES lot (id),
  state VARCHAR(24) NOT NULL,
  location_id BIGINT REFERENCES location (id),
  container_id BIGINT REFERENCES container (id),
  holds INTEGER NOT NULL DEFAULT 0,
  fields TEXT,
  version INTEGER NOT NULL,
  last_hash CHAR(64) NOT NULL,
  registered_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT unit_serial_key UNIQUE (tenant_id, serial_scope_key, serial)
);
CREATE UNIQUE INDEX unit_gtin_serial_idx ON unit (tenant_id, gtin, serial);
CREATE INDEX unit_product_state_idx ON unit (tenant_id, product_id, state);
CREATE INDEX unit_lot_idx ON unit (lot_id);
CREATE INDEX unit_location_idx ON unit (location_id);
CREATE INDEX unit_container_idx ON unit (container_id);

-- Custom field values (IMEI, MAC, firmware…), searchable; unique ones enforced per tenant.
CREATE TABLE unit_field (
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  unit_id BIGINT NOT NULL REFERENCES unit (id),
  name VARCHAR(60) NOT NULL,
  value VARCHAR(200) NOT NULL,
  unique_value SMALLINT NOT NULL,
  PRIMARY KEY (unit_id, name)
);
CREATE INDEX unit_field_value_idx ON unit_field (tenant_id, value);
CREATE UNIQUE INDEX unit_field_unique_idx ON unit_field (tenant_id, name, value) WHERE unique_value = 1;

-- The ledger. One row per business event (EPCIS what/when/where/why/who/how) and one entry per
-- unit it touched. Append-only: nothing here is ever updated or deleted.
CREATE TABLE ledger_event (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  request_key VARCHAR(100) NOT NULL,
  request_digest CHAR(64) NOT NULL,
  type VARCHAR(24) NOT NULL,
  event_time BIGINT NOT NULL,
  event_offset VARCHAR(6) NOT NULL,
  recorded_at BIGINT NOT NULL,
  biz_step VARCHAR(40) NOT NULL,
  disposition VARCHAR(40),
  read_point BIGINT REFERENCES location (id),
  biz_location BIGINT REFERENCES location (id),
  biz_transactions TEXT,
  actor VARCHAR(120) NOT NULL,
  device VARCHAR(120),
  raw_scan TEXT,
  details TEXT,
  unit_count INTEGER NOT NULL,
  CONSTRAINT ledger_event_request_key UNIQUE (tenant_id, request_key)
);
CREATE INDEX ledger_event_recorded_idx ON ledger_event (recorded_at);

-- seq is the unit's own event counter: UNIQUE (unit_id, seq) makes each unit's hash chain a line,
-- never a fork, whatever number of servers write.
CREATE TABLE ledger_entry (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  event_id BIGINT NOT NULL REFERENCES ledger_event (id),
  unit_id BIGINT NOT NULL REFERENCES unit (id),
  seq INTEGER NOT NULL,
  state VARCHAR(24) NOT NULL,
  location_id BIGINT REFERENCES location (id),
  container_id BIGINT REFERENCES container (id),
  holds INTEGER NOT NULL,
  data TEXT,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL,
  CONSTRAINT ledger_entry_unit_seq_key UNIQUE (unit_id, seq)
);
CREATE INDEX ledger_entry_event_idx ON ledger_entry (event_id);
CREATE INDEX ledger_entry_tenant_idx ON ledger_entry (tenant_id, id);

-- Checkpoints chain a digest over all entries of a tenant since the previous checkpoint.
CREATE TABLE ledger_checkpoint (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  first_entry_id BIGINT NOT NULL,
  last_entry_id BIGINT NOT NULL,
  entry_count INTEGER NOT NULL,
  prev_digest CHAR(64) NOT NULL,
  digest CHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT ledger_checkpoint_start_key UNIQUE (tenant_id, first_entry_id)
);
