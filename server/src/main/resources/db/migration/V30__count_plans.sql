-- Counts by SKU or lot, ABC classes and scheduled count plans (issue 15, ADR 0021).

-- What a count by SKU or lot counts: one row per product (lot_id and lot null: every lot of it;
-- else only that lot, lot being its code as a counter scans it). A count without rows counts
-- whatever its locations hold. plan_code: the plan that opened the count (null: opened by hand);
-- abc_class: the ABC class it counted (the plan's, or the single SKU's when the count was opened).
ALTER TABLE cycle_count ADD COLUMN plan_code VARCHAR(40);
ALTER TABLE cycle_count ADD COLUMN abc_class CHAR(1);

CREATE TABLE count_product (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  count_id BIGINT NOT NULL REFERENCES cycle_count (id),
  product_id BIGINT NOT NULL,
  lot_id BIGINT,
  lot VARCHAR(40),
  CONSTRAINT count_product_key UNIQUE (count_id, product_id)
);

-- A supervisor's ABC class for a SKU, winning over the class computed from movements.
CREATE TABLE count_abc_class (
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  product_id BIGINT NOT NULL,
  abc_class CHAR(1) NOT NULL,
  set_by VARCHAR(120) NOT NULL,
  set_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, product_id)
);

-- A scheduled count: every every_days days, a count of the warehouse's locations holding the SKUs
-- of one ABC class. next_due (epoch ms): when it is due next; a server opens a due plan's count only
-- after moving next_due on with a conditional update, so two servers never open it twice.
CREATE TABLE count_plan (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  code VARCHAR(40) NOT NULL,
  warehouse VARCHAR(40) NOT NULL,
  abc_class CHAR(1) NOT NULL,
  every_days INTEGER NOT NULL,
  assignee VARCHAR(120),
  next_due BIGINT NOT NULL,
  last_count_id BIGINT,
  last_run_at BIGINT,
  updated_by VARCHAR(120) NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT count_plan_code_key UNIQUE (tenant_id, code)
);
CREATE INDEX count_plan_due_idx ON count_plan (next_due);
