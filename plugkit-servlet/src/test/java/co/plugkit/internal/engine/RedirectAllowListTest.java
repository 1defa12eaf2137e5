package co.plugkit.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectAllowListTest {
    private final RedirectAllowList list = new RedirectAllowList(
            List.of(URI.create("https://app.example.com/connected"), URI.create("http://localhost:3000")));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://app.example.com/connected",
                "https://app.example.com/connected/",
                "https://app.example.com/connected/step?x=1",
                "https://APP.example.com:443/connected",
                "http://localhost:3000/",
                "http://localhost:3000/anything?a=b",
                "http://localhost:3000"
            })
    void admitsUrlsUnderAnAllowedPrefix(String url) {
        assertThat(list.check(url)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://app.example.com.evil.net/connected",
                "https://app.example.com/connectedx",
                "https://app.example.com/other",
                "http://app.example.com/connected",
                "https://app.example.com:8443/connected",
                "https://user:pw@app.example.com/connected",
                "https://app.example.com/connected#frag",
                "/connected",
                "javascript:alert(1)",
                "http://localhost:3001/",
                "not a url",
                "https://evil.net/?https://app.example.com/connected"
            })
    void refusesEverythingElse(String url) {
        assertThat(list.check(url)).isEmpty();
    }

    /** Browsers resolve these before the request, so each would leave the allowed path (audit finding 6). */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://app.example.com/connected/../evil",
                "https://app.example.com/connected/%2e%2e/evil",
                "https://app.example.com/connected/%2E%2E/evil",
                "https://app.example.com/connected/.%2e/evil",
                "https://app.example.com/connected/./../evil",
                "https://app.example.com/connected/..",
                "https://app.example.com/connected/%2f..%2fevil",
                "https://app.example.com/connected/%5c..%5cevil",
                "http://localhost:3000/a/../../b"
            })
    void refusesPathsABrowserWouldResolveElsewhere(String url) {
        assertThat(list.check(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://app.example.com/connected/..done",
                "https://app.example.com/connected/file.v2",
                "https://app.example.com/connected/.well-known"
            })
    void admitsDotsThatAreNotSegments(String url) {
        assertThat(list.check(url)).isPresent();
    }
}
