-- API keys may expire: a key created with an expiry, or the old key of a roll during its grace period, is
-- refused once expires_at has passed (the engine compares it with its clock). NULL: the key never expires.
ALTER TABLE plugkit_api_keys ADD COLUMN expires_at DATETIME(6);
