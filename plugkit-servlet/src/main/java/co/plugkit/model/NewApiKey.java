package co.plugkit.model;

import co.plugkit.secret.ApiKeySecret;

/** An API key just created, with its plaintext: the only moment the plaintext exists. */
public record NewApiKey(ApiKey key, ApiKeySecret secret) {}
