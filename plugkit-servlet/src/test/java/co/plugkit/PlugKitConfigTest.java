package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.testing.TestKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PlugKitConfigTest {
    private static Map<String, String> minimalEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("PLUGKIT_PUBLIC_URL", "https://connect.example.com/plugkit/");
        env.put("PLUGKIT_INSTAGRAM_CLIENT_ID", "990602627938098");
        env.put("PLUGKIT_INSTAGRAM_CLIENT_SECRET", "app-secret-value");
        env.put("PLUGKIT_ENCRYPTION_KEY", TestKeys.ENCRYPTION_KEY);
        return env;
    }

    @Test
    void environmentVariableNamesFollowTheProperties() {
        assertThat(ConfigSource.environmentName("plugkit.instagram.clientId")).isEqualTo("PLUGKIT_INSTAGRAM_CLIENT_ID");
        assertThat(ConfigSource.environmentName("plugkit.publicUrl")).isEqualTo("PLUGKIT_PUBLIC_URL");
        assertThat(ConfigSource.environmentName("plugkit.db.url")).isEqualTo("PLUGKIT_DB_URL");
        assertThat(ConfigSource.environmentName("plugkit.allowedRedirectUrls"))
                .isEqualTo("PLUGKIT_ALLOWED_REDIRECT_URLS");
        assertThat(ConfigSource.environmentName("plugkit.bootstrapApiKey")).isEqualTo("PLUGKIT_BOOTSTRAP_API_KEY");
        assertThat(ConfigSource.environmentName("plugkit.instagram.graphVersion"))
                .isEqualTo("PLUGKIT_INSTAGRAM_GRAPH_VERSION");
    }

    @Test
    void readsTheEnvironmentWithTheDesignDefaults() {
        PlugKitConfig config = PlugKitConfig.builder()
                .from(ConfigSource.environment(minimalEnvironment()))
                .build();

        assertThat(config.publicUrl()).hasToString("https://connect.example.com/plugkit");
        assertThat(config.redirectUri())
                .hasToString("https://connect.example.com/plugkit/v1/connect/instagram/callback");
        assertThat(config.pathPrefix()).isEmpty();
        assertThat(config.instagram().scopes())
                .isEqualTo(PlugKitConfig.DEFAULT_SCOPES)
                .hasSize(5);
        assertThat(config.instagram().authorizeUrl()).hasToString("https://www.instagram.com/oauth/authorize");
        assertThat(config.instagram().apiUrl()).hasToString("https://api.instagram.com");
        assertThat(config.instagram().graphUrl()).hasToString("https://graph.instagram.com");
        assertThat(config.instagram().graphVersion()).isEqualTo("v25.0");
        assertThat(config.stateTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.allowedRedirectUrls()).isEmpty();
        assertThat(config.adminToken()).isEmpty();
    }

    @Test
    void theAbuseLimitsDefaultTo20FailuresAMinuteAndNoPerKeyRate() {
        PlugKitConfig config = PlugKitConfig.builder()
                .from(ConfigSource.environment(minimalEnvironment()))
                .build();

        assertThat(config.abuseLimits()).isEqualTo(new co.plugkit.settings.AbuseLimits(20, 20, 0));
        assertThat(config.toString()).contains("abuseLimits=AbuseLimits[failuresPerAddress=20");
    }

    @Test
    void theAbuseLimitsComeFromTheEnvironmentAndBadValuesAreRefused() {
        Map<String, String> env = minimalEnvironment();
        env.put("PLUGKIT_AUTH_FAILURES_PER_MINUTE", "5");
        env.put("PLUGKIT_AUTH_FAILURES_PER_MINUTE_PER_KEY", "0");
        env.put("PLUGKIT_API_REQUESTS_PER_MINUTE_PER_KEY", "600");
        assertThat(PlugKitConfig.builder()
                        .from(ConfigSource.environment(env))
                        .build()
                        .abuseLimits())
                .isEqualTo(new co.plugkit.settings.AbuseLimits(5, 0, 600));

        for (String[] bad : new String[][] {
            {"PLUGKIT_AUTH_FAILURES_PER_MINUTE", "-1", "plugkit.auth.failuresPerMinute"},
            {"PLUGKIT_AUTH_FAILURES_PER_MINUTE", "twenty", "plugkit.auth.failuresPerMinute"},
            {"PLUGKIT_AUTH_FAILURES_PER_MINUTE_PER_KEY", "1000001", "plugkit.auth.failuresPerMinutePerKey"},
            {"PLUGKIT_API_REQUESTS_PER_MINUTE_PER_KEY", "1.5", "plugkit.api.requestsPerMinutePerKey"},
        }) {
            Map<String, String> e = minimalEnvironment();
            e.put(bad[0], bad[1]);
            assertThatThrownBy(() -> PlugKitConfig.builder().from(ConfigSource.environment(e)))
                    .as("%s=%s", bad[0], bad[1])
                    .isInstanceOf(PlugKitConfigException.class)
                    .hasMessageContaining(bad[2])
                    .hasMessageContaining("0 (no limit)");
        }
        assertThatThrownBy(() -> PlugKitConfig.builder()
                        .from(ConfigSource.environment(minimalEnvironment()))
                        .requestsPerMinutePerKey(-5)
                        .build())
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageContaining("requestsPerKey");
    }

    @Test
    void theRefresherSettingsComeFromTheEnvironmentAndOutOfRangeValuesAreRefused() {
        assertThat(PlugKitConfig.builder()
                        .from(ConfigSource.environment(minimalEnvironment()))
                        .build()
                        .refreshPolicy())
                .satisfies(p -> {
                    assertThat(p.window()).isEqualTo(Duration.ofDays(30));
                    assertThat(p.checkInterval()).isEqualTo(Duration.ofHours(24));
                    assertThat(p.interval()).isEqualTo(Duration.ofHours(1));
                });

        Map<String, String> env = minimalEnvironment();
        env.put("PLUGKIT_REFRESH_WINDOW_DAYS", "20");
        env.put("PLUGKIT_REFRESH_INTERVAL_MINUTES", "15");
        env.put("PLUGKIT_REFRESH_CHECK_HOURS", "6");
        assertThat(PlugKitConfig.builder()
                        .from(ConfigSource.environment(env))
                        .build()
                        .refreshPolicy())
                .satisfies(p -> {
                    assertThat(p.window()).isEqualTo(Duration.ofDays(20));
                    assertThat(p.checkInterval()).isEqualTo(Duration.ofHours(6));
                    assertThat(p.interval()).isEqualTo(Duration.ofMinutes(15));
                });

        env.put("PLUGKIT_REFRESH_CHECK_HOURS", "721");
        assertThatThrownBy(() -> PlugKitConfig.builder()
                        .from(ConfigSource.environment(env))
                        .build())
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageContaining("plugkit.refresh")
                .hasMessageContaining("check interval");
    }

    @Test
    void eventsAreKept90DaysUnlessConfiguredAndZeroKeepsThemForever() {
        assertThat(PlugKitConfig.builder()
                        .from(ConfigSource.environment(minimalEnvironment()))
                        .build()
                        .eventRetention())
                .contains(Duration.ofDays(90));
        Map<String, String> env = minimalEnvironment();
        env.put("PLUGKIT_EVENTS_RETENTION_DAYS", "30");
        PlugKitConfig thirty =
                PlugKitConfig.builder().from(ConfigSource.environment(env)).build();
        assertThat(thirty.eventRetention()).contains(Duration.ofDays(30));
        assertThat(thirty.toString()).contains("eventRetention=PT720H");
        env.put("PLUGKIT_EVENTS_RETENTION_DAYS", "0");
        assertThat(PlugKitConfig.builder()
                        .from(ConfigSource.environment(env))
                        .build()
                        .eventRetention())
                .isEmpty();
        for (String bad : new String[] {"-1", "36501", "ninety", "1.5"}) {
            env.put("PLUGKIT_EVENTS_RETENTION_DAYS", bad);
            assertThatThrownBy(() -> PlugKitConfig.builder().from(ConfigSource.environment(env)))
                    .as(bad)
                    .isInstanceOf(PlugKitConfigException.class)
                    .hasMessageContaining("plugkit.events.retentionDays");
        }
        assertThatThrownBy(() -> PlugKitConfig.builder()
                        .from(ConfigSource.environment(minimalEnvironment()))
                        .eventRetentionDays(-5)
                        .build())
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageContaining("plugkit.events.retentionDays");
    }

    @Test
    void theConnectTimeToLiveComesFromTheEnvironmentWithinFiveSecondsAndAnHour() {
        Map<String, String> env = minimalEnvironment();
        env.put("PLUGKIT_CONNECT_STATE_TTL_SECONDS", "90");
        assertThat(PlugKitConfig.builder()
                        .from(ConfigSource.environment(env))
                        .build()
                        .stateTtl())
                .isEqualTo(Duration.ofSeconds(90));
        for (String bad : new String[] {"4", "3601", "0", "ten"}) {
            env.put("PLUGKIT_CONNECT_STATE_TTL_SECONDS", bad);
            assertThatThrownBy(() -> PlugKitConfig.builder().from(ConfigSource.environment(env)))
                    .as(bad)
                    .isInstanceOf(PlugKitConfigException.class)
                    .hasMessageContaining("plugkit.connect.stateTtlSeconds");
        }
    }

    @Test
    void theEnvironmentWinsOverPropertiesWhichWinOverDefaults() {
        Properties props = new Properties();
        props.setProperty("plugkit.instagram.graphVersion", "v24.0");
        props.setProperty("plugkit.pathPrefix", "/from-properties");
        props.setProperty("plugkit.instagram.scopes", "instagram_business_basic, instagram_business_manage_insights");
        Map<String, String> env = minimalEnvironment();
        env.put("PLUGKIT_PATH_PREFIX", "/from-env/");

        PlugKitConfig config = PlugKitConfig.builder()
                .from(ConfigSource.environment(env).or(ConfigSource.properties(props)))
                .build();

        assertThat(config.pathPrefix()).isEqualTo("/from-env");
        assertThat(config.instagram().graphVersion()).isEqualTo("v24.0");
        assertThat(config.instagram().scopes())
                .containsExactly("instagram_business_basic", "instagram_business_manage_insights");
    }

    @Test
    void missingOrInvalidSettingsAreNamed() {
        Map<String, String> env = minimalEnvironment();
        env.remove("PLUGKIT_INSTAGRAM_CLIENT_SECRET");
        assertThatThrownBy(() -> PlugKitConfig.builder()
                        .from(ConfigSource.environment(env))
                        .build())
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageContaining("PLUGKIT_INSTAGRAM_CLIENT_SECRET");

        Map<String, String> shortKey = minimalEnvironment();
        shortKey.put("PLUGKIT_ENCRYPTION_KEY", "c2hvcnQ=");
        assertThatThrownBy(() -> PlugKitConfig.builder()
                        .from(ConfigSource.environment(shortKey))
                        .build())
                .hasMessageContaining("plugkit.encryptionKey")
                .hasMessageNotContaining("c2hvcnQ=");

        Map<String, String> badUrl = minimalEnvironment();
        badUrl.put("PLUGKIT_PUBLIC_URL", "ftp://x");
        assertThatThrownBy(() -> PlugKitConfig.builder()
                        .from(ConfigSource.environment(badUrl))
                        .build())
                .hasMessageContaining("plugkit.publicUrl");

        Map<String, String> badVersion = minimalEnvironment();
        badVersion.put("PLUGKIT_INSTAGRAM_GRAPH_VERSION", "25");
        assertThatThrownBy(() -> PlugKitConfig.builder()
                        .from(ConfigSource.environment(badVersion))
                        .build())
                .hasMessageContaining("graphVersion");
    }

    @Test
    void toStringMasksEverySecret() {
        Map<String, String> env = minimalEnvironment();
        env.put("PLUGKIT_ADMIN_TOKEN", "admin-token-value");
        env.put("PLUGKIT_BOOTSTRAP_API_KEY", "sk_" + "b".repeat(64));
        env.put("PLUGKIT_DB_PASSWORD", "db-password-value");
        env.put("PLUGKIT_ALLOWED_REDIRECT_URLS", "https://a.example.com/x, https://b.example.com");
        PlugKitConfig config =
                PlugKitConfig.builder().from(ConfigSource.environment(env)).build();

        String text = config.toString();
        assertThat(text)
                .doesNotContain(
                        "app-secret-value",
                        "admin-token-value",
                        "bbbbbbbb",
                        "db-password-value",
                        TestKeys.ENCRYPTION_KEY)
                .contains("990602627938098");
        assertThat(config.allowedRedirectUrls())
                .extracting(Object::toString)
                .isEqualTo(List.of("https://a.example.com/x", "https://b.example.com"));
    }

    @Test
    void theOpenerOriginIsConfiguredOrTheAppsOrPlugKitsOwn() {
        PlugKitConfigBuilder base = PlugKitConfig.builder()
                .publicUrl("https://plugkit.example.com/pk")
                .clientId("1")
                .clientSecret("s")
                .encryptionKey(TestKeys.ENCRYPTION_KEY);
        assertThat(base.build().openerOrigin()).isEqualTo("https://plugkit.example.com");
        assertThat(base.allowedRedirectUrls(List.of("http://app.example.com:8443/done"))
                        .build()
                        .openerOrigin())
                .isEqualTo("http://app.example.com:8443");
        assertThat(base.openerOrigin("https://App.Example.com:443").build().openerOrigin())
                .isEqualTo("https://app.example.com");
        assertThatThrownBy(() -> base.openerOrigin("*").build()).isInstanceOf(PlugKitConfigException.class);
    }
}
