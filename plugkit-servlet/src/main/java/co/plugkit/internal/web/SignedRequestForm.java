package co.plugkit.internal.web;

import co.plugkit.internal.crypto.SignedRequest;
import jakarta.servlet.http.HttpServletRequest;

/** Reads {@code signed_request} from the form body Meta posts, refusing oversized bodies unread. */
final class SignedRequestForm {
    /** The form holds one signed request of at most {@link SignedRequest#MAX_LENGTH} characters. */
    private static final int MAX_BODY = SignedRequest.MAX_LENGTH + 1024;

    private SignedRequestForm() {}

    static String read(ApiCall call) {
        HttpServletRequest request = call.request();
        if (!call.method().equals("POST")) {
            throw ApiProblem.methodNotAllowed(call.method(), "POST");
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            throw ApiError.BODY_TOO_LARGE.problem("The request body is too large for a signed request");
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw ApiError.UNSUPPORTED_MEDIA_TYPE.problem("Send signed_request as application/x-www-form-urlencoded");
        }
        String signed = call.query("signed_request").orElseThrow(() -> ApiProblem.missingParameter("signed_request"));
        if (signed.length() > SignedRequest.MAX_LENGTH) {
            throw ApiError.BODY_TOO_LARGE.problem("The signed request is too large");
        }
        return signed;
    }

    /** The API error for a refused signed request: a forged signature is 403, anything else 400. */
    static ApiProblem refused(String reason) {
        return reason.equals("bad_signature")
                ? ApiError.INVALID_SIGNATURE.problem()
                : ApiError.INVALID_SIGNED_REQUEST.problem(reason);
    }
}
