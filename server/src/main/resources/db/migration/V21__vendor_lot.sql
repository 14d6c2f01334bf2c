-- The supplier's own lot of a received item, where it differs from (or was never put into) the lot
-- the site records: announced on the ship notice item, or named at the receipt scan. A supplier's
-- recall names this lot; inbound resolves it to the units and lots received under it.
ALTER TABLE asn_item ADD COLUMN vendor_lot VARCHAR(20);
ALTER TABLE receipt_scan ADD COLUMN vendor_lot VARCHAR(20);
CREATE INDEX asn_item_vendor_lot_idx ON asn_item (tenant_id, vendor_lot);
CREATE INDEX receipt_scan_vendor_lot_idx ON receipt_scan (tenant_id, vendor_lot);
CREATE INDEX receipt_scan_serial_idx ON receipt_scan (gtin, serial);
CREATE INDEX receipt_scan_lot_idx ON receipt_scan (product_id, lot);
