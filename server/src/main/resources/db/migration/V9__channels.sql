-- Channels (ADR 0012): the outbox of events for sales channels (available to sell changed…), the
-- change feed reads it by sequence, webhooks deliver it signed, a relay publishes it to RabbitMQ.

-- The last sequence number handed out per client. Appending an event updates this row in the
-- writer's transaction: its row lock makes the next writer of the same client wait until the first
-- commits or rolls back, so sequence numbers are gap-free and commit in order (a reader that sees
-- number n has seen every number below it).
CREATE TABLE outbox_sequence (
  tenant_id BIGINT NOT NULL PRIMARY KEY REFERENCES tenant (id),
  last_seq BIGINT NOT NULL
);

-- One event of a client, append-only. payload is a JSON object as text; recorded_at epoch ms UTC.
CREATE TABLE outbox_event (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  seq BIGINT NOT NULL,
  type VARCHAR(100) NOT NULL,
  payload TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  CONSTRAINT outbox_event_seq_key UNIQUE (tenant_id, seq)
);

-- A client's webhook: events (all, or those whose type is in types, a JSON array) are POSTed to url,
-- signed with secret (HMAC-SHA256; kept to sign, shown once). A deleted subscription keeps its row
-- for its delivery log.
CREATE TABLE webhook_subscription (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  url VARCHAR(2000) NOT NULL,
  types VARCHAR(2000),
  secret VARCHAR(100) NOT NULL,
  created_at BIGINT NOT NULL,
  created_by VARCHAR(120) NOT NULL,
  deleted_at BIGINT
);
CREATE INDEX webhook_subscription_tenant_idx ON webhook_subscription (tenant_id);

-- One event to one subscription. status: PENDING, DELIVERED, FAILED (attempts used up), CANCELLED
-- (subscription deleted). A dispatcher owns a delivery while claimed_until (epoch ms) is in the
-- future; attempts_before counts the attempts made before the last redelivery request, so a
-- redelivery gets a fresh round of attempts and the log keeps the total.
CREATE TABLE webhook_delivery (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  subscription_id BIGINT NOT NULL REFERENCES webhook_subscription (id),
  event_id BIGINT NOT NULL REFERENCES outbox_event (id),
  seq BIGINT NOT NULL,
  status VARCHAR(12) NOT NULL,
  attempts INTEGER NOT NULL,
  attempts_before INTEGER NOT NULL,
  next_attempt_at BIGINT,
  claimed_until BIGINT,
  last_status INTEGER,
  last_error VARCHAR(500),
  last_attempt_at BIGINT,
  delivered_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (status, next_attempt_at);
CREATE INDEX webhook_delivery_subscription_idx ON webhook_delivery (subscription_id, id);

-- How far the RabbitMQ relay has published each client's events (seq), and which server holds the
-- client's lease: a server publishes a client's events only while lease_until (epoch ms) is ahead
-- and the lease is its own, so several servers neither publish in parallel nor lose the position.
CREATE TABLE outbox_relay (
  tenant_id BIGINT NOT NULL PRIMARY KEY REFERENCES tenant (id),
  published_seq BIGINT NOT NULL,
  lease_owner VARCHAR(64),
  lease_until BIGINT
);
