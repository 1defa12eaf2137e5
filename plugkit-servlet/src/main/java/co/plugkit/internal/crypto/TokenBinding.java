package co.plugkit.internal.crypto;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.provider.Platform;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * The account row a sealed token belongs to, which {@link TokenCipher} binds into the token's ciphertext
 * so that a ciphertext copied into another row does not open there.
 *
 * <p>It names the row by (workspace, profile, Instagram account) rather than by the account id: the
 * connect flow seals the token before its upsert, which keeps the existing id on a reconnect, so the id is
 * not known at seal time; these three are, and a row never changes them ({@code plugkit_accounts} is
 * unique on profile and Instagram account, and a profile stays in its workspace).
 *
 * @param externalId the Instagram professional account id, as stored in {@code external_id}
 */
public record TokenBinding(WorkspaceId workspaceId, ProfileId profileId, Platform platform, String externalId) {
    public TokenBinding {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(externalId, "externalId");
    }

    /**
     * The binding of a webhook endpoint's signing secret to its row. The profile part is a constant no real
     * profile id can equal (those are hex), so it never matches an account token's binding.
     */
    public static TokenBinding forWebhookEndpoint(WorkspaceId workspaceId, String endpointId) {
        return new TokenBinding(workspaceId, new ProfileId("prof_webhook"), new Platform("webhook"), endpointId);
    }

    /**
     * The value carried in the JWE header: a digest of the three ids, so that the header has a fixed size
     * and copies no identifier into the ciphertext. The separator cannot occur in any of the ids.
     */
    String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // Instagram's bindings are those of tokens sealed before there were other platforms, which must
            // still open; any other platform's name is part of its binding.
            String platformPart = platform.equals(Platform.INSTAGRAM) ? "" : "\n" + platform.name();
            sha.update(("plugkit-token-binding:v1\n" + workspaceId.value() + "\n" + profileId.value() + "\n"
                            + externalId + platformPart)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
