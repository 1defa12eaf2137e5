-- PlugKit's schema for MariaDB 10.6+ and MySQL 8. Timestamps are DATETIME(6) holding UTC (PlugKit binds
-- and reads them as UTC wall-clock time); ids compare case-sensitively (utf8mb4_bin) as on the others.
-- seq columns give lists a stable order for cursor pagination.

CREATE TABLE plugkit_workspaces (
    id          VARCHAR(48)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE plugkit_api_keys (
    id            VARCHAR(48)  NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(48)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    key_hash      CHAR(64)     NOT NULL,
    key_prefix    VARCHAR(16)  NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    last_used_at  DATETIME(6),
    revoked_at    DATETIME(6),
    CONSTRAINT plugkit_api_keys_hash UNIQUE (key_hash),
    CONSTRAINT plugkit_api_keys_workspace_fk FOREIGN KEY (workspace_id) REFERENCES plugkit_workspaces (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX plugkit_api_keys_workspace ON plugkit_api_keys (workspace_id);

CREATE TABLE plugkit_profiles (
    id            VARCHAR(48)  NOT NULL PRIMARY KEY,
    seq           BIGINT       NOT NULL AUTO_INCREMENT,
    workspace_id  VARCHAR(48)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    CONSTRAINT plugkit_profiles_seq UNIQUE (seq),
    CONSTRAINT plugkit_profiles_workspace_fk FOREIGN KEY (workspace_id) REFERENCES plugkit_workspaces (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX plugkit_profiles_workspace ON plugkit_profiles (workspace_id, seq);

CREATE TABLE plugkit_accounts (
    id                   VARCHAR(48)   NOT NULL PRIMARY KEY,
    seq                  BIGINT        NOT NULL AUTO_INCREMENT,
    workspace_id         VARCHAR(48)   NOT NULL,
    profile_id           VARCHAR(48)   NOT NULL,
    platform             VARCHAR(20)   NOT NULL,
    external_id          VARCHAR(64)   NOT NULL,
    app_scoped_id        VARCHAR(64),
    username             VARCHAR(100)  NOT NULL,
    display_name         VARCHAR(300),
    account_type         VARCHAR(30)   NOT NULL,
    profile_picture_url  VARCHAR(2048),
    scopes               VARCHAR(1000) NOT NULL,
    status               VARCHAR(20)   NOT NULL,
    token_key_id         VARCHAR(64),
    token_ciphertext     TEXT,
    token_expires_at     DATETIME(6),
    connected_at         DATETIME(6)   NOT NULL,
    updated_at           DATETIME(6)   NOT NULL,
    CONSTRAINT plugkit_accounts_seq UNIQUE (seq),
    CONSTRAINT plugkit_accounts_profile_user UNIQUE (profile_id, external_id),
    CONSTRAINT plugkit_accounts_workspace_fk FOREIGN KEY (workspace_id) REFERENCES plugkit_workspaces (id),
    CONSTRAINT plugkit_accounts_profile_fk FOREIGN KEY (profile_id) REFERENCES plugkit_profiles (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX plugkit_accounts_workspace ON plugkit_accounts (workspace_id, seq);

CREATE TABLE plugkit_connect_states (
    state_hash    CHAR(64)      NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(48)   NOT NULL,
    profile_id    VARCHAR(48)   NOT NULL,
    redirect_url  VARCHAR(2048),
    created_at    DATETIME(6)   NOT NULL,
    expires_at    DATETIME(6)   NOT NULL,
    consumed_at   DATETIME(6)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX plugkit_connect_states_expiry ON plugkit_connect_states (expires_at);
