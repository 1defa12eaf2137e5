-- Events: one row per thing that happened in a workspace (an account connected, a DM arrived), written in
-- the same transaction as the change that caused it (an outbox). The same rows are the audit trail:
-- actor says who caused it (an API key's prefix "key:sk_…", or "instagram", "meta", "system").
CREATE TABLE plugkit_events (
    id            VARCHAR(48)  NOT NULL PRIMARY KEY,
    seq           BIGINT       NOT NULL AUTO_INCREMENT,
    workspace_id  VARCHAR(48)  NOT NULL,
    type          VARCHAR(60)  NOT NULL,
    actor         VARCHAR(40)  NOT NULL,
    account_id    VARCHAR(48),
    created_at    DATETIME(6)  NOT NULL,
    data          MEDIUMTEXT   NOT NULL,
    CONSTRAINT plugkit_events_seq UNIQUE (seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX plugkit_events_workspace ON plugkit_events (workspace_id, seq);

-- Meta's webhook deliveries, stored before they are answered and processed after; the hash of the raw
-- body makes the same delivery twice one row (and so one event).
CREATE TABLE plugkit_meta_webhooks (
    id            VARCHAR(48)  NOT NULL PRIMARY KEY,
    seq           BIGINT       NOT NULL AUTO_INCREMENT,
    body_sha256   CHAR(64)     NOT NULL,
    body          MEDIUMTEXT   NOT NULL,
    received_at   DATETIME(6)  NOT NULL,
    processed_at  DATETIME(6),
    attempts      INT          DEFAULT 0 NOT NULL,
    lease_owner   VARCHAR(64),
    lease_until   DATETIME(6),
    CONSTRAINT plugkit_meta_webhooks_seq UNIQUE (seq),
    CONSTRAINT plugkit_meta_webhooks_body UNIQUE (body_sha256)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX plugkit_meta_webhooks_pending ON plugkit_meta_webhooks (processed_at, seq);

-- Whether an account is subscribed to the app's webhooks (subscribed, failed, off); NULL before this
-- version. A failed subscription is tried again by the background runs after webhooks_retry_at.
ALTER TABLE plugkit_accounts ADD COLUMN webhooks VARCHAR(20);
ALTER TABLE plugkit_accounts ADD COLUMN webhooks_failures INT DEFAULT 0 NOT NULL;
ALTER TABLE plugkit_accounts ADD COLUMN webhooks_retry_at DATETIME(6);
