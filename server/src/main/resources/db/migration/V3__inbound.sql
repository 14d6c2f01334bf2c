-- Inbound (ADR 0007): purchase orders, advance ship notices with the containers and serials they
-- announce, and receipts (a receiving session at a dock) with every scan's outcome.

CREATE TABLE purchase_order (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  number VARCHAR(60) NOT NULL,
  vendor VARCHAR(200) NOT NULL,
  vendor_gln CHAR(13),
  expected_on VARCHAR(10),
  status VARCHAR(12) NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT purchase_order_number_key UNIQUE (tenant_id, number)
);

-- quantity is in units of the product (each serial is one unit).
CREATE TABLE po_line (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  po_id BIGINT NOT NULL REFERENCES purchase_order (id),
  line_no INTEGER NOT NULL,
  product_id BIGINT NOT NULL REFERENCES product (id),
  quantity INTEGER NOT NULL,
  CONSTRAINT po_line_key UNIQUE (po_id, line_no)
);

CREATE TABLE asn (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  po_id BIGINT NOT NULL REFERENCES purchase_order (id),
  number VARCHAR(60) NOT NULL,
  shipped_on VARCHAR(10),
  created_at BIGINT NOT NULL,
  CONSTRAINT asn_number_key UNIQUE (tenant_id, number)
);

-- The announced SSCC hierarchy: a case names its pallet in parent_sscc.
CREATE TABLE asn_container (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  asn_id BIGINT NOT NULL REFERENCES asn (id),
  sscc CHAR(18) NOT NULL,
  parent_sscc CHAR(18),
  kind VARCHAR(10) NOT NULL,
  CONSTRAINT asn_container_key UNIQUE (asn_id, sscc)
);

-- An announced serial (quantity 1), or a lot or untracked quantity (serial NULL). sscc is the
-- innermost container it travels in, if announced.
CREATE TABLE asn_item (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  asn_id BIGINT NOT NULL REFERENCES asn (id),
  product_id BIGINT NOT NULL REFERENCES product (id),
  gtin CHAR(14) NOT NULL,
  serial VARCHAR(20),
  lot VARCHAR(20),
  expiry VARCHAR(10),
  manufactured VARCHAR(10),
  sscc CHAR(18),
  quantity INTEGER NOT NULL,
  CONSTRAINT asn_item_serial_key UNIQUE (asn_id, gtin, serial)
);
CREATE INDEX asn_item_sscc_idx ON asn_item (asn_id, sscc);

-- A receiving session at a dock, for a PO, an ASN (and its PO), or blind (neither).
CREATE TABLE receipt (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  po_id BIGINT REFERENCES purchase_order (id),
  asn_id BIGINT REFERENCES asn (id),
  dock_id BIGINT NOT NULL REFERENCES location (id),
  quarantine_id BIGINT REFERENCES location (id),
  expected INTEGER NOT NULL,
  status VARCHAR(10) NOT NULL,
  opened_by VARCHAR(120) NOT NULL,
  opened_at BIGINT NOT NULL,
  closed_by VARCHAR(120),
  closed_at BIGINT,
  report TEXT
);

CREATE INDEX receipt_po_idx ON receipt (po_id);

-- Running counts per receipt and product, so a scan's answer (received so far; received against the
-- PO) costs a few rows, not a count over every scan. Each transaction adds to one of 16 stripes
-- chosen at random: operators scanning into one receipt at once seldom wait on the same row.
-- received: units taken in; counted: those that count against the PO (not wrong products, not overs).
CREATE TABLE receipt_tally (
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  receipt_id BIGINT NOT NULL REFERENCES receipt (id),
  product_id BIGINT NOT NULL REFERENCES product (id),
  stripe SMALLINT NOT NULL,
  received INTEGER NOT NULL,
  counted INTEGER NOT NULL,
  PRIMARY KEY (receipt_id, product_id, stripe)
);

-- Every answered scan of a receipt, in order: the outcome, what it named, the unit it received or
-- suspected, and who scanned what where. request_key makes a repeated scan request answer once.
CREATE TABLE receipt_scan (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  receipt_id BIGINT NOT NULL REFERENCES receipt (id),
  request_key VARCHAR(100) NOT NULL,
  outcome VARCHAR(24) NOT NULL,
  received SMALLINT NOT NULL,
  product_id BIGINT REFERENCES product (id),
  gtin CHAR(14),
  serial VARCHAR(20),
  lot VARCHAR(20),
  expiry VARCHAR(10),
  sscc CHAR(18),
  quantity INTEGER NOT NULL,
  unit_id BIGINT REFERENCES unit (id),
  event_id BIGINT REFERENCES ledger_event (id),
  location VARCHAR(60),
  needs_label SMALLINT NOT NULL DEFAULT 0,
  message VARCHAR(400) NOT NULL,
  scan TEXT,
  operator VARCHAR(120) NOT NULL,
  device VARCHAR(120),
  scanned_at BIGINT NOT NULL,
  CONSTRAINT receipt_scan_request_key UNIQUE (receipt_id, request_key)
);
CREATE INDEX receipt_scan_receipt_idx ON receipt_scan (receipt_id, gtin, serial);

-- Containers built on the dock during a receipt (a pallet made up of received units); their SSCC
-- labels are printed from here.
CREATE TABLE receipt_container (
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  receipt_id BIGINT NOT NULL REFERENCES receipt (id),
  container_id BIGINT NOT NULL REFERENCES container (id),
  request_key VARCHAR(100) NOT NULL,
  PRIMARY KEY (receipt_id, container_id),
  CONSTRAINT receipt_container_request_key UNIQUE (receipt_id, request_key)
);
