package co.plugkit.testing;

import co.plugkit.internal.crypto.SignedRequest;
import co.plugkit.secret.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The form body Meta posts to the deauthorize and data deletion callbacks: a {@code signed_request} for an
 * Instagram user, signed with the stand-in app's secret as Meta signs with the real one.
 */
public final class MetaSignedRequests {
    /** The Content-Type Meta sends it with. */
    public static final String FORM = "application/x-www-form-urlencoded";

    private MetaSignedRequests() {}

    /** {@code signed_request=…} naming {@code userId}, signed with {@link FakeInstagram#CLIENT_SECRET}. */
    public static String form(String userId) {
        String signed = SignedRequest.sign(
                Secret.of(FakeInstagram.CLIENT_SECRET),
                "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1291836800,\"user_id\":\"" + userId + "\"}");
        return "signed_request=" + URLEncoder.encode(signed, StandardCharsets.UTF_8);
    }
}
