package co.plugkit.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * An authorization request the sandbox accepted: the app's parameters, checked, plus the developer's
 * fault switches preselected from {@code sandbox_fault} and {@code sandbox_shape}.
 *
 * @param clientId the Instagram App ID
 * @param redirectUri the redirect URI, exactly as sent
 * @param scopes the requested scopes, in order
 * @param scopeParam the {@code scope} parameter exactly as sent, to carry it through the consent form
 * @param state the app's {@code state}, echoed back on the redirect
 */
public record AuthorizationRequest(
        String clientId,
        String redirectUri,
        List<String> scopes,
        String scopeParam,
        Optional<String> state,
        SandboxFault fault,
        SandboxShape shape) {
    public AuthorizationRequest {
        scopes = List.copyOf(scopes);
    }
}
