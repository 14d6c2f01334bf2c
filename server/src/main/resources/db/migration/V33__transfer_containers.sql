-- Containers a transfer carries whole (a pallet with everything on it); received_event_id: the
-- ledger event it arrived in (null: on its way). Its units travel in it and are not listed apart.
CREATE TABLE transfer_container (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  transfer_id BIGINT NOT NULL REFERENCES transfer (id),
  sscc CHAR(18) NOT NULL,
  received_event_id BIGINT,
  received_at VARCHAR(60),
  CONSTRAINT transfer_container_key UNIQUE (transfer_id, sscc)
);
