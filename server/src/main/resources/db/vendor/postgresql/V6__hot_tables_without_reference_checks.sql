-- ADR 0009. On PostgreSQL every foreign key check is a trigger and a query per row: on the tables
-- that grow by tens of thousands of rows per request, the checks against reference rows (client,
-- product, lot, location, container: rows that are never deleted, and that the write path has just
-- looked up in the same transaction) cost more than the inserts. They are dropped here; each table
-- keeps the keys that hold its own structure (an entry's event and unit, a scan's receipt, an ASN
-- item's ASN). SQLite keeps every key (ADR 0001's file database checks them in-process, cheaply), so
-- the test suite still catches a write path that names a missing row.
ALTER TABLE unit
  DROP CONSTRAINT unit_tenant_id_fkey,
  DROP CONSTRAINT unit_product_id_fkey,
  DROP CONSTRAINT unit_lot_id_fkey,
  DROP CONSTRAINT unit_location_id_fkey,
  DROP CONSTRAINT unit_container_id_fkey;
ALTER TABLE unit_field DROP CONSTRAINT unit_field_tenant_id_fkey;
ALTER TABLE ledger_event
  DROP CONSTRAINT ledger_event_tenant_id_fkey,
  DROP CONSTRAINT ledger_event_read_point_fkey,
  DROP CONSTRAINT ledger_event_biz_location_fkey;
ALTER TABLE ledger_entry
  DROP CONSTRAINT ledger_entry_tenant_id_fkey,
  DROP CONSTRAINT ledger_entry_location_id_fkey,
  DROP CONSTRAINT ledger_entry_container_id_fkey;
ALTER TABLE stock_entry DROP CONSTRAINT stock_entry_tenant_id_fkey;
ALTER TABLE asn_item
  DROP CONSTRAINT asn_item_tenant_id_fkey,
  DROP CONSTRAINT asn_item_product_id_fkey;
ALTER TABLE receipt_scan
  DROP CONSTRAINT receipt_scan_tenant_id_fkey,
  DROP CONSTRAINT receipt_scan_product_id_fkey,
  DROP CONSTRAINT receipt_scan_unit_id_fkey,
  DROP CONSTRAINT receipt_scan_event_id_fkey;
ALTER TABLE receipt_tally
  DROP CONSTRAINT receipt_tally_tenant_id_fkey,
  DROP CONSTRAINT receipt_tally_product_id_fkey;
