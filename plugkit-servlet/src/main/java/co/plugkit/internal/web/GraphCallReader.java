package co.plugkit.internal.web;

import co.plugkit.internal.engine.GraphCall;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a Graph API proxy request into a {@link GraphCall}, refusing what must not reach Instagram: a
 * path that is not plain Graph names and ids (no dots, so nothing climbs out of the version's tree), a
 * version in the path (PlugKit adds its own), an {@code access_token} of the client's in the query or the
 * body, a body that is not a form or JSON, or one over 1 MiB.
 */
final class GraphCallReader {
    /** The largest request body passed on: Graph calls carry URLs and captions, never the media itself. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern VERSION = Pattern.compile("v\\d+(\\.\\d+)?");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static final ObjectMapper PARSER = new ObjectMapper();

    private GraphCallReader() {}

    static GraphCall read(ApiCall call, List<String> graphPath) {
        checkPath(graphPath);
        List<Map.Entry<String, String>> query =
                pairs(Optional.ofNullable(call.request().getQueryString()).orElse(""));
        if (query.stream().anyMatch(p -> isToken(p.getKey()))) {
            throw ApiError.ACCESS_TOKEN_NOT_ALLOWED.problem("query");
        }
        if (!call.method().equals("POST")) {
            return new GraphCall(call.method(), graphPath, query, Optional.empty(), new byte[0]);
        }
        byte[] body = body(call);
        String type = Optional.ofNullable(call.request().getContentType()).orElse("");
        String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (body.length == 0) {
            return new GraphCall("POST", graphPath, query, Optional.empty(), body);
        }
        if (mediaType.equals(FORM)) {
            if (pairs(new String(body, StandardCharsets.UTF_8)).stream().anyMatch(p -> isToken(p.getKey()))) {
                throw ApiError.ACCESS_TOKEN_NOT_ALLOWED.problem("body");
            }
        } else if (mediaType.equals(JSON)) {
            JsonNode node;
            try {
                node = PARSER.readTree(body);
            } catch (JacksonException e) {
                throw ApiError.INVALID_JSON.problem("The request body is not valid JSON");
            } catch (IOException e) {
                throw ApiError.INVALID_BODY.problem();
            }
            if (node == null || !node.isObject()) {
                throw ApiError.INVALID_JSON.problem("The request body must be a JSON object");
            }
            node.fieldNames().forEachRemaining(name -> {
                if (isToken(name)) {
                    throw ApiError.ACCESS_TOKEN_NOT_ALLOWED.problem("body");
                }
            });
        } else {
            throw ApiError.UNSUPPORTED_MEDIA_TYPE.problem(
                    "Send the body as application/x-www-form-urlencoded or application/json");
        }
        return new GraphCall("POST", graphPath, query, Optional.of(type), body);
    }

    private static void checkPath(List<String> path) {
        if (path.isEmpty() || path.size() > 8) {
            throw ApiError.INVALID_GRAPH_PATH.problem(
                    "Name a Graph API path after /instagram/, such as /instagram/me/media");
        }
        for (String segment : path) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw ApiError.INVALID_GRAPH_PATH.problem(
                        "A Graph API path holds names and ids only (letters, digits, '_' and '-')");
            }
        }
        if (VERSION.matcher(path.get(0)).matches()) {
            throw ApiError.INVALID_GRAPH_PATH.problem(
                    "Leave the Graph API version out of the path: PlugKit adds plugkit.instagram.graphVersion");
        }
    }

    private static boolean isToken(String name) {
        return name.strip().equalsIgnoreCase("access_token");
    }

    /** Form-encoded pairs, decoded; an undecodable one is a bad query (or body). */
    private static List<Map.Entry<String, String>> pairs(String encoded) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String part : encoded.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            try {
                pairs.add(Map.entry(
                        URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw ApiError.INVALID_QUERY.problem();
            }
        }
        return pairs;
    }

    private static byte[] body(ApiCall call) {
        byte[] bytes;
        try (InputStream in = call.request().getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw ApiError.INVALID_BODY.problem();
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw ApiError.BODY_TOO_LARGE.problem("The request body is larger than 1 MiB");
        }
        return bytes;
    }
}
