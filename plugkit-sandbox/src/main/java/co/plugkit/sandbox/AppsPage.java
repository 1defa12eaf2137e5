package co.plugkit.sandbox;

import static co.plugkit.sandbox.SandboxHtml.escape;

import co.plugkit.sandbox.CallbackReport.Acknowledged;
import co.plugkit.sandbox.CallbackReport.DeletionConfirmed;
import co.plugkit.sandbox.CallbackReport.Refused;
import co.plugkit.sandbox.CallbackReport.Unexpected;
import co.plugkit.sandbox.CallbackReport.Unreachable;
import co.plugkit.sandbox.SandboxMeta.AppAccess;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox's "Apps and websites" page: each sandbox account with the two things a person can do about
 * an app in Instagram's settings — Remove app and Delete my data — and, for an account that uses the app,
 * two things that make Instagram send a webhook — a DM and a comment arrive; after one of them, what
 * PlugKit answered. No script, every value escaped ({@link SandboxHtml}).
 */
final class AppsPage {
    /** The form field carrying the anti-forgery token ({@link SandboxFormGuard}). */
    static final String TOKEN_FIELD = "form_token";

    /**
     * What the page reports above the accounts: at most one of a callback's report, a webhook's report and
     * a problem with the form.
     */
    record Outcome(Optional<CallbackReport> callback, Optional<WebhookReport> webhook, Optional<String> problem) {
        static final Outcome NONE = new Outcome(Optional.empty(), Optional.empty(), Optional.empty());

        static Outcome problem(String text) {
            return new Outcome(Optional.empty(), Optional.empty(), Optional.of(text));
        }
    }

