-- Software licences and entitlements: a pool of licence keys per product, a key issued to a unit
-- when it ships, activated, moved to a replacement, revoked on a refund; units shipped while the
-- pool was empty, owed a key; and every view of a key in clear. The ledger notes what happened on
-- each unit's chain by reference (licence id, last four characters), never the key itself.

-- A product whose units come with a licence: created by the first import of keys for it. A unit of
-- a product with a pool is issued a key when it ships, or owed one when the pool is empty.
CREATE TABLE licence_pool (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  product_id BIGINT NOT NULL REFERENCES product (id),
  created_by VARCHAR(120) NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT licence_pool_product_key UNIQUE (tenant_id, product_id)
);

-- One licence key. ciphertext: AES-256-GCM of the key (base64 of nonce, ciphertext and tag), bound
-- to its tenant, product and fingerprint; key_ref names the master key it was sealed under.
-- fingerprint: HMAC-SHA-256 of the key under a key derived from the master key (hex), unique per
-- product so that a key imported twice is refused. status: AVAILABLE, ISSUED, ACTIVE, REVOKED.
-- unit_id: the unit holding it (the last one, once revoked); transferred_from: the unit it came
-- from on a warranty swap.
CREATE TABLE licence_key (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  product_id BIGINT NOT NULL REFERENCES product (id),
  ciphertext VARCHAR(1000) NOT NULL,
  key_ref VARCHAR(16) NOT NULL,
  fingerprint CHAR(64) NOT NULL,
  last4 VARCHAR(4) NOT NULL,
  status VARCHAR(10) NOT NULL,
  unit_id BIGINT,
  transferred_from BIGINT,
  imported_by VARCHAR(120) NOT NULL,
  imported_at BIGINT NOT NULL,
  issued_at BIGINT,
  issued_event BIGINT,
  activated_at BIGINT,
  revoked_at BIGINT,
  revoked_event BIGINT,
  revoked_reason VARCHAR(20),
  CONSTRAINT licence_key_fingerprint_key UNIQUE (tenant_id, product_id, fingerprint)
);
-- The next available key of a product (lowest id first), and a unit's licence.
CREATE INDEX licence_key_pool_idx ON licence_key (tenant_id, product_id, status, id);
CREATE INDEX licence_key_unit_idx ON licence_key (tenant_id, unit_id);
CREATE INDEX licence_key_from_idx ON licence_key (tenant_id, transferred_from);

-- A unit that shipped while its product's pool was empty: it is owed a key, issued by the next
-- import (oldest first). status: OWED, ISSUED (licence_id), CANCELLED (refunded before a key came),
-- TRANSFERRED (to the replacement unit, transferred_to, which is owed in its place).
CREATE TABLE licence_owed (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  product_id BIGINT NOT NULL REFERENCES product (id),
  unit_id BIGINT NOT NULL,
  status VARCHAR(12) NOT NULL,
  shipped_event BIGINT,
  licence_id BIGINT,
  transferred_to BIGINT,
  created_at BIGINT NOT NULL,
  settled_at BIGINT
);
CREATE INDEX licence_owed_pool_idx ON licence_owed (tenant_id, product_id, status, id);
CREATE INDEX licence_owed_unit_idx ON licence_owed (tenant_id, unit_id);

-- Every time a key was shown in clear: who (the ledger's form of an actor), with what role, when,
-- from where (remote address, user agent) and why, if they said.
CREATE TABLE licence_view (
  id ${pk},
  tenant_id BIGINT NOT NULL REFERENCES tenant (id),
  licence_id BIGINT NOT NULL REFERENCES licence_key (id),
  unit_id BIGINT NOT NULL,
  viewer VARCHAR(160) NOT NULL,
  viewer_role VARCHAR(12) NOT NULL,
  viewed_at BIGINT NOT NULL,
  remote_addr VARCHAR(64),
  user_agent VARCHAR(300),
  reason VARCHAR(500)
);
CREATE INDEX licence_view_tenant_idx ON licence_view (tenant_id, id);
