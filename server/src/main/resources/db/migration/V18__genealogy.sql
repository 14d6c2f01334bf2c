-- Genealogy: what was built into a finished unit. One row per component: a unit (child_id, with its
-- product and lot copied so a lot's finished units are found by one index), or a quantity of a
-- lot or untracked product taken from a location's stock. A disassembly ends the link
-- (ended_event) and keeps it: the history of both units still shows it. Written only by the
-- ledger's assembly and disassembly commands, in the transaction of their event.
CREATE TABLE genealogy_link (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  parent_id BIGINT NOT NULL REFERENCES unit (id),
  child_id BIGINT REFERENCES unit (id),
  product_id BIGINT NOT NULL,
  lot_id BIGINT,
  quantity BIGINT NOT NULL,
  location_id BIGINT,
  assembled_event BIGINT NOT NULL REFERENCES ledger_event (id),
  ended_event BIGINT REFERENCES ledger_event (id)
);
CREATE INDEX genealogy_parent_idx ON genealogy_link (parent_id);
CREATE INDEX genealogy_lot_idx ON genealogy_link (tenant_id, product_id, lot_id);
-- A unit is built into one finished unit at a time; this holds it even if two writers raced past
-- the unit's version check.
CREATE UNIQUE INDEX genealogy_child_active_idx ON genealogy_link (child_id) WHERE ended_event IS NULL;
CREATE INDEX genealogy_child_idx ON genealogy_link (child_id);
