-- When Instagram last confirmed that an account's token still works: set by a connection, a refresh
-- or a check (/me) between refreshes, which finds tokens revoked without a callback.
ALTER TABLE plugkit_accounts ADD COLUMN last_checked_at TIMESTAMP(6) WITH TIME ZONE;

-- A token was last known good when it was issued.
UPDATE plugkit_accounts SET last_checked_at = token_issued_at WHERE token_ciphertext IS NOT NULL;

CREATE INDEX plugkit_accounts_check ON plugkit_accounts (status, last_checked_at);
