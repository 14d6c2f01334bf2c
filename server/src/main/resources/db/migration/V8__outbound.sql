-- Outbound (ADR 0011): sales channels and customers of a client, channel orders with their lines,
-- the allocation of exact units and lot quantities to lines, pick lists, packing cartons and
-- shipments. Units and stock themselves change only through ledger commands; these tables record
-- which order a unit or a quantity is for.

CREATE TABLE sales_channel (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  code VARCHAR(40) NOT NULL,
  name VARCHAR(200) NOT NULL,
  return_days INTEGER,
  created_at BIGINT NOT NULL,
  CONSTRAINT sales_channel_code_key UNIQUE (tenant_id, code)
);

-- A customer's minimum remaining shelf life (days) applies to every line of its orders that does
-- not name its own.
CREATE TABLE customer (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  code VARCHAR(60) NOT NULL,
  name VARCHAR(200) NOT NULL,
  min_shelf_life_days INTEGER,
  created_at BIGINT NOT NULL,
  CONSTRAINT customer_code_key UNIQUE (tenant_id, code)
);

-- status: OPEN (not all allocated: back order), ALLOCATED, PICKED, PACKED, SHIPPED, CANCELLED.
-- request_digest makes the import idempotent on (client, channel, channel order id).
CREATE TABLE sales_order (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  channel_id BIGINT NOT NULL REFERENCES sales_channel (id),
  channel_order_id VARCHAR(100) NOT NULL,
  request_digest CHAR(64) NOT NULL,
  warehouse_id BIGINT NOT NULL REFERENCES warehouse (id),
  customer_id BIGINT REFERENCES customer (id),
  sold_to_name VARCHAR(200) NOT NULL,
  sold_to_address VARCHAR(1000),
  sold_to_gln CHAR(13),
  ship_to_name VARCHAR(200) NOT NULL,
  ship_to_address VARCHAR(1000),
  ship_to_gln CHAR(13),
  requested_ship_date VARCHAR(10),
  min_shelf_life_days INTEGER,
  status VARCHAR(12) NOT NULL,
  short_reason VARCHAR(500),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT sales_order_channel_key UNIQUE (tenant_id, channel_id, channel_order_id)
);
CREATE INDEX sales_order_status_idx ON sales_order (tenant_id, status);

-- A line names a product and a quantity, optionally a lot (counted goods) or one exact unit
-- (gtin + serial: a customer buying that unit). Quantities are in units of the product.
-- status: OPEN, CANCELLED.
CREATE TABLE order_line (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  order_id BIGINT NOT NULL REFERENCES sales_order (id),
  line_no INTEGER NOT NULL,
  product_id BIGINT NOT NULL REFERENCES product (id),
  lot_id BIGINT REFERENCES lot (id),
  gtin CHAR(14),
  serial VARCHAR(20),
  quantity BIGINT NOT NULL,
  min_shelf_life_days INTEGER,
  status VARCHAR(12) NOT NULL,
  CONSTRAINT order_line_key UNIQUE (order_id, line_no)
);
CREATE INDEX order_line_product_idx ON order_line (tenant_id, product_id);

-- What is reserved for a line: one exact unit (unit_id, gtin, serial), or a quantity of one lot
-- bucket at one location (unit_id NULL). status: ALLOCATED, PICKED, PACKED, SHIPPED, RELEASED,
-- SHORT. A unit is reserved for at most one line at a time: the partial unique index backs the
-- ledger's conditional update.
CREATE TABLE allocation (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  order_id BIGINT NOT NULL REFERENCES sales_order (id),
  line_id BIGINT NOT NULL REFERENCES order_line (id),
  product_id BIGINT NOT NULL,
  unit_id BIGINT,
  gtin CHAR(14),
  serial VARCHAR(20),
  lot_id BIGINT,
  location_id BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  status VARCHAR(12) NOT NULL,
  pick_list_id BIGINT,
  picked_to BIGINT,
  carton_id BIGINT,
  warranty_until VARCHAR(10),
  allocated_event BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX allocation_live_unit_idx ON allocation (unit_id)
  WHERE status IN ('ALLOCATED', 'PICKED', 'PACKED');
CREATE INDEX allocation_line_idx ON allocation (line_id);
CREATE INDEX allocation_order_idx ON allocation (order_id, status);
CREATE INDEX allocation_pick_list_idx ON allocation (pick_list_id);

-- A pick list (a wave when it batches several orders) of one warehouse. status: OPEN, DONE.
CREATE TABLE pick_list (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  warehouse_id BIGINT NOT NULL REFERENCES warehouse (id),
  status VARCHAR(12) NOT NULL,
  picker VARCHAR(120),
  created_at BIGINT NOT NULL
);

-- A shipping carton (or pallet) of one order, a ledger container under its SSCC.
-- status: OPEN, CLOSED, SHIPPED.
CREATE TABLE carton (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  order_id BIGINT NOT NULL REFERENCES sales_order (id),
  sscc CHAR(18) NOT NULL,
  station VARCHAR(60),
  status VARCHAR(12) NOT NULL,
  shipment_id BIGINT,
  created_at BIGINT NOT NULL,
  CONSTRAINT carton_sscc_key UNIQUE (tenant_id, sscc)
);
CREATE INDEX carton_order_idx ON carton (order_id);

-- Counted goods packed into a carton, by lot and quantity (units are in the ledger's container).
CREATE TABLE carton_stock (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  carton_id BIGINT NOT NULL REFERENCES carton (id),
  allocation_id BIGINT NOT NULL REFERENCES allocation (id),
  quantity BIGINT NOT NULL
);

CREATE TABLE shipment (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  order_id BIGINT NOT NULL REFERENCES sales_order (id),
  carrier VARCHAR(60) NOT NULL,
  service VARCHAR(60),
  tracking VARCHAR(100),
  ship_date VARCHAR(10) NOT NULL,
  event_id BIGINT NOT NULL,
  shipped_at BIGINT NOT NULL,
  shipped_by VARCHAR(120) NOT NULL
);
CREATE INDEX shipment_order_idx ON shipment (order_id);
