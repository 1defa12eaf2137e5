package co.plugkit.testing;

import co.plugkit.testing.ApiClient.Response;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks real exchanges with PlugKit against its OpenAPI description (docs/openapi.yaml, as packaged in
 * plugkit-servlet's jar) with Atlassian's swagger-request-validator, and remembers which described
 * operations were seen, so that a suite can demand that every one was exercised. Reusable by any test:
 * pass the {@link Response} an {@link ApiClient} got (and the body it sent, which the JDK's request
 * object does not keep).
 */
public final class OpenApiContract {
    /** Where plugkit-servlet's build puts docs/openapi.yaml. */
    public static final String RESOURCE = "/co/plugkit/internal/web/openapi.yaml";

    private static final List<String> METHODS = List.of("get", "head", "post", "put", "patch", "delete");

    private final String basePath;
    private final JsonNode description;
    private final OpenApiInteractionValidator validator;
    private final List<Operation> operations;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** One described operation: {@code GET /v1/accounts/{id}}. */
    public record Operation(String method, String path, Pattern pattern) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** @param basePath where PlugKit's routes start on the server, e.g. {@code ""} or {@code /shop/plugkit} */
    public OpenApiContract(String basePath) {
        this.basePath = basePath;
        this.description = description();
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(asOpenApi30(description.deepCopy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(json)
                .withBasePathOverride(basePath.isEmpty() ? "/" : basePath)
                .build();
        this.operations = operations(description);
    }

    /**
     * The validator (2.44) checks parameters and bodies of OpenAPI 3.0 documents only: given 3.1's type
     * lists it takes every value for JSON. docs/openapi.yaml uses three things of 3.1, mapped down here
     * without changing what they accept: {@code type: [x, 'null']} is 3.0's {@code type: x, nullable:
     * true}, {@code const: v} is {@code enum: [v]}, and info's {@code summary} and licence
     * {@code identifier} do not exist in 3.0.
     */
    static JsonNode asOpenApi30(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            if (object.has("openapi")) {
                object.put("openapi", "3.0.3");
                com.fasterxml.jackson.databind.node.ObjectNode info =
                        (com.fasterxml.jackson.databind.node.ObjectNode) object.get("info");
                info.remove("summary");
                ((com.fasterxml.jackson.databind.node.ObjectNode) info.get("license")).remove("identifier");
            }
            JsonNode type = object.get("type");
            if (type != null && type.isArray()) {
                List<String> types = new ArrayList<>();
                type.forEach(t -> types.add(t.asText()));
                if (types.size() == 2 && types.remove("null")) {
                    object.put("type", types.get(0));
                    object.put("nullable", true);
                } else if (types.equals(List.of("null"))) {
                    throw new IllegalStateException("type: null alone has no OpenAPI 3.0 form; use enum: [null]");
                } else {
                    throw new IllegalStateException("unsupported type list " + type);
                }
            } else if (type != null && type.asText().equals("null")) {
                object.remove("type");
                object.put("nullable", true);
                object.putArray("enum").addNull();
            }
            JsonNode constant = object.remove("const");
            if (constant != null) {
                object.putArray("enum").add(constant);
            }
            object.forEach(OpenApiContract::asOpenApi30);
        } else if (node.isArray()) {
            node.forEach(OpenApiContract::asOpenApi30);
        }
        return node;
    }

    /** The description as the jar holds it. */
    public static JsonNode description() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is not on the classpath (plugkit-servlet's build copies it)");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation the description has. */
    public List<Operation> operations() {
        return operations;
    }

    /** The described operations no checked exchange has used yet, as {@code METHOD /path}. */
    public Set<String> unexercised() {
        Set<String> missing = new TreeSet<>();
        for (Operation operation : operations) {
            if (!seen.contains(operation.toString())) {
                missing.add(operation.toString());
            }
        }
        return missing;
    }

    /** The described operation a request goes to, the most literal one first (connect before {id}). */
    public Optional<Operation> operationOf(String method, String pathAfterBase) {
        return operations.stream()
                .filter(o -> o.method().equalsIgnoreCase(method))
                .filter(o -> o.pattern().matcher(pathAfterBase).matches())
                .min(Comparator.comparingInt(o -> o.path().split("\\{", -1).length));
    }

    /** Request and response (a request without a body) conform; fails with the validator's report. */
    public Response assertConforms(Response response) {
        return assertConforms(response, null);
    }

    /** Request (with the body that was sent) and response conform. */
    public Response assertConforms(Response response, String requestBody) {
        Request request = request(response, requestBody);
        check(validator.validate(request, response(response)), response, request);
        return response;
    }

    /**
     * Only the response conforms: for answers to requests that break the description on purpose (no key,
     * a bad parameter) — their error shape and status must still be described.
     */
    public Response assertResponseConforms(Response response) {
        Request request = request(response, null);
        String path = request.getPath().substring(basePath.length());
        if (operationOf(request.getMethod().name(), path).isEmpty()
                && (response.status() == 404 || response.status() == 405)) {
            // No such route, or a method the path does not have: the answer must still be the one error
            // shape, which every described operation answers as its default, so it is checked as the
            // answer of one that exists (on the same path if there is one).
            Operation other = operations.stream()
                    .filter(o -> o.pattern().matcher(path).matches())
                    .findFirst()
                    .orElse(operations.get(0));
            ValidationReport report = validator.validateResponse(
                    basePath + other.path(), Request.Method.valueOf(other.method()), response(response));
            if (report.hasErrors()) {
                throw new AssertionError("The " + response.status() + " of " + request.getMethod() + " " + path
                        + " is not the error shape of docs/openapi.yaml:\n"
                        + SimpleValidationReportFormat.getInstance().apply(report));
            }
            return response;
        }
        check(
                validator.validateResponse(request.getPath(), request.getMethod(), response(response)),
                response,
                request);
        return response;
    }

    private void check(ValidationReport report, Response response, Request request) {
        String path = request.getPath().substring(basePath.length());
        Operation operation = operationOf(request.getMethod().name(), path)
                .orElseThrow(() -> new AssertionError("docs/openapi.yaml describes no " + request.getMethod() + " "
                        + path + " (answered " + response.status() + ")"));
        if (report.hasErrors()) {
            throw new AssertionError("The exchange " + request.getMethod() + " " + request.getPath() + " → "
                    + response.status() + " does not match docs/openapi.yaml:\n"
                    + SimpleValidationReportFormat.getInstance().apply(report) + "\nbody: " + response.body());
        }
        seen.add(operation.toString());
    }

    private static Request request(Response response, String body) {
        HttpRequest sent = response.raw().request();
        URI uri = sent.uri();
        SimpleRequest.Builder builder = new SimpleRequest.Builder(sent.method(), uri.getRawPath());
        sent.headers().map().forEach((name, values) -> builder.withHeader(name, values));
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                builder.withQueryParam(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        if (body != null) {
            builder.withBody(body);
        }
        return builder.build();
    }

    private static com.atlassian.oai.validator.model.Response response(Response response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.status());
        response.raw().headers().map().forEach((name, values) -> builder.withHeader(name, values));
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        return builder.build();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static List<Operation> operations(JsonNode description) {
        List<Operation> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        description.get("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            Pattern pattern = Pattern.compile(Pattern.quote(path.getKey())
                    .replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q")
                    .replace("\\Q\\E", ""));
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    found.add(new Operation(method.toUpperCase(java.util.Locale.ROOT), path.getKey(), pattern));
                }
            }
        }
        return List.copyOf(found);
    }
}
