-- Accounts of several platforms: the same external id may exist on two platforms, so the platform joins
-- the unique key of an account, and a connect's state remembers which platform's callback may take it.
-- Every row before this version is an Instagram row, as the platform column already says. The new key is
-- added before the old one goes: it also serves the foreign key on profile_id.
ALTER TABLE plugkit_accounts ADD CONSTRAINT plugkit_accounts_profile_platform_user
    UNIQUE (profile_id, platform, external_id);
ALTER TABLE plugkit_accounts DROP INDEX plugkit_accounts_profile_user;
ALTER TABLE plugkit_connect_states ADD COLUMN platform VARCHAR(20) DEFAULT 'instagram' NOT NULL;
