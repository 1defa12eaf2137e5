package co.plugkit.internal.web;

import static co.plugkit.internal.web.Html.escape;

import co.plugkit.internal.engine.ConnectError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page a browser ends on after the callback: one self-contained HTML document (no third-party
 * resource) saying what happened, which also tells the window that opened the popup through
 * {@code postMessage} — to the opener's configured origin only, never {@code *}. Provider text is HTML-escaped; the result travels to the script as a JSON data
 * block, and the only script that may run is the fixed one whose hash the Content-Security-Policy names.
 */
final class CallbackPage {
    /** Reads the data block and tells the opener; the same text every time, so its CSP hash is fixed. */
    static final String SCRIPT = "(function(){"
            + "var data=JSON.parse(document.getElementById('plugkit-result').textContent);"
            + "var origin=JSON.parse(document.getElementById('plugkit-origin').textContent);"
            + "if(window.opener&&!window.opener.closed){window.opener.postMessage(data,origin);}})();";

    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:;"
            + " script-src '" + sha256(SCRIPT) + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final ObjectMapper json;
    private final String openerOrigin;

    /** @param openerOrigin the only origin the result is posted to: the host page that opened the popup */
    CallbackPage(ObjectMapper json, String openerOrigin) {
        this.json = json;
        this.openerOrigin = openerOrigin;
    }

    /** The page of a callback's result, with the outcome's HTTP status. */
    void render(CallbackResult result, HttpServletResponse response) throws IOException {
        if (result instanceof CallbackResult.Connected connected) {
            write(
                    response,
                    200,
                    "Instagram account connected",
                    "@" + connected.username() + " is connected — you can close this window.",
                    "",
                    result.message());
        } else {
            ConnectError error = ((CallbackResult.Failed) result).error();
            write(
                    response,
                    error.httpStatus(),
                    "Instagram account not connected",
                    error.message(),
                    error.hint(),
                    result.message());
        }
    }

    /** The page of a result link that is no longer valid (expired, or not one PlugKit issued). */
    void expired(HttpServletResponse response) throws IOException {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "plugkit:expired");
        write(
                response,
                410,
                "Connection result no longer available",
                "This page has expired. You can close this window and check the app for the connection.",
                "",
                message);
    }

    /** @param hint what usually causes a failure and what to do; empty for none */
    private void write(
            HttpServletResponse response,
            int status,
            String title,
            String text,
            String hint,
            Map<String, Object> message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(html(title, text, hint, dataBlock(message), dataBlock(openerOrigin)));
    }

    private static String html(String title, String text, String hint, String data, String origin) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;"
                + "color:#1c1c1c}h1{font-size:1.25rem}.hint{color:#555;font-size:.9rem}</style></head><body>"
                + "<h1>" + escape(title) + "</h1><p id=\"plugkit-message\">" + escape(text) + "</p>"
                + (hint.isEmpty() ? "" : "<p id=\"plugkit-hint\" class=\"hint\">" + escape(hint) + "</p>")
                + "<script type=\"application/json\" id=\"plugkit-result\">" + data + "</script>"
                + "<script type=\"application/json\" id=\"plugkit-origin\">" + origin + "</script>"
                + "<script>" + SCRIPT + "</script></body></html>\n";
    }

    /** JSON that cannot close the script element it sits in: {@code < > &} only occur inside strings. */
    private String dataBlock(Object value) {
        try {
            return json.writeValueAsString(value)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and maps of strings are always JSON", e);
        }
    }

    private static String sha256(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
