package co.plugkit.model;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import java.time.Instant;

/** One of an API client's own customers, to whom connected accounts belong. */
public record Profile(ProfileId id, WorkspaceId workspaceId, String name, Instant createdAt) {}
