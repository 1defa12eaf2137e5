package co.plugkit.internal.web;

import co.plugkit.internal.engine.TokenResealer;
import co.plugkit.secret.Secret;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /admin/v1/encryption}: the key rotation's progress, {@code {"primaryKeyId","rowsOnOldKeys"}}.
 * Key ids are fingerprints that reveal nothing of a key. Mounted only when an admin token is configured,
 * and guarded by it (compared in constant time), as {@link AdminWorkspacesServlet} is.
 */
final class AdminEncryptionServlet extends ApiServlet {
    private final transient TokenResealer resealer;
    private final transient Secret adminToken;

    AdminEncryptionServlet(ObjectMapper json, TokenResealer resealer, Secret adminToken) {
        super(json, "GET");
        this.resealer = resealer;
        this.adminToken = adminToken;
    }

    @Override
    protected void handle(ApiCall call) throws IOException {
        Optional<String> presented = BearerToken.from(call.request());
        if (presented.isEmpty() || !adminToken.matches(presented.get())) {
            call.response().setHeader("WWW-Authenticate", "Bearer realm=\"plugkit-admin\"");
            throw ApiError.ADMIN_UNAUTHORIZED.problem();
        }
        if (call.pathId().isPresent()) {
            throw ApiError.NOT_FOUND.problem();
        }
        call.respond(200, new Views.EncryptionView(resealer.primaryKeyId(), resealer.rowsOnOldKeys()));
    }
}
