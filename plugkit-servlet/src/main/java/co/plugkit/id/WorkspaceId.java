package co.plugkit.id;

import java.util.Optional;

/** The id of a workspace: `ws_` followed by lowercase letters and digits. */
public record WorkspaceId(String value) {
    private static final IdFormat FORMAT = new IdFormat("ws_");

    /** The workspace a single-tenant host uses: the bootstrap key's and the demo's. */
    public static final WorkspaceId DEFAULT = new WorkspaceId("ws_default");

    /** @throws IllegalArgumentException if {@code value} is not a well-formed workspace id */
    public WorkspaceId {
        FORMAT.require(value);
    }

    /** A new random id. */
    public static WorkspaceId random() {
        return new WorkspaceId(FORMAT.random());
    }

    /** The id, or empty if {@code value} is null or malformed. */
    public static Optional<WorkspaceId> parse(String value) {
        return FORMAT.parse(value, WorkspaceId::new);
    }

    @Override
    public String toString() {
        return value;
    }
}
