package co.plugkit.bench;

import co.plugkit.id.WorkspaceId;
import co.plugkit.model.NewWorkspace;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;

/** A workspace with an API key and one profile, made through PlugKit's API as a client would. */
record Tenant(WorkspaceId workspace, String apiKey, String profileId) {
    static final ObjectMapper JSON = new ObjectMapper();

    static Tenant create(Servers servers) {
        NewWorkspace w = servers.plugKit.createWorkspace("bench");
        String key = w.apiKey().secret().reveal();
        String body = Load.send(HttpRequest.newBuilder(URI.create(servers.baseUrl + "/v1/profiles"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}"))
                .build());
        try {
            return new Tenant(
                    w.workspace().id(), key, JSON.readTree(body).get("id").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    URI connectUrl(Servers servers) {
        return URI.create(servers.baseUrl + "/v1/connect/instagram?profileId=" + profileId);
    }
}
