package co.plugkit.internal.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.internal.engine.GraphVerdict;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a Graph API answer means for the proxy: a token rejected for good, throttling, or nothing. */
class GraphVerdictsTest {
    private final GraphVerdicts verdicts = new GraphVerdicts(new ObjectMapper());

    private static byte[] error(int code, Integer subcode) {
        return ("{\"error\":{\"message\":\"m\",\"type\":\"OAuthException\",\"code\":" + code
                        + (subcode == null ? "" : ",\"error_subcode\":" + subcode) + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void error190WithItsSubcodeIsARejectedTokenWithTheRefreshersReason() {
        assertThat(verdicts.of(400, error(190, 463), Map.of()))
                .isInstanceOfSatisfying(
                        GraphVerdict.TokenRejected.class,
                        r -> assertThat(r.reason()).isEqualTo("token_expired"));
        assertThat(verdicts.of(401, error(190, null), Map.of()))
                .isInstanceOfSatisfying(
                        GraphVerdict.TokenRejected.class,
                        r -> assertThat(r.reason()).isEqualTo("token_invalid"));
    }

    @Test
    void aMissingPermissionOrABadParameterIsTheCallsBusiness() {
        for (int code : new int[] {10, 100, 200, 299, 1, 2, 368}) {
            assertThat(verdicts.of(400, error(code, null), Map.of()))
                    .as("code " + code)
                    .isInstanceOf(GraphVerdict.Passed.class);
        }
        assertThat(verdicts.of(200, "{\"data\":[]}".getBytes(StandardCharsets.UTF_8), Map.of()))
                .isInstanceOf(GraphVerdict.Passed.class);
        assertThat(verdicts.of(502, "<html>".getBytes(StandardCharsets.UTF_8), Map.of()))
                .isInstanceOf(GraphVerdict.Passed.class);
    }

    @Test
    void throttlingCodesAndHttp429AreThrottled() {
        for (int code : new int[] {4, 17, 32, 613, 80000, 80002, 80014}) {
            assertThat(verdicts.of(400, error(code, null), Map.of()))
                    .as("code " + code)
                    .isInstanceOf(GraphVerdict.Throttled.class);
        }
        assertThat(verdicts.of(400, error(80015, null), Map.of())).isInstanceOf(GraphVerdict.Passed.class);
        assertThat(verdicts.of(429, new byte[0], Map.of())).isInstanceOf(GraphVerdict.Throttled.class);
    }

    @Test
    void retryAfterIsTheLongestWaitAnyUsageHeaderAnnounces() {
        String buc = "{\"178\":[{\"type\":\"instagram\",\"estimated_time_to_regain_access\":3},"
                + "{\"type\":\"instagram\",\"estimated_time_to_regain_access\":9}],\"179\":[]}";
        assertThat(verdicts.retryAfter(Map.of("X-Business-Use-Case-Usage", buc)))
                .contains(Duration.ofMinutes(9));
        assertThat(verdicts.retryAfter(Map.of(
                        "X-Business-Use-Case-Usage",
                        buc,
                        "X-Ad-Account-Usage",
                        "{\"acc_id_util_pct\":100,\"reset_time_duration\":900}")))
                .contains(Duration.ofMinutes(15));
        assertThat(verdicts.retryAfter(Map.of("X-App-Usage", "{\"call_count\":100,\"total_time\":40}")))
                .as("percentages only")
                .isEmpty();
        assertThat(verdicts.retryAfter(Map.of("X-Business-Use-Case-Usage", "not json {")))
                .isEmpty();
        assertThat(verdicts.retryAfter(Map.of(
                        "X-Business-Use-Case-Usage", "{\"1\":[{\"estimated_time_to_regain_access\":99999999}]}")))
                .as("bounded to a day")
                .contains(Duration.ofDays(1));
        assertThat(verdicts.retryAfter(Map.of())).isEqualTo(Optional.empty());
    }
}
