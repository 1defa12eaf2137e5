package co.plugkit.web;

import co.plugkit.engine.CallbackOutcome;
import co.plugkit.engine.CallbackRequest;
import co.plugkit.engine.ConnectFlow;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * {@code GET /v1/connect/instagram/callback}: Instagram's redirect target. It runs the engine and sends
 * the browser on — a 303 to the client's allow-listed redirectUrl, or the small result page.
 */
final class CallbackServlet extends HttpServlet {
    private final transient ConnectFlow flow;
    private final transient CallbackPage page;

    CallbackServlet(ConnectFlow flow, CallbackPage page) {
        this.flow = flow;
        this.page = page;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The URL carries a one-time code: keep it out of caches and out of Referer headers.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        CallbackOutcome outcome = flow.complete(new CallbackRequest(
                param(request, "state"),
                param(request, "code"),
                param(request, "error"),
                param(request, "error_reason")));
        Optional<URI> redirect = outcome.redirectUrl();
        if (redirect.isPresent()) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader(
                    "Location",
                    CallbackRedirect.location(redirect.get(), outcome).toString());
        } else {
            page.render(outcome, response);
        }
    }

    private static Optional<String> param(HttpServletRequest request, String name) {
        return Optional.ofNullable(request.getParameter(name)).filter(v -> !v.isEmpty());
    }
}
