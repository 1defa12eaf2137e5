package co.plugkit.internal.instagram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Instagram's answers read by {@link InstagramResponses} (package-private, hence this package): the code
 * exchange (flat, numeric 17-digit {@code user_id}) and {@code /me}, the two a callback parses besides
 * the long-lived exchange.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResponseParsing {
    private InstagramResponses responses;
    private HTTPResponse codeExchange;
    private HTTPResponse profile;
    private static final String NOT_A_TOKEN = "bench-fake-token-" + "0".repeat(50);

    @Setup
    public void setUp() throws Exception {
        responses = new InstagramResponses(new ObjectMapper());
        // A made-up token of a real token's length (the parser's cost depends on it), not a token at all.
        codeExchange = json("{\"access_token\":\"" + NOT_A_TOKEN + "\","
                + "\"user_id\":27281358591558845,\"permissions\":\"instagram_business_basic,"
                + "instagram_business_manage_messages,instagram_business_manage_comments\"}");
        profile = json("{\"user_id\":\"17841457215396811\",\"id\":\"27281358591558845\",\"username\":\"acme\","
                + "\"name\":\"Acme\",\"account_type\":\"BUSINESS\","
                + "\"profile_picture_url\":\"https://scontent.cdninstagram.com/v/t51.2885-19/1.jpg\"}");
    }

    private static HTTPResponse json(String body) throws Exception {
        HTTPResponse r = new HTTPResponse(200);
        r.setHeader("Content-Type", "application/json; charset=UTF-8");
        r.setBody(body);
        return r;
    }

    @Benchmark
    public Object parseCodeExchange() throws InstagramException {
        return responses.codeExchange(codeExchange);
    }

    @Benchmark
    public Object parseProfile() throws InstagramException {
        return responses.profile(profile);
    }
}
