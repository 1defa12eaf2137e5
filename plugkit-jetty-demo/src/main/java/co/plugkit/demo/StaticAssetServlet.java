package co.plugkit.demo;

import co.plugkit.internal.web.GuardedServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves one file of the home page from the demo's resources ({@code co/plugkit/demo/web/}), read once at
 * start. Plain HTML, JavaScript and CSS: no build step, nothing from a CDN, and a Content-Security-Policy
 * that allows only this origin's scripts and styles.
 */
final class StaticAssetServlet extends GuardedServlet {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final byte[] content;
    private final String contentType;

    StaticAssetServlet(String file, String contentType) {
        super("GET");
        this.content = read(file);
        this.contentType = contentType;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(contentType);
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-cache");
        response.getOutputStream().write(content);
    }

    private static byte[] read(String file) {
        try (InputStream in = StaticAssetServlet.class.getResourceAsStream("web/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing demo resource web/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
