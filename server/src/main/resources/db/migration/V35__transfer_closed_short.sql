-- A transfer closed short (status CLOSED): what had not arrived was reported lost on the way, in the
-- ledger event closed_event_id (LOST), by closed_by at closed_at, for closed_reason. Arrivals stop.
ALTER TABLE transfer ADD COLUMN closed_event_id BIGINT;
ALTER TABLE transfer ADD COLUMN closed_by VARCHAR(120);
ALTER TABLE transfer ADD COLUMN closed_at BIGINT;
ALTER TABLE transfer ADD COLUMN closed_reason VARCHAR(500);
