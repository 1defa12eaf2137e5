-- GET /v1/accounts?profileId=…: the list is keyset-paged on seq, and without an index that starts with the
-- profile the database walks the workspace's (workspace_id, seq) index and filters, reading every later
-- account of the workspace to fill (or prove the end of) a page of a small profile: ~100k rows for a page of
-- a profile with 100 accounts in a workspace of 100k. With (profile_id, seq) a page reads about its own rows.
CREATE INDEX plugkit_accounts_profile_seq ON plugkit_accounts (profile_id, seq);
