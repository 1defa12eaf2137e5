package co.plugkit.id;

import java.util.Optional;

/** The id of a connected account: `acc_` followed by lowercase letters and digits. */
public record AccountId(String value) {
    private static final IdFormat FORMAT = new IdFormat("acc_");

    /** @throws IllegalArgumentException if {@code value} is not a well-formed connected account id */
    public AccountId {
        FORMAT.require(value);
    }

    /** A new random id. */
    public static AccountId random() {
        return new AccountId(FORMAT.random());
    }

    /** The id, or empty if {@code value} is null or malformed. */
    public static Optional<AccountId> parse(String value) {
        return FORMAT.parse(value, AccountId::new);
    }

    @Override
    public String toString() {
        return value;
    }
}
