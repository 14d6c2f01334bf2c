-- A campaign drafted under an Idempotency-Key keeps the key's SHA-256 (hex): a repeat of the key
-- answers the campaign it drafted.
ALTER TABLE recall_campaign ADD COLUMN request_key CHAR(64);
CREATE UNIQUE INDEX recall_campaign_request_key ON recall_campaign (tenant_id, request_key);
