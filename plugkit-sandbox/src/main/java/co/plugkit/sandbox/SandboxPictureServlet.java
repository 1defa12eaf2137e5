package co.plugkit.sandbox;

import co.plugkit.internal.web.GuardedServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET …/pictures/{username}.svg}: the sandbox accounts' profile pictures, drawn here so that no
 * page of the sandbox or the demo loads anything from a third party.
 */
final class SandboxPictureServlet extends GuardedServlet {
    private static final String[] COLOURS = {"#d62976", "#4f5bd5", "#fa7e1e"};

    SandboxPictureServlet() {
        super("GET");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Optional<SandboxAccount> account = path.endsWith(".svg")
                ? SandboxAccount.byUsername(path.substring(1, path.length() - 4))
                : Optional.empty();
        if (account.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        SandboxAccount a = account.get();
        String colour = COLOURS[SandboxAccount.ALL.indexOf(a) % COLOURS.length];
        String initial = a.name().substring(0, 1).toUpperCase(java.util.Locale.ROOT);
        response.setContentType("image/svg+xml");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "public, max-age=3600");
        // The initial is one letter of a fixed name, so there is nothing to escape.
        response.getWriter()
                .write("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"150\" height=\"150\""
                        + " viewBox=\"0 0 150 150\"><circle cx=\"75\" cy=\"75\" r=\"75\" fill=\"" + colour + "\"/>"
                        + "<text x=\"75\" y=\"97\" font-family=\"sans-serif\" font-size=\"64\" font-weight=\"bold\""
                        + " fill=\"#fff\" text-anchor=\"middle\">" + initial + "</text></svg>");
    }
}
