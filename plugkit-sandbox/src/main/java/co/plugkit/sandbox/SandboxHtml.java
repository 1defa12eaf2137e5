package co.plugkit.sandbox;

import co.plugkit.internal.web.Html;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What the sandbox's pages share: their style, the HTML escaping of every value they show, and the
 * writing of one self-contained document with a Content-Security-Policy that allows nothing from
 * elsewhere (no script at all, inline style, images and form posts from this origin only).
 */
final class SandboxHtml {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;background:#fafafa;color:#262626;"
            + "margin:0}main{max-width:30rem;margin:2rem auto;background:#fff;border:1px solid #dbdbdb;"
            + "border-radius:8px;padding:1.5rem}.banner{background:#fff4d6;border:1px solid #f0c36d;border-radius:6px;"
            + "padding:.5rem .75rem;font-size:.85rem}h1{font-size:1.2rem}ul{padding-left:1.2rem}"
            + "label.account{display:flex;align-items:center;gap:.75rem;border:1px solid #dbdbdb;border-radius:6px;"
            + "padding:.5rem;margin:.4rem 0;cursor:pointer}label.account img{width:40px;height:40px;border-radius:50%}"
            + ".type{font-size:.75rem;color:#737373}details{margin:1rem 0;font-size:.9rem}fieldset{border:0;padding:0}"
            + ".buttons{display:flex;gap:.75rem;margin-top:1rem}button{flex:1;padding:.6rem;border-radius:6px;"
            + "font-size:1rem;border:1px solid #dbdbdb;background:#fff;cursor:pointer}"
            + "button.allow{background:#0095f6;border-color:#0095f6;color:#fff}.small{font-size:.75rem;color:#737373;"
            + "word-break:break-all}.result{border:1px solid #dbdbdb;border-radius:6px;padding:.5rem .75rem;margin:1rem 0}"
            + ".result.ok{border-color:#7fc99a;background:#f0faf3}.result.fail{border-color:#e8a0a0;background:#fdf2f2}"
            + "pre{white-space:pre-wrap;word-break:break-all;background:#f3f3f3;padding:.4rem;border-radius:4px;"
            + "font-size:.8rem}.app{border:1px solid #dbdbdb;border-radius:6px;padding:.5rem;margin:.6rem 0}"
            + ".app header{display:flex;align-items:center;gap:.75rem}.app img{width:40px;height:40px;border-radius:50%}"
            + ".app form .buttons button{font-size:.9rem}code{font-size:.8rem}"
            + ".small.scope{display:block;word-break:normal;overflow-wrap:break-word}";

    private SandboxHtml() {}

    /**
     * Writes a whole page.
     *
     * @param formTargets origins (each after a space) the page's forms may be sent to besides this one
     */
    static void write(HttpServletResponse response, int status, String title, String body, String formTargets)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self';" + " form-action 'self'" + formTargets
                        + "; base-uri 'none'; frame-ancestors 'none'");
        response.getWriter()
                .write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                        + escape(title)
                        + "</title><style>" + STYLE + "</style></head><body><main>" + body + "</main></body></html>\n");
    }

    /** HTML escaping, shared with PlugKit's own pages. */
    static String escape(String text) {
        return Html.escape(text);
    }
}
