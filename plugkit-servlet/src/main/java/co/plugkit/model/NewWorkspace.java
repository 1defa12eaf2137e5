package co.plugkit.model;

/** A workspace just created, with its first API key. */
public record NewWorkspace(Workspace workspace, NewApiKey apiKey) {}
