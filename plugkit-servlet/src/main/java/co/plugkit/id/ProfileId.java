package co.plugkit.id;

import java.util.Optional;

/** The id of a profile: `prof_` followed by lowercase letters and digits. */
public record ProfileId(String value) {
    private static final IdFormat FORMAT = new IdFormat("prof_");

    /** @throws IllegalArgumentException if {@code value} is not a well-formed profile id */
    public ProfileId {
        FORMAT.require(value);
    }

    /** A new random id. */
    public static ProfileId random() {
        return new ProfileId(FORMAT.random());
    }

    /** The id, or empty if {@code value} is null or malformed. */
    public static Optional<ProfileId> parse(String value) {
        return FORMAT.parse(value, ProfileId::new);
    }

    @Override
    public String toString() {
        return value;
    }
}
