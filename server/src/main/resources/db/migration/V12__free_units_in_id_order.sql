-- Allocation reads a product's free units oldest first (FIFO by id): WHERE tenant_id = ? AND
-- product_id = ? AND state = 'STORED' ... AND id > ? ORDER BY id LIMIT ?. With id in the index,
-- PostgreSQL walks exactly that product's STORED units in id order and stops at the limit; without
-- it, it walked the primary key through every unit of the client and filtered (a million units:
-- about 0.2 s per product and page). The index still serves every look-up by product and state.
DROP INDEX unit_product_state_idx;
CREATE INDEX unit_product_state_idx ON unit (tenant_id, product_id, state, id);
