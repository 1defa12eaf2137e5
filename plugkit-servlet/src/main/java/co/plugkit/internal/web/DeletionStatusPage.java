package co.plugkit.internal.web;

import static co.plugkit.internal.web.Html.escape;

import co.plugkit.store.DataDeletionStore.DataDeletion;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The page behind the status URL PlugKit gives Meta for a data deletion request; no script, no third party. */
final class DeletionStatusPage {
    private DeletionStatusPage() {}

    static void render(DataDeletion deletion, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        response.getWriter()
                .write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<title>Data deletion request</title><style>body{font-family:system-ui,sans-serif;"
                        + "max-width:32rem;margin:4rem auto;padding:0 1rem}</style></head><body>"
                        + "<h1>Data deletion request</h1><p>Confirmation code <code>"
                        + escape(deletion.confirmationCode()) + "</code>: completed on "
                        + escape(deletion.requestedAt().toString())
                        + ". Every connected Instagram account of this user and its access token were deleted.</p>"
                        + "</body></html>\n");
    }
}
