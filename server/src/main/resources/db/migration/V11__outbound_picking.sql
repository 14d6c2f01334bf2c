-- Where a pick list's goods are taken: the packing or staging location pickers bring them to.
ALTER TABLE pick_list ADD COLUMN destination_id BIGINT;

-- A shipment confirmed again under the same Idempotency-Key answers the first one.
ALTER TABLE shipment ADD COLUMN request_key VARCHAR(100);
CREATE UNIQUE INDEX shipment_request_key_idx ON shipment (tenant_id, request_key);
