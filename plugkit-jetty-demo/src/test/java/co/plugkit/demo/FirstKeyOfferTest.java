package co.plugkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.secret.ApiKeySecret;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The home page's key auto-fill is offered only to the demo's own page in a browser on this machine. */
class FirstKeyOfferTest {
    private static final String KEY = "sk_" + "0f".repeat(32);

    private final FirstKeyOffer offer = new FirstKeyOffer();

    @Test
    void nothingBeforeAKeyWasCreated() {
        assertThat(offer.offerTo("127.0.0.1", "localhost", Optional.empty())).isEmpty();
    }

    @Test
    void onlyToALoopbackPeerNamingALoopbackHostFromTheSameOrigin() {
        offer.created(ApiKeySecret.parse(KEY).orElseThrow());
        assertThat(offer.offerTo("127.0.0.1", "localhost", Optional.of("same-origin")))
                .contains(KEY);
        assertThat(offer.offerTo("0:0:0:0:0:0:0:1", "[::1]", Optional.empty())).contains(KEY);
        assertThat(offer.offerTo("192.168.1.20", "localhost", Optional.empty()))
                .as("remote peer")
                .isEmpty();
        assertThat(offer.offerTo("127.0.0.1", "evil.example", Optional.empty()))
                .as("DNS rebinding")
                .isEmpty();
        assertThat(offer.offerTo("127.0.0.1", "localhost", Optional.of("cross-site")))
                .as("other site")
                .isEmpty();
        assertThat(offer.offerTo("localhost", "localhost", Optional.empty()))
                .as("no name lookups")
                .isEmpty();
    }
}
