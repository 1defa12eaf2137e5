package co.plugkit.internal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /v1/openapi.json}: the OpenAPI 3.1 description of the API, no key needed — it holds nothing
 * a caller could not learn from docs/api.md. The jar carries docs/openapi.yaml itself (one copy, which the
 * tests validate real traffic against); it is read once, when PlugKit mounts its routes.
 */
final class OpenApiServlet extends ApiServlet {
    static final String RESOURCE = "openapi.yaml";

    private final transient JsonNode description;

    OpenApiServlet(ObjectMapper json) {
        super(json, "GET");
        this.description = load();
    }

    /** The description as the jar holds it, parsed; fails loudly if the build left it out. */
    static JsonNode load() {
        try (InputStream in = OpenApiServlet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("PlugKit's jar has no " + RESOURCE + " next to OpenApiServlet");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("PlugKit's " + RESOURCE + " cannot be read", e);
        }
    }

    @Override
    protected void handle(ApiCall call) throws IOException {
        call.respond(200, description);
    }
}
