-- Quantity stock (ADR 0008). Lot-tracked and untracked goods are counted, not named: one row
-- per client, product, lot, location and set of holds (a "bucket") with its quantity, written in
-- the same transaction as the entries it is a projection of. lot_key is the lot's id, or 0 for
-- untracked goods, so that one plain unique key covers both.
CREATE TABLE stock (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  product_id BIGINT NOT NULL REFERENCES product (id),
  lot_id BIGINT REFERENCES lot (id),
  lot_key BIGINT NOT NULL,
  location_id BIGINT NOT NULL REFERENCES location (id),
  holds INTEGER NOT NULL,
  quantity BIGINT NOT NULL,
  version INTEGER NOT NULL,
  last_hash CHAR(64) NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT stock_bucket_key UNIQUE (tenant_id, product_id, lot_key, location_id, holds),
  CONSTRAINT stock_quantity_check CHECK (quantity >= 0)
);
CREATE INDEX stock_location_idx ON stock (tenant_id, location_id);
CREATE INDEX stock_lot_idx ON stock (lot_id);

-- One entry per bucket an event changed: the bucket's own counter seq, the signed change and the
-- quantity after it, and the hash chain link. Append-only, like ledger_entry.
CREATE TABLE stock_entry (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  event_id BIGINT NOT NULL REFERENCES ledger_event (id),
  stock_id BIGINT NOT NULL REFERENCES stock (id),
  seq INTEGER NOT NULL,
  delta BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL,
  CONSTRAINT stock_entry_seq_key UNIQUE (stock_id, seq)
);
CREATE INDEX stock_entry_event_idx ON stock_entry (event_id);
CREATE INDEX stock_entry_tenant_idx ON stock_entry (tenant_id, id);

-- Checkpoints over stock entries, chained like ledger_checkpoint's over unit entries.
CREATE TABLE stock_checkpoint (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  first_entry_id BIGINT NOT NULL,
  last_entry_id BIGINT NOT NULL,
  entry_count INTEGER NOT NULL,
  prev_digest CHAR(64) NOT NULL,
  digest CHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT stock_checkpoint_start_key UNIQUE (tenant_id, first_entry_id)
);