    void show(
            HttpServletResponse response,
            int status,
            List<AppAccess> accounts,
            URI deauthorizeUrl,
            URI dataDeletionUrl,
            URI webhookUrl,
            String formToken,
            Outcome outcome)
            throws IOException {
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"banner\">PlugKit sandbox — not Instagram. Here the sandbox plays Meta.</p>"
                        + "<h1>Apps and websites</h1><p>A person can remove the app from their Instagram account, or ask"
                        + " for their data to be deleted. Meta then signs a <code>signed_request</code> with the app secret"
                        + " and posts it to the app's callback URLs; the sandbox does the same, to PlugKit's real ones:</p>"
                        + "<ul><li>Remove app → <code>")
                .append(escape(deauthorizeUrl.toString()))
                .append("</code></li><li>Delete my data → <code>")
                .append(escape(dataDeletionUrl.toString()))
                .append("</code></li></ul><p>For an account that uses the app, Instagram also sends webhooks"
                        + " when a DM or a comment arrives, signed with the app secret (<code>X-Hub-Signature-256</code>);"
                        + " the sandbox sends them to <code>")
                .append(escape(webhookUrl.toString()))
                .append("</code>.</p>");
        outcome.problem()
                .ifPresent(p -> body.append("<p class=\"result fail\" id=\"sandbox-error\">")
                        .append(escape(p))
                        .append("</p>"));
        outcome.callback().ifPresent(r -> result(body, r));
        outcome.webhook().ifPresent(r -> webhookResult(body, r));
        for (AppAccess access : accounts) {
            app(body, access, formToken);
        }
        SandboxHtml.write(response, status, "Sandbox: apps and websites", body.toString(), "");
    }

    private static void result(StringBuilder out, CallbackReport r) {
        boolean ok = r.delivery().succeeded();
        out.append("<section id=\"callback-result\" class=\"result ")
                .append(ok ? "ok" : "fail")
                .append("\"><strong>")
                .append(escape(r.callback().label()))
                .append(" for @")
                .append(escape(r.account().username()))
                .append("</strong>: ");
        if (r.delivery() instanceof Acknowledged a) {
            out.append("PlugKit acknowledged the deauthorize callback (HTTP ")
                    .append(a.status())
                    .append("). Its accounts for this person are now <em>disconnected</em>.");
        } else if (r.delivery() instanceof DeletionConfirmed d) {
            out.append("PlugKit deleted the data (HTTP ")
                    .append(d.status())
                    .append("). Confirmation code <code" + " id=\"confirmation-code\">")
                    .append(escape(d.confirmationCode()))
                    .append("</code>, status page: <a id=\"status-url\" href=\"")
                    .append(escape(d.statusUrl().toString()))
                    .append("\">")
                    .append(escape(d.statusUrl().toString()))
                    .append("</a>");
        } else {
            delivery(out, r.delivery());
        }
        out.append("<p class=\"small\">Sent <code>POST ")
                .append(escape(r.target().toString()))
                .append("</code> with <code>signed_request</code> = base64url(HMAC-SHA256) . base64url(payload):</p>"
                        + "<pre id=\"callback-payload\">")
                .append(escape(r.payloadJson()))
                .append("</pre></section>");
    }

    /** An answer Meta would not count as delivered. */
    private static void delivery(StringBuilder out, CallbackReport.Delivery delivery) {
        if (delivery instanceof Refused f) {
            out.append("PlugKit refused it (HTTP ")
                    .append(f.status())
                    .append(", <code>")
                    .append(escape(f.errorCode()))
                    .append("</code>): ")
                    .append(escape(f.message()));
        } else if (delivery instanceof Unexpected u) {
            out.append("PlugKit answered HTTP ")
                    .append(u.status())
                    .append(", not as Meta expects: ")
                    .append(escape(u.problem()));
        } else if (delivery instanceof Unreachable u) {
            out.append(escape(u.reason()));
        }
    }

    private static void webhookResult(StringBuilder out, WebhookReport r) {
        out.append("<section id=\"webhook-result\" class=\"result ")
                .append(r.delivery().succeeded() ? "ok" : "fail")
                .append("\"><strong>")
                .append(escape(r.webhook().label()))
                .append(" to @")
                .append(escape(r.account().username()))
                .append("</strong>: ");
        if (r.delivery() instanceof Acknowledged a) {
            out.append("PlugKit accepted the webhook (HTTP ")
                    .append(a.status())
                    .append("). It becomes an <code>")
                    .append(r.webhook() == SandboxWebhook.MESSAGE ? "instagram.message" : "instagram.comment")
                    .append("</code> event in every workspace holding @")
                    .append(escape(r.account().username()))
                    .append('.');
        } else {
            delivery(out, r.delivery());
        }
        out.append("<p class=\"small\">Sent <code>POST ")
                .append(escape(r.target().toString()))
                .append("</code> with <code>X-Hub-Signature-256: sha256=</code>hex(HMAC-SHA256(app secret, body)):</p>"
                        + "<pre id=\"webhook-payload\">")
                .append(escape(r.bodyJson()))
                .append("</pre></section>");
    }

    private static void app(StringBuilder out, AppAccess access, String formToken) {
        SandboxAccount a = access.account();
        String id = escape(a.username());
        out.append("<section class=\"app\" id=\"app-")
                .append(id)
                .append("\"><header><img alt=\"\" src=\"pictures/")
                .append(id)
                .append(".svg\"><span><strong>@")
                .append(id)
                .append("</strong><br><span class=\"type\">")
                .append(escape(a.name()))
                .append(" · app access: <span class=\"access\">")
                .append(access.granted() ? "granted" : "none")
                .append("</span></span></span></header>")
                .append("<form method=\"post\" action=\"apps\">");
        out.append("<input type=\"hidden\" name=\"")
                .append(TOKEN_FIELD)
                .append("\" value=\"")
                .append(escape(formToken))
                .append("\"><input type=\"hidden\" name=\"account\" value=\"")
                .append(id)
                .append("\">");
        out.append("<details><summary class=\"small\">user_id in the signed request</summary>");
        for (SandboxUserId choice : SandboxUserId.values()) {
            out.append("<label><input type=\"radio\" name=\"user_id\" id=\"user-id-")
                    .append(choice.param())
                    .append('-')
                    .append(id)
                    .append("\" value=\"")
                    .append(choice.param())
                    .append('"')
                    .append(choice == SandboxUserId.PROFESSIONAL ? " checked" : "")
                    .append("> ")
                    .append(escape(choice.label()))
                    .append(": <code>")
                    .append(escape(choice.of(a)))
                    .append("</code></label><br>");
        }
        out.append("</details><div class=\"buttons\">");
        for (SandboxCallback callback : SandboxCallback.values()) {
            out.append("<button type=\"submit\" name=\"callback\" value=\"")
                    .append(callback.param())
                    .append("\" id=\"")
                    .append(callback == SandboxCallback.DEAUTHORIZE ? "remove-app-" : "delete-data-")
                    .append(id)
                    .append("\">")
                    .append(escape(callback.label()))
                    .append("</button>");
        }
        if (access.granted()) {
            for (SandboxWebhook webhook : SandboxWebhook.values()) {
                out.append("<button type=\"submit\" name=\"webhook\" value=\"")
                        .append(webhook.param())
                        .append("\" id=\"")
                        .append(webhook == SandboxWebhook.MESSAGE ? "send-dm-" : "send-comment-")
                        .append(id)
                        .append("\">")
                        .append(escape(webhook.label()))
                        .append("</button>");
            }
        }
        out.append("</div></form></section>");
    }
}
