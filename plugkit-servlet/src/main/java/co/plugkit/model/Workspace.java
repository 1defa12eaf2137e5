package co.plugkit.model;

import co.plugkit.id.WorkspaceId;
import java.time.Instant;

/** A tenant: it owns API keys and profiles, and sees nothing of other workspaces. */
public record Workspace(WorkspaceId id, String name, Instant createdAt) {}
