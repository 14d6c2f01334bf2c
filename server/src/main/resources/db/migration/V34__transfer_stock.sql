-- Counted goods a transfer carries (ADR 0023): a quantity of a lot, or of an untracked product
-- (lot null), and how many of it have arrived. On the way, the goods are in the stock book at the
-- destination's TRANSIT location; this row says which transfer they belong to. received only grows,
-- by a conditional update, so two clerks receiving at once never take more than was shipped.
CREATE TABLE transfer_stock (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  transfer_id BIGINT NOT NULL REFERENCES transfer (id),
  gtin CHAR(14) NOT NULL,
  lot VARCHAR(20),
  quantity BIGINT NOT NULL,
  received BIGINT NOT NULL,
  last_received_event_id BIGINT,
  CONSTRAINT transfer_stock_received_check CHECK (received >= 0 AND received <= quantity)
);
CREATE INDEX transfer_stock_transfer_idx ON transfer_stock (transfer_id);
