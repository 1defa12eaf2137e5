package co.plugkit.sandbox;

import co.plugkit.internal.web.GuardedServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code …/apps}: {@code GET} lists the sandbox accounts with Remove app and Delete my data, and for a
 * connected one Send a DM and Send a comment; {@code POST} (their forms) checks the anti-forgery token, has
 * {@link SandboxMeta} send the callback or {@link SandboxWebhooks} the webhook, and shows PlugKit's answer.
 */
final class SandboxAppsServlet extends GuardedServlet {
    private static final String COOKIE = "plugkit_sandbox_form";

    private final transient SandboxMeta meta;
    private final transient SandboxWebhooks webhooks;
    private final transient SandboxFormGuard guard;
    private final transient AppsPage page;

    SandboxAppsServlet(SandboxMeta meta, SandboxWebhooks webhooks, SandboxFormGuard guard, AppsPage page) {
        super("GET", "POST");
        this.meta = meta;
        this.webhooks = webhooks;
        this.guard = guard;
        this.page = page;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        show(request, response, 200, AppsPage.Outcome.NONE);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!guard.accepts(cookie(request).orElse(null), request.getParameter(AppsPage.TOKEN_FIELD))) {
            show(
                    request,
                    response,
                    403,
                    AppsPage.Outcome.problem("This form has expired or was sent from another page. Try again below."));
            return;
        }
        Optional<SandboxAccount> account =
                Optional.ofNullable(request.getParameter("account")).flatMap(SandboxAccount::byUsername);
        if (request.getParameter("webhook") != null) {
            sendWebhook(request, response, account);
            return;
        }
        Optional<SandboxCallback> callback =
                Optional.ofNullable(request.getParameter("callback")).flatMap(SandboxCallback::fromParam);
        Optional<SandboxUserId> userId = Optional.ofNullable(request.getParameter("user_id"))
                .map(SandboxUserId::fromParam)
                .orElse(Optional.of(SandboxUserId.PROFESSIONAL));
        if (callback.isEmpty() || account.isEmpty() || userId.isEmpty()) {
            show(request, response, 400, AppsPage.Outcome.problem("Choose a sandbox account and a button."));
            return;
        }
        CallbackReport report = meta.send(callback.get(), account.get(), userId.get());
        show(request, response, 200, new AppsPage.Outcome(Optional.of(report), Optional.empty(), Optional.empty()));
    }

    private void sendWebhook(HttpServletRequest request, HttpServletResponse response, Optional<SandboxAccount> account)
            throws IOException {
        Optional<SandboxWebhook> webhook = SandboxWebhook.fromParam(request.getParameter("webhook"));
        if (webhook.isEmpty() || account.isEmpty()) {
            show(request, response, 400, AppsPage.Outcome.problem("Choose a sandbox account and a button."));
            return;
        }
        Optional<WebhookReport> report = webhooks.send(webhook.get(), account.get());
        if (report.isEmpty()) {
            show(
                    request,
                    response,
                    409,
                    AppsPage.Outcome.problem("@" + account.get().username() + " has not connected the app:"
                            + " Instagram sends webhooks only for accounts that use it. Connect it first."));
            return;
        }
        show(request, response, 200, new AppsPage.Outcome(Optional.empty(), report, Optional.empty()));
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, AppsPage.Outcome outcome)
            throws IOException {
        String nonce = cookie(request).filter(guard::wellFormed).orElseGet(guard::newNonce);
        // Set on every answer, scoped to this page; SameSite=Strict keeps it off cross-site form posts.
        response.addHeader(
                "Set-Cookie",
                COOKIE + "=" + nonce + "; Path=" + request.getContextPath() + request.getServletPath()
                        + "; HttpOnly; SameSite=Strict" + (request.isSecure() ? "; Secure" : ""));
        response.setHeader("Referrer-Policy", "no-referrer");
        page.show(
                response,
                status,
                meta.accounts(),
                meta.target(SandboxCallback.DEAUTHORIZE),
                meta.target(SandboxCallback.DATA_DELETION),
                webhooks.target(),
                guard.tokenFor(nonce),
                outcome);
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null
                ? Optional.empty()
                : Arrays.stream(cookies)
                        .filter(c -> COOKIE.equals(c.getName()))
                        .map(Cookie::getValue)
                        .findFirst();
    }
}
