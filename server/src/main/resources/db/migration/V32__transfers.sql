-- Transfers between the operator's warehouses (ADR 0022): the document of goods leaving one
-- warehouse for another. The units change only through the ledger (TRANSFER_SHIPPED,
-- TRANSFER_RECEIVED); these tables record which units a transfer carries and which have arrived.

-- A transfer. status: IN_TRANSIT (units still on their way), RECEIVED (every unit arrived).
-- number: TRF-000001. shipped_event_id: the ledger event the goods left in.
CREATE TABLE transfer (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  number VARCHAR(20),
  from_warehouse VARCHAR(40) NOT NULL,
  to_warehouse VARCHAR(40) NOT NULL,
  status VARCHAR(10) NOT NULL,
  shipped_event_id BIGINT NOT NULL,
  shipped_by VARCHAR(120) NOT NULL,
  shipped_at BIGINT NOT NULL,
  received_at BIGINT,
  CONSTRAINT transfer_shipped_event_key UNIQUE (shipped_event_id)
);
CREATE INDEX transfer_tenant_idx ON transfer (tenant_id, id);

-- A unit a transfer carries; received_event_id: the ledger event it arrived in (null: on its way).
CREATE TABLE transfer_unit (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  transfer_id BIGINT NOT NULL REFERENCES transfer (id),
  gtin CHAR(14) NOT NULL,
  serial VARCHAR(20) NOT NULL,
  received_event_id BIGINT,
  received_at VARCHAR(60),
  CONSTRAINT transfer_unit_key UNIQUE (transfer_id, gtin, serial)
);
CREATE INDEX transfer_unit_serial_idx ON transfer_unit (tenant_id, gtin, serial);
