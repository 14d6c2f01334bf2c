-- An RMA closes (status CLOSED) by itself when everything it authorised is back, in the transaction
-- of the receipt that completes it, or by a supervisor's hand with a reason. A return scanned
-- against a closed RMA is refused. One column per statement: SQLite adds one at a time.
ALTER TABLE rma ADD COLUMN closed_at BIGINT;
ALTER TABLE rma ADD COLUMN closed_by VARCHAR(120);
ALTER TABLE rma ADD COLUMN close_reason VARCHAR(500);
