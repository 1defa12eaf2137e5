package co.plugkit.sandbox;

import static co.plugkit.sandbox.SandboxHtml.escape;
import static co.plugkit.sandbox.SandboxHtml.write;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The sandbox's HTML: the consent page (the app's requested permissions, the sandbox accounts, the fault
 * switches, Allow and Cancel) and the refusal page. One self-contained document each, no script, no
 * third-party resource; every value is HTML-escaped ({@link SandboxHtml}).
 */
final class AuthorizePage {
    private static final Map<String, String> PERMISSIONS = Map.of(
            "instagram_business_basic", "Access your profile and media",
            "instagram_business_content_publish", "Publish posts, reels and stories",
            "instagram_business_manage_messages", "Read and reply to direct messages",
            "instagram_business_manage_comments", "Read, reply to and moderate comments",
            "instagram_business_manage_insights", "Read insights about your account and content");

    void consent(Authorization.Consent consent, HttpServletResponse response) throws IOException {
        AuthorizationRequest r = consent.request();
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"banner\">PlugKit sandbox — not Instagram. No real account, no data leaves this"
                + " server.</p>");
        body.append("<h1>Connect an Instagram professional account</h1>");
        body.append("<p>The app with ID <strong>")
                .append(escape(r.clientId()))
                .append("</strong> would like to:</p><ul id=\"permissions\">");
        for (String scope : r.scopes()) {
            body.append("<li><strong>")
                    .append(escape(PERMISSIONS.getOrDefault(scope, scope)))
                    // Own line, and breakable only after an underscore: a narrow popup must not cut a scope
                    // name mid-word (.small elsewhere breaks anywhere, for URLs).
                    .append("</strong> <span class=\"small scope\">")
                    .append(escape(scope).replace("_", "_<wbr>"))
                    .append("</span></li>");
        }
        body.append("</ul><form method=\"post\" action=\"authorize\">");
        hidden(body, "client_id", r.clientId());
        hidden(body, "redirect_uri", r.redirectUri());
        hidden(body, "response_type", "code");
        hidden(body, "scope", r.scopeParam());
        r.state().ifPresent(state -> hidden(body, "state", state));
        body.append("<fieldset><legend>Continue as</legend>");
        boolean first = true;
        for (SandboxAccount a : consent.accounts()) {
            body.append("<label class=\"account\"><input type=\"radio\" name=\"account\" id=\"account-")
                    .append(escape(a.username()))
                    .append("\" value=\"")
                    .append(escape(a.username()))
                    .append('"')
                    .append(first ? " checked" : "")
                    .append("><img alt=\"\" src=\"../pictures/")
                    .append(escape(a.username()))
                    .append(".svg\"><span><strong>@")
                    .append(escape(a.username()))
                    .append("</strong><br><span class=\"type\">")
                    .append(escape(a.name()))
                    .append(" · ")
                    .append(escape(a.typeLabel()))
                    .append(a.tester() ? " account" : " account · not an Instagram Tester")
                    .append("</span></span></label>");
            first = false;
        }
        body.append("</fieldset><details id=\"developer-options\"")
                .append(r.fault() != SandboxFault.NONE || r.shape() != SandboxShape.FLAT ? " open" : "")
                .append("><summary>Developer options: fault switches</summary><fieldset><legend>Code exchange"
                        + " answer shape</legend>");
        for (SandboxShape shape : SandboxShape.values()) {
            radio(body, "sandbox_shape", "shape-" + shape.param(), shape.param(), shape.label(), shape == r.shape());
        }
        body.append("</fieldset><fieldset><legend>Fault</legend>");
        for (SandboxFault fault : SandboxFault.values()) {
            radio(body, "sandbox_fault", "fault-" + fault.param(), fault.param(), fault.label(), fault == r.fault());
        }
        body.append("</fieldset></details><div class=\"buttons\">"
                        + "<button type=\"submit\" name=\"decision\" value=\"cancel\" id=\"cancel\">Cancel</button>"
                        + "<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\" class=\"allow\">Allow</button>"
                        + "</div></form><p class=\"small\">You will be sent back to ")
                .append(escape(r.redirectUri()))
                .append("</p>");
        write(response, 200, "Sandbox: allow access?", body.toString(), formTarget(r.redirectUri()));
    }

    void refused(String message, HttpServletResponse response) throws IOException {
        write(
                response,
                400,
                "Sandbox: invalid request",
                "<p class=\"banner\">PlugKit sandbox — not Instagram.</p><h1>Sorry, this page isn't available</h1>"
                        + "<p id=\"sandbox-error\">" + escape(message) + "</p>",
                "");
    }

    /**
     * What Instagram shows an account without a role on an app in development mode: its own error page,
     * and no redirect back, so the app sees nothing until the connect expires.
     */
    void insufficientDeveloperRole(SandboxAccount account, HttpServletResponse response) throws IOException {
        write(
                response,
                200,
                "Sandbox: Insufficient Developer Role",
                "<p class=\"banner\">PlugKit sandbox — not Instagram. This is what Instagram shows an account"
                        + " that is not an Instagram Tester of an app in development mode.</p>"
                        + "<h1 id=\"sandbox-error\">Insufficient Developer Role</h1>"
                        + "<p>Insufficient developer role: @" + escape(account.username())
                        + " does not have a role on this app.</p><p class=\"small\">Instagram does not send the"
                        + " person back to the app. In a real app: add the account under App roles › Roles ›"
                        + " Instagram Testers and accept the invite in Instagram (Settings › Apps and websites ›"
                        + " Tester invites), or switch the app to Live.</p>",
                "");
    }

    private static void hidden(StringBuilder out, String name, String value) {
        out.append("<input type=\"hidden\" name=\"")
                .append(name)
                .append("\" value=\"")
                .append(escape(value))
                .append("\">");
    }

    private static void radio(StringBuilder out, String name, String id, String value, String label, boolean checked) {
        out.append("<label><input type=\"radio\" name=\"")
                .append(name)
                .append("\" id=\"")
                .append(id)
                .append("\" value=\"")
                .append(value)
                .append('"')
                .append(checked ? " checked" : "")
                .append("> ")
                .append(escape(label))
                .append("</label><br>");
    }

    /** The redirect URI's origin: the form's submission is redirected there, which form-action must allow. */
    private static String formTarget(String redirectUri) {
        URI uri = URI.create(redirectUri);
        return " " + uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
