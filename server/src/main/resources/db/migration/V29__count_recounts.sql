-- Recounts (issue 15): per client, the variances above which a location closed by its counter
-- must be counted again by another counter before the count can be approved. No row: the
-- defaults (any MISSING, UNKNOWN or WRONG_LOT, or a quantity variance over 5 %).
-- recount_on_unit_variance: 1 = any MISSING, UNKNOWN or WRONG_LOT requires a recount;
-- recount_above_units / recount_above_percent: a location's quantity variance (OVER and SHORT,
-- summed) above that many units / that percentage of the quantity expected there (null: no limit).
CREATE TABLE count_settings (
  tenant_id BIGINT NOT NULL PRIMARY KEY REFERENCES tenant (id),
  recount_on_unit_variance SMALLINT NOT NULL,
  recount_above_units BIGINT,
  recount_above_percent INTEGER,
  updated_by VARCHAR(120) NOT NULL,
  updated_at BIGINT NOT NULL
);

-- A location whose first count needs a recount has status RECOUNT until another counter starts
-- it (then OPEN again, recount_by set). first_done_by / first_done_at: who closed the first count
-- and when; that user (and anyone who scanned in the first count) may not recount it.
ALTER TABLE count_task ADD COLUMN first_done_by VARCHAR(120);
ALTER TABLE count_task ADD COLUMN first_done_at BIGINT;
ALTER TABLE count_task ADD COLUMN recount_by VARCHAR(120);

-- The first count's scans of a recounted location, kept for audit: a serial (gtin, serial, sscc)
-- or counted goods (product_id, gtin, lot, expiry, quantity, scan_key), as they were scanned.
CREATE TABLE count_first_scan (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  count_id BIGINT NOT NULL REFERENCES cycle_count (id),
  task_id BIGINT NOT NULL REFERENCES count_task (id),
  gtin CHAR(14) NOT NULL,
  serial VARCHAR(40),
  sscc CHAR(18),
  product_id BIGINT,
  lot VARCHAR(40),
  expiry VARCHAR(10),
  quantity BIGINT,
  scan_key VARCHAR(100),
  counted_by VARCHAR(120) NOT NULL,
  counted_at BIGINT NOT NULL
);
CREATE INDEX count_first_scan_task_idx ON count_first_scan (task_id);
