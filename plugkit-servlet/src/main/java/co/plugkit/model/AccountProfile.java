package co.plugkit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What Instagram says of an account now, as a check of its token reads it: the fields of an account
 * that can change on Instagram's side after it was connected.
 */
public record AccountProfile(String username, Optional<String> displayName, Optional<String> profilePictureUrl) {
    public AccountProfile {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(profilePictureUrl, "profilePictureUrl");
    }
}
