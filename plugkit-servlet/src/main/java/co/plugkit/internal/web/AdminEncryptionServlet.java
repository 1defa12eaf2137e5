package co.plugkit.internal.web;

import co.plugkit.internal.engine.TokenResealer;
import co.plugkit.secret.Secret;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * {@code GET /admin/v1/encryption}: the key rotation's progress, {@code {"primaryKeyId","rowsOnOldKeys"}}.
 * Key ids are fingerprints that reveal nothing of a key. Mounted only when an admin token is configured,
 * and guarded by it (compared in constant time), as {@link AdminWorkspacesServlet} is.
 */
final class AdminEncryptionServlet extends AdminServlet {
    private final transient TokenResealer resealer;

    AdminEncryptionServlet(ObjectMapper json, TokenResealer resealer, Secret adminToken) {
        super(json, adminToken, "GET");
        this.resealer = resealer;
    }

    @Override
    protected void handleAdmin(ApiCall call) throws IOException {
        if (call.pathId().isPresent()) {
            throw ApiError.NOT_FOUND.problem();
        }
        call.respond(200, new Views.EncryptionView(resealer.primaryKeyId(), resealer.rowsOnOldKeys()));
    }
}
