package co.plugkit.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.internal.engine.ConnectError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/api.md names every error a client can receive, with its status: the catalogue and the doc cannot drift. */
class ErrorCatalogueDocTest {
    private static final Path API_DOC = Path.of("..", "docs", "api.md");

    @Test
    void everyApiErrorIsInTheErrorTableWithItsStatus() throws Exception {
        List<String> rows = tableRows();
        for (ApiError error : ApiError.values()) {
            assertThat(rows)
                    .as(error + " in docs/api.md")
                    .anyMatch(r -> r.startsWith("| " + error.status() + " |") && r.contains("`" + error.code() + "`"));
        }
    }

    @Test
    void everyCallbackErrorIsInTheCallbackTableWithItsStatus() throws Exception {
        List<String> rows = tableRows();
        for (ConnectError error : ConnectError.values()) {
            assertThat(rows)
                    .as(error + " in docs/api.md")
                    .anyMatch(r -> r.startsWith("| `" + error.code() + "` | " + error.httpStatus() + " |"));
        }
    }

    private static List<String> tableRows() throws Exception {
        return Files.readAllLines(API_DOC).stream()
                .filter(l -> l.startsWith("| "))
                .toList();
    }
}
