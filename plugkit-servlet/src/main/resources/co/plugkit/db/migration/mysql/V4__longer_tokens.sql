-- Meta sets no bound on an access token's length: a sealed token of a 4,000-character token did not fit
-- VARCHAR(4000). PlugKit accepts tokens of up to 16,384 characters; sealed (JWE, base64url) that is about
-- 22,000, which a MEDIUMTEXT (kept off the row, unlike a VARCHAR of that size) holds.
ALTER TABLE plugkit_accounts MODIFY token_ciphertext MEDIUMTEXT;
