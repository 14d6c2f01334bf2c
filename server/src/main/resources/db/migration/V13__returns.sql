-- Returns (ADR 0013): return authorisations, the returns received against a sale with the checks
-- their verdict named, suspect-return cases, inspection and routing, and the client's routing
-- rules. Units and stock change only through ledger commands; these tables record why.

-- A regulated product (DSCSA, FMD) comes back into saleable stock only when its product identifier
-- matches what was shipped.
ALTER TABLE product ADD COLUMN regulated SMALLINT NOT NULL DEFAULT 0;

-- How much of a shipped allocation came back (a unit: 0 or 1; counted goods: never more than was
-- shipped, held by a conditional update). The index finds a unit's sale.
ALTER TABLE allocation ADD COLUMN returned_quantity BIGINT NOT NULL DEFAULT 0;
CREATE INDEX allocation_unit_idx ON allocation (tenant_id, unit_id);

-- Reason codes a client adds to the built-in ones (DEFECTIVE, DAMAGED_IN_TRANSIT, WRONG_ITEM, ...).
CREATE TABLE return_reason (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  code VARCHAR(40) NOT NULL,
  label VARCHAR(200) NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT return_reason_code_key UNIQUE (tenant_id, code)
);

-- A return authorisation: by serial, by order (its serials and lots listed), or BLIND (made at the
-- dock for a parcel that came without one). status: OPEN, CLOSED.
CREATE TABLE rma (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  number VARCHAR(40) NOT NULL,
  kind VARCHAR(8) NOT NULL,
  order_id BIGINT,
  customer VARCHAR(200),
  reason VARCHAR(40) NOT NULL,
  note VARCHAR(1000),
  status VARCHAR(8) NOT NULL,
  created_by VARCHAR(120) NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT rma_number_key UNIQUE (tenant_id, number)
);

-- What an RMA lets come back: one unit (unit_id, gtin, serial) or a quantity of a lot.
CREATE TABLE rma_line (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  rma_id BIGINT NOT NULL REFERENCES rma (id),
  unit_id BIGINT,
  gtin CHAR(14),
  serial VARCHAR(20),
  product_id BIGINT NOT NULL,
  lot_id BIGINT,
  quantity BIGINT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX rma_line_rma_idx ON rma_line (rma_id);

-- One return received at the dock: a unit, or a quantity of a lot, with the sale it came back
-- against (allocation_id), the verdict's eligibility and named checks (JSON), then its inspection
-- and route. status: AWAITING_INSPECTION, SUSPECT, INSPECTED, ROUTED.
CREATE TABLE customer_return (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  rma_id BIGINT,
  unit_id BIGINT,
  product_id BIGINT NOT NULL,
  lot_id BIGINT,
  quantity BIGINT NOT NULL,
  allocation_id BIGINT,
  returned_by VARCHAR(200),
  reason VARCHAR(40) NOT NULL,
  location_id BIGINT NOT NULL,
  event_id BIGINT NOT NULL,
  eligibility VARCHAR(16) NOT NULL,
  checks TEXT NOT NULL,
  status VARCHAR(20) NOT NULL,
  condition_code VARCHAR(20),
  findings VARCHAR(2000),
  inspected_by VARCHAR(120),
  disposition VARCHAR(20),
  override_reason VARCHAR(500),
  routed_by VARCHAR(120),
  route_event BIGINT,
  created_by VARCHAR(120) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX customer_return_unit_idx ON customer_return (tenant_id, unit_id);
CREATE INDEX customer_return_status_idx ON customer_return (tenant_id, status);

-- A suspicious return waiting for a supervisor. status: OPEN, CLEARED (the hold is released),
-- CONFIRMED (the unit stays held; its route is decided on the return).
CREATE TABLE return_case (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  return_id BIGINT NOT NULL REFERENCES customer_return (id),
  checks TEXT NOT NULL,
  status VARCHAR(10) NOT NULL,
  resolution VARCHAR(500),
  resolved_by VARCHAR(120),
  resolved_at BIGINT,
  event_id BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX return_case_status_idx ON return_case (tenant_id, status);

-- The client's routing rules: the default disposition for a reason and a condition ('*': any).
CREATE TABLE routing_rule (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  reason VARCHAR(40) NOT NULL,
  condition_code VARCHAR(20) NOT NULL,
  disposition VARCHAR(20) NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT routing_rule_key UNIQUE (tenant_id, reason, condition_code)
);
