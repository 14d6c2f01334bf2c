-- A lot's units in id order, for the pages a recall, a preview and a forward trace walk: the
-- planner reads the page straight off the index instead of fetching every unit of the lot and
-- sorting (unit_lot_idx alone). The same text on SQLite and PostgreSQL.
CREATE INDEX unit_product_lot_idx ON unit (tenant_id, product_id, lot_id, id);

-- Live allocations of counted stock of a lot, which opening a recall takes back from orders; without
-- it every opening reads the whole allocation table.
CREATE INDEX allocation_counted_lot_idx ON allocation (tenant_id, product_id, lot_id) WHERE unit_id IS NULL;

-- The availability count (a product's units in the building by lot, state and holds), which the
-- availability feed runs in every ledger event that changes a product's stock, a recall's hold and
-- release events among them: answered from this index alone instead of a scan of the whole unit
-- table, whatever share of it the product has.
CREATE INDEX unit_availability_idx ON unit (tenant_id, product_id, state, lot_id, holds);
