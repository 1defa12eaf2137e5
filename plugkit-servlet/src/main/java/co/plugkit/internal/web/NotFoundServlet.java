package co.plugkit.internal.web;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Everything under {@code /v1/} that no route claims: a JSON 404 rather than the container's HTML page. */
final class NotFoundServlet extends ApiServlet {
    NotFoundServlet(ObjectMapper json) {
        super(json, "GET", "POST", "DELETE");
    }

    @Override
    protected void handle(ApiCall call) {
        throw ApiError.NOT_FOUND.problem();
    }
}
