-- Meta sets no bound on an access token's length: a sealed token of a 4,000-character token did not fit
-- VARCHAR(4000). PlugKit accepts tokens of up to 16,384 characters; sealed (JWE, base64url) that is about
-- 22,000, so the column takes 65,536.
ALTER TABLE plugkit_accounts ALTER COLUMN token_ciphertext SET DATA TYPE VARCHAR(65536);
