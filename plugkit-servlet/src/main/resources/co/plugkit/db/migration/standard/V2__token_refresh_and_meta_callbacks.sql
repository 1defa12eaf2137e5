-- Keeping connections alive: when the token was issued (Instagram refreshes only tokens a day old),
-- why an account needs reconnecting, the refresher's lease and back-off, and a version that makes every
-- token write compare-and-set, so an older refresh result never overwrites a newer token.
ALTER TABLE plugkit_accounts ADD COLUMN status_reason VARCHAR(100);
ALTER TABLE plugkit_accounts ADD COLUMN token_issued_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE plugkit_accounts ADD COLUMN last_refreshed_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE plugkit_accounts ADD COLUMN token_version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE plugkit_accounts ADD COLUMN refresh_failures INT DEFAULT 0 NOT NULL;
ALTER TABLE plugkit_accounts ADD COLUMN next_refresh_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE plugkit_accounts ADD COLUMN lease_owner VARCHAR(64);
ALTER TABLE plugkit_accounts ADD COLUMN lease_until TIMESTAMP(6) WITH TIME ZONE;
-- Client-supplied metadata of manually connected accounts (a JSON object, as text).
ALTER TABLE plugkit_accounts ADD COLUMN metadata VARCHAR(16384);

-- Tokens stored before this version were issued at the latest when they were last written.
UPDATE plugkit_accounts SET token_issued_at = updated_at WHERE token_ciphertext IS NOT NULL;

CREATE INDEX plugkit_accounts_refresh ON plugkit_accounts (status, token_expires_at);
CREATE INDEX plugkit_accounts_external ON plugkit_accounts (external_id);
CREATE INDEX plugkit_accounts_app_scoped ON plugkit_accounts (app_scoped_id);

-- Meta's data deletion requests: the confirmation code and what was done; no personal data.
CREATE TABLE plugkit_data_deletions (
    confirmation_code  VARCHAR(64) NOT NULL PRIMARY KEY,
    requested_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    accounts_deleted   INT NOT NULL
);
