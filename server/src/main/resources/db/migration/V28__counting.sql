-- Cycle counts (ADR 0019): a count of locations, counted blind, each location's expected content
-- read from the ledger at the moment its counter closes it. Units and stock change only through
-- ledger commands on approval; these tables record what was counted and what the count found.

-- A count. status: OPEN (locations still being counted), APPROVED, REJECTED. number: CNT-000001,
-- the reason every correction carries in the ledger.
CREATE TABLE cycle_count (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  number VARCHAR(40) NOT NULL,
  warehouse VARCHAR(40) NOT NULL,
  subtree SMALLINT NOT NULL,
  assignee VARCHAR(120),
  status VARCHAR(10) NOT NULL,
  request_key CHAR(64),
  created_by VARCHAR(120) NOT NULL,
  created_at BIGINT NOT NULL,
  decided_by VARCHAR(120),
  decided_at BIGINT,
  decision_reason VARCHAR(1000),
  CONSTRAINT cycle_count_number_key UNIQUE (tenant_id, number)
);
CREATE UNIQUE INDEX cycle_count_request_key ON cycle_count (tenant_id, request_key);

-- A location to count, in walking order (seq). status: OPEN, DONE. scans: how many scans were
-- taken here (a scan bumps it first, so closing the location waits for a scan in flight).
-- expected_units and expected_quantity: what the ledger held here when it was closed.
CREATE TABLE count_task (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  count_id BIGINT NOT NULL REFERENCES cycle_count (id),
  seq INTEGER NOT NULL,
  location_id BIGINT NOT NULL,
  location_code VARCHAR(60) NOT NULL,
  status VARCHAR(8) NOT NULL,
  scans INTEGER NOT NULL DEFAULT 0,
  expected_units INTEGER,
  expected_quantity BIGINT,
  done_by VARCHAR(120),
  done_at BIGINT,
  CONSTRAINT count_task_location_key UNIQUE (count_id, location_id)
);

-- A serialized unit counted in a location, once however often it was scanned there; sscc: the
-- sealed container whose recorded content it was counted as.
CREATE TABLE count_serial (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  count_id BIGINT NOT NULL REFERENCES cycle_count (id),
  task_id BIGINT NOT NULL REFERENCES count_task (id),
  gtin CHAR(14) NOT NULL,
  serial VARCHAR(40) NOT NULL,
  sscc CHAR(18),
  counted_by VARCHAR(120) NOT NULL,
  counted_at BIGINT NOT NULL,
  CONSTRAINT count_serial_key UNIQUE (task_id, gtin, serial)
);

-- Counted goods (a lot, or an untracked product) with the quantity one scan counted; lot: the code
-- as scanned (null: none). scan_key: the client's id of the scan, so a scan sent twice counts once.
CREATE TABLE count_goods (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  count_id BIGINT NOT NULL REFERENCES cycle_count (id),
  task_id BIGINT NOT NULL REFERENCES count_task (id),
  product_id BIGINT NOT NULL,
  gtin CHAR(14) NOT NULL,
  lot VARCHAR(40),
  expiry VARCHAR(10),
  quantity BIGINT NOT NULL,
  scan_key VARCHAR(100),
  counted_by VARCHAR(120) NOT NULL,
  counted_at BIGINT NOT NULL,
  CONSTRAINT count_goods_scan_key UNIQUE (task_id, scan_key)
);

-- A discrepancy found when a location was closed, named by kind (MISSING, MISPLACED, UNKNOWN,
-- WRONG_LOT, OVER, SHORT, FOUND_NOT_IN_STOCK), with the correction it proposes. outcome, set on
-- approval: APPLIED (event_ids: the ledger events), SKIPPED (the floor changed it since: note),
-- REVIEW (left for a person).
CREATE TABLE count_discrepancy (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  count_id BIGINT NOT NULL REFERENCES cycle_count (id),
  task_id BIGINT NOT NULL REFERENCES count_task (id),
  kind VARCHAR(20) NOT NULL,
  correction VARCHAR(12) NOT NULL,
  gtin CHAR(14),
  serial VARCHAR(40),
  product_id BIGINT,
  lot VARCHAR(40),
  expiry VARCHAR(10),
  recorded_lot VARCHAR(40),
  expected BIGINT NOT NULL,
  counted BIGINT NOT NULL,
  recorded_location_id BIGINT,
  recorded_state VARCHAR(24),
  outcome VARCHAR(8),
  note VARCHAR(300),
  event_ids VARCHAR(200)
);
CREATE INDEX count_discrepancy_count_idx ON count_discrepancy (count_id, id);
