-- Tamper evidence without holes (ADR 0018).
-- Each event carries the SHA-256 of its own canonical text (form v2); events recorded before this
-- version have none and are verified in form v1, as they were hashed.
ALTER TABLE ledger_event ADD COLUMN hash CHAR(64);

-- Checkpoints are signed with the installation's Ed25519 key (base64 signature); those closed
-- before this version have none.
ALTER TABLE ledger_checkpoint ADD COLUMN signature VARCHAR(120);
ALTER TABLE stock_checkpoint ADD COLUMN signature VARCHAR(120);

-- A third book: the events themselves, so that an event that touches no unit and no stock (an empty
-- case unpacked from a pallet) is covered by a signed checkpoint too.
CREATE TABLE event_checkpoint (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  first_entry_id BIGINT NOT NULL,
  last_entry_id BIGINT NOT NULL,
  entry_count INTEGER NOT NULL,
  prev_digest CHAR(64) NOT NULL,
  digest CHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  signature VARCHAR(120),
  CONSTRAINT event_checkpoint_start_key UNIQUE (tenant_id, first_entry_id)
);

-- Verification and the event book read a tenant's events in id order.
CREATE INDEX ledger_event_tenant_idx ON ledger_event (tenant_id, id);
