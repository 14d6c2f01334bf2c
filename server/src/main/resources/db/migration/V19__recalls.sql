-- Recall campaigns: what a campaign targets, the units and stock buckets it reached and whether it
-- placed their RECALL hold itself (holds are a bit set without a source: closing a campaign
-- releases only the holds it placed and no other open campaign still needs), and the customers to
-- notify. Units and stock change only through ledger commands; these tables record why.

-- A campaign. mode: LOTS, RECEIPT_DATES, SERIALS. status: DRAFT, OPEN, CLOSED. target: the
-- resolved target as JSON (product id, lot ids, registration window). figures: the closure figures
-- frozen when a supervisor closed it.
CREATE TABLE recall_campaign (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  number VARCHAR(40) NOT NULL,
  title VARCHAR(200) NOT NULL,
  reason VARCHAR(1000),
  mode VARCHAR(16) NOT NULL,
  product_id BIGINT,
  target TEXT NOT NULL,
  status VARCHAR(8) NOT NULL,
  created_by VARCHAR(120) NOT NULL,
  created_at BIGINT NOT NULL,
  opened_by VARCHAR(120),
  opened_at BIGINT,
  closed_by VARCHAR(120),
  closed_at BIGINT,
  close_reason VARCHAR(1000),
  figures TEXT,
  CONSTRAINT recall_campaign_number_key UNIQUE (tenant_id, number)
);

-- The units an explicit serial list names, resolved when the campaign is drafted.
CREATE TABLE recall_target_unit (
  campaign_id BIGINT NOT NULL REFERENCES recall_campaign (id),
  unit_id BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, unit_id)
);

-- A unit the opened campaign reached: where it was (state at opening), whether this campaign placed
-- its RECALL hold (and still answers for it), and when it came back from a customer.
CREATE TABLE recall_unit (
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  campaign_id BIGINT NOT NULL REFERENCES recall_campaign (id),
  unit_id BIGINT NOT NULL,
  state_at_open VARCHAR(24) NOT NULL,
  placed_hold SMALLINT NOT NULL DEFAULT 0,
  recovered_at BIGINT,
  return_id BIGINT,
  PRIMARY KEY (campaign_id, unit_id)
);
CREATE INDEX recall_unit_unit_idx ON recall_unit (tenant_id, unit_id);

-- A bucket of counted stock of an affected lot that the campaign put on RECALL hold.
CREATE TABLE recall_bucket (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  campaign_id BIGINT NOT NULL REFERENCES recall_campaign (id),
  product_id BIGINT NOT NULL,
  lot_id BIGINT,
  location_id BIGINT NOT NULL,
  quantity BIGINT NOT NULL,
  placed_hold SMALLINT NOT NULL DEFAULT 0
);
CREATE INDEX recall_bucket_campaign_idx ON recall_bucket (campaign_id);

-- A customer to notify: who received affected goods, through which channel, how many units.
CREATE TABLE recall_customer (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  campaign_id BIGINT NOT NULL REFERENCES recall_campaign (id),
  channel VARCHAR(40) NOT NULL,
  customer VARCHAR(200) NOT NULL,
  sold_to VARCHAR(200),
  orders TEXT NOT NULL,
  units INTEGER NOT NULL,
  last_shipped VARCHAR(10),
  outbox_seq BIGINT,
  contacted_at BIGINT,
  contacted_by VARCHAR(120),
  CONSTRAINT recall_customer_key UNIQUE (campaign_id, channel, customer)
);
