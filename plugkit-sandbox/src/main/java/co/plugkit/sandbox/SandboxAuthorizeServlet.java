package co.plugkit.sandbox;

import co.plugkit.internal.web.GuardedServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code …/oauth/authorize}: {@code GET} shows the consent page; {@code POST} (the page's form) checks the
 * request again, then redirects to the app with a code (Allow) or Instagram's denial (Cancel).
 */
final class SandboxAuthorizeServlet extends GuardedServlet {
    private final transient InstagramSandbox sandbox;
    private final transient AuthorizePage page;

    SandboxAuthorizeServlet(InstagramSandbox sandbox, AuthorizePage page) {
        super("GET", "POST");
        this.sandbox = sandbox;
        this.page = page;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Authorization authorization = sandbox.check(params(request));
        if (authorization instanceof Authorization.Consent consent) {
            page.consent(consent, response);
        } else {
            page.refused(((Authorization.Refused) authorization).message(), response);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The form's hidden fields are checked exactly like the original request: nothing is trusted.
        Authorization authorization = sandbox.check(params(request));
        if (!(authorization instanceof Authorization.Consent consent)) {
            page.refused(((Authorization.Refused) authorization).message(), response);
            return;
        }
        Optional<URI> target;
        Optional<SandboxAccount> chosen =
                Optional.ofNullable(request.getParameter("account")).flatMap(SandboxAccount::byUsername);
        if ("allow".equals(request.getParameter("decision"))
                && chosen.filter(a -> !a.tester()).isPresent()) {
            // Instagram's own page, and no redirect: the app never hears of it (the "tester trap")
            page.insufficientDeveloperRole(chosen.get(), response);
            return;
        }
        if ("allow".equals(request.getParameter("decision"))) {
            target = Optional.ofNullable(request.getParameter("account"))
                    .flatMap(SandboxAccount::byUsername)
                    .map(account -> sandbox.approve(consent.request(), account));
        } else {
            target = Optional.of(sandbox.cancel(consent.request()));
        }
        if (target.isEmpty()) {
            page.refused("Choose one of the sandbox accounts, then press Allow.", response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", target.get().toString());
    }

    private static Map<String, String> params(HttpServletRequest request) {
        Map<String, String> params = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, values.length == 0 ? "" : values[0]));
        return params;
    }
}
