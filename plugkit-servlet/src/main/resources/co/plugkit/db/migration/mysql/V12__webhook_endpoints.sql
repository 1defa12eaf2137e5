-- The host's webhook endpoints, per workspace. The signing secret is sealed (JWE, the tokens' key) and bound
-- to its row; during a roll the previous secret keeps signing until old_secret_until.
CREATE TABLE plugkit_webhook_endpoints (
    id                    VARCHAR(48)   NOT NULL PRIMARY KEY,
    seq                   BIGINT        NOT NULL AUTO_INCREMENT,
    workspace_id          VARCHAR(48)   NOT NULL,
    url                   VARCHAR(2048) NOT NULL,
    events                VARCHAR(1000),
    secret_key_id         VARCHAR(64)   NOT NULL,
    secret_ciphertext     VARCHAR(4000) NOT NULL,
    old_secret_key_id     VARCHAR(64),
    old_secret_ciphertext VARCHAR(4000),
    old_secret_until      DATETIME(6),
    created_at            DATETIME(6) NOT NULL,
    deleted_at            DATETIME(6),
    CONSTRAINT plugkit_webhook_endpoints_seq UNIQUE (seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX plugkit_webhook_endpoints_workspace ON plugkit_webhook_endpoints (workspace_id, seq);

-- One row per (endpoint, event), written with the event (the outbox); sent under a lease, so no two servers
-- send it at once, and never again once it succeeded.
CREATE TABLE plugkit_webhook_deliveries (
    id               VARCHAR(48)  NOT NULL PRIMARY KEY,
    seq              BIGINT        NOT NULL AUTO_INCREMENT,
    workspace_id     VARCHAR(48)  NOT NULL,
    endpoint_id      VARCHAR(48)  NOT NULL,
    event_id         VARCHAR(48)  NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    attempts         INT          DEFAULT 0 NOT NULL,
    next_attempt_at  DATETIME(6),
    lease_owner      VARCHAR(64),
    lease_until      DATETIME(6),
    created_at       DATETIME(6) NOT NULL,
    completed_at     DATETIME(6),
    CONSTRAINT plugkit_webhook_deliveries_seq UNIQUE (seq),
    CONSTRAINT plugkit_webhook_deliveries_once UNIQUE (endpoint_id, event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX plugkit_webhook_deliveries_due ON plugkit_webhook_deliveries (status, next_attempt_at);
CREATE INDEX plugkit_webhook_deliveries_endpoint ON plugkit_webhook_deliveries (endpoint_id, seq);

-- Each try of a delivery: when, the receiver's status (none when it could not be reached), how long, why not.
CREATE TABLE plugkit_webhook_attempts (
    id            VARCHAR(48)  NOT NULL PRIMARY KEY,
    seq           BIGINT        NOT NULL AUTO_INCREMENT,
    delivery_id   VARCHAR(48)  NOT NULL,
    attempted_at  DATETIME(6) NOT NULL,
    status_code   INT,
    duration_ms   INT          NOT NULL,
    error         VARCHAR(300),
    CONSTRAINT plugkit_webhook_attempts_seq UNIQUE (seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX plugkit_webhook_attempts_delivery ON plugkit_webhook_attempts (delivery_id, seq);
