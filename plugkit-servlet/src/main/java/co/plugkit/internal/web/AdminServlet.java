package co.plugkit.internal.web;

import co.plugkit.secret.Secret;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The base of the {@code /admin/v1/*} routes: mounted only when an admin token is configured, and each
 * request must present it ({@code Authorization: Bearer …}, compared in constant time) before anything
 * else is looked at.
 */
abstract class AdminServlet extends ApiServlet {
    private final transient Secret adminToken;

    AdminServlet(ObjectMapper json, Secret adminToken, String... methods) {
        super(json, methods);
        this.adminToken = adminToken;
    }

    /** Handles one request whose admin token was checked. */
    protected abstract void handleAdmin(ApiCall call) throws IOException;

    @Override
    protected final void handle(ApiCall call) throws IOException {
        Optional<String> presented = BearerToken.from(call.request());
        if (presented.isEmpty() || !adminToken.matches(presented.get())) {
            call.response().setHeader("WWW-Authenticate", "Bearer realm=\"plugkit-admin\"");
            throw ApiError.ADMIN_UNAUTHORIZED.problem();
        }
        handleAdmin(call);
    }
}
