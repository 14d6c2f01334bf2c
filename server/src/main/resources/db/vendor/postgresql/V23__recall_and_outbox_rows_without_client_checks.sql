-- ADR 0009, addendum. Opening a recall writes a row per affected unit (10,000 for a lot), a row and
-- an outbox event per customer to notify (2,000), and a webhook delivery per event and subscription;
-- every ledger event writes availability events to the outbox. On PostgreSQL each of these rows ran
-- a trigger and a query against its client's row, which is never deleted and which the request has
-- just read. Those checks are dropped here, as V6 dropped them from the ledger's tables; each table
-- keeps the keys that hold its own structure (a recall row's campaign, a delivery's event and
-- subscription). SQLite keeps every key, so the suite still catches a write naming a missing row.
ALTER TABLE recall_unit DROP CONSTRAINT recall_unit_tenant_id_fkey;
ALTER TABLE recall_customer DROP CONSTRAINT recall_customer_tenant_id_fkey;
ALTER TABLE outbox_event DROP CONSTRAINT outbox_event_tenant_id_fkey;
ALTER TABLE webhook_delivery DROP CONSTRAINT webhook_delivery_tenant_id_fkey;
