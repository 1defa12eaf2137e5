package co.plugkit.internal.web;

import co.plugkit.internal.crypto.SignedTickets;
import co.plugkit.internal.engine.CallbackOutcome;
import co.plugkit.internal.engine.CallbackRequest;
import co.plugkit.internal.engine.ConnectError;
import co.plugkit.internal.engine.ConnectFlow;
import co.plugkit.provider.Platform;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /v1/connect/{platform}/callback}: the provider's redirect target. It runs the engine and sends
 * the browser on with a 303 — to the client's allow-listed redirectUrl, or to the result page at this
 * same address, {@code ?result=} a signed ticket of the outcome. The redirect takes the used code and
 * state out of the address bar and the browser's history (RFC 9700 §4.3); the ticket is signed so that
 * nobody can make PlugKit's page say "connected" for an outcome it did not have.
 */
final class CallbackServlet extends GuardedServlet {
    /** How long the result page can be reloaded; it is the page a popup shows while the opener reacts. */
    private static final Duration RESULT_LIFETIME = Duration.ofMinutes(10);

    private final transient ConnectFlow flow;
    private final transient Platform platform;
    private final transient CallbackPage page;
    private final transient SignedTickets tickets;
    private final transient ObjectMapper json;
    private final URI callbackUrl;

    CallbackServlet(
            ConnectFlow flow,
            Platform platform,
            CallbackPage page,
            SignedTickets tickets,
            ObjectMapper json,
            URI callbackUrl) {
        super("GET");
        this.flow = flow;
        this.platform = platform;
        this.page = page;
        this.tickets = tickets;
        this.json = json;
        this.callbackUrl = callbackUrl;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        privateHeaders(response);
        Optional<String> ticket = param(request, "result");
        if (ticket.isPresent()) {
            Optional<CallbackResult> result = tickets.open(ticket.get()).flatMap(this::read);
            if (result.isPresent()) {
                page.render(result.get(), response);
            } else {
                page.expired(response);
            }
            return;
        }
        CallbackOutcome outcome = flow.complete(
                platform,
                new CallbackRequest(
                        param(request, "state"),
                        param(request, "code"),
                        param(request, "error"),
                        param(request, "error_reason"),
                        param(request, "error_description")));
        Optional<URI> redirect = outcome.redirectUrl();
        if (redirect.isPresent()) {
            seeOther(response, CallbackRedirect.location(redirect.get(), outcome));
        } else {
            showResult(response, CallbackResult.of(outcome));
        }
    }

    /**
     * HEAD changes nothing: link scanners and preview bots probe URLs with HEAD before a person opens them,
     * and running the callback for them would burn the person's single-use state and code.
     */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) {
        privateHeaders(response);
        response.setStatus(200);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
    }

    /** Something failed that should not have (logged by the base class): the person still gets a page. */
    @Override
    protected void unexpected(HttpServletRequest request, HttpServletResponse response) throws IOException {
        privateHeaders(response);
        showResult(response, new CallbackResult.Failed(ConnectError.INTERNAL_ERROR, Optional.empty()));
    }

    private void showResult(HttpServletResponse response, CallbackResult result) throws IOException {
        String ticket = tickets.issue(json.writeValueAsString(result.message()), RESULT_LIFETIME);
        seeOther(response, URI.create(callbackUrl + "?result=" + ticket));
    }

    private Optional<CallbackResult> read(String payload) {
        try {
            return CallbackResult.fromMessage(json.readTree(payload));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** The URL carries a one-time code or a result: keep it out of caches and out of Referer headers. */
    private static void privateHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    private static void seeOther(HttpServletResponse response, URI location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location.toString());
    }

    private static Optional<String> param(HttpServletRequest request, String name) {
        try {
            return Optional.ofNullable(request.getParameter(name)).filter(v -> !v.isEmpty());
        } catch (RuntimeException e) {
            // Containers decode the query lazily, here; Jetty throws for "%zz" or bytes that are not UTF-8.
            // Such a query names no connect attempt: its parameters count as absent, like a bare visit.
            return Optional.empty();
        }
    }
}
