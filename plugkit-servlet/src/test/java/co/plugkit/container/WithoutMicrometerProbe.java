package co.plugkit.container;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.EmbeddedContainer;
import co.plugkit.testing.EmbeddedJetty;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs inside a class loader that has everything of the test class path but Micrometer
 * ({@link WithoutMicrometerTest}): PlugKit built in code and PlugKit mounted by its initializer each
 * connect an account and refresh, and report what they saw as plain strings (the loaders share no type).
 */
public final class WithoutMicrometerProbe {
    private WithoutMicrometerProbe() {}

    public static List<String> run() throws Exception {
        List<String> seen = new ArrayList<>();
        MutableClock clock = MutableClock.startingNow();
        try (FakeInstagram instagram = new FakeInstagram(clock)) {
            try (PlugKitServer server = PlugKitServer.start(instagram, clock)) {
                ApiClient client = server.newWorkspaceClient("Acme");
                String page = client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty())
                        .body();
                seen.add("builder: " + (page.contains("is connected") ? "connected" : page));
                seen.add("builder refresh run: "
                        + server.plugKit().refreshTokensNow().attempted() + " attempted");
            }
            try (EmbeddedContainer container = new EmbeddedJetty()) {
                String base = container.baseUrl() + "/crm";
                Object[] attribute = new Object[] {"not looked at"};
                container.addWebapp(
                        "/crm",
                        instagram.webappSettings(base + "/plugkit", EmbeddedContainerContract.BOOTSTRAP_KEY),
                        List.of(
                                new PlugKitInitializer(FakeInstagram.SECRET_ENVIRONMENT),
                                (classes, context) -> attribute[0] =
                                        context.getAttribute(PlugKitInitializer.METER_REGISTRY_ATTRIBUTE)));
                container.start();
                ApiClient client =
                        new ApiClient(URI.create(base + "/plugkit"), EmbeddedContainerContract.BOOTSTRAP_KEY);
                String page = client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty())
                        .body();
                seen.add("initializer: " + (page.contains("is connected") ? "connected" : page));
                seen.add("initializer meter registry attribute: " + attribute[0]);
            }
        }
        return seen;
    }
}
