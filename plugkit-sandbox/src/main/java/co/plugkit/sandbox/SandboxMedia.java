package co.plugkit.sandbox;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The sandbox's Graph API beyond {@code /me}, for what the Graph API proxy's docs and the demo show: an
 * account's media and the publishing pair (container, status, publish), comments and replies,
 * conversations and messages, insights. Kept in memory per account, bounded, with Instagram's error
 * shapes for bad input and missing permissions. The {@code graph_190} and {@code graph_throttled} faults
 * of the grant play a token rejected later and throttling.
 */
final class SandboxMedia {
    private static final int MAX_POSTS = 200;
    private static final Pattern ID = Pattern.compile("\\d{1,20}");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

    private final Clock clock;
    private final SandboxLedger ledger;
    private final AtomicLong ids = new AtomicLong(17_900_000_000_000_000L);
    private final Map<String, List<Map<String, Object>>> posts = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> containers = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
            return size() > SandboxLedger.MAX_ENTRIES;
        }
    };

    SandboxMedia(Clock clock, SandboxLedger ledger) {
        this.clock = clock;
        this.ledger = ledger;
    }

    /** A Graph call to {@code path} (below the version, split on '/'), with the grant's token checked. */
    SandboxAnswer answer(SandboxCall call, List<String> path, SandboxLedger.Grant grant, String token) {
        if (grant.fault() == SandboxFault.GRAPH_TOKEN_REJECTED) {
            ledger.revokeAllOf(grant.account().userId());
            return SandboxAnswer.graphError(
                    400,
                    "OAuthException",
                    190,
                    460,
                    "Error validating access token: The session has been invalidated because the user changed their"
                            + " password or Facebook has changed the session for security reasons.",
                    false);
        }
        if (grant.fault() == SandboxFault.GRAPH_THROTTLED) {
            return SandboxAnswer.graphError(
                            400,
                            "OAuthException",
                            80002,
                            null,
                            "There have been too many calls to this Instagram account. Wait a bit and try again.",
                            false)
                    .withHeader(
                            "X-Business-Use-Case-Usage",
                            "{\"" + grant.account().userId() + "\":[{\"type\":\"instagram\",\"call_count\":100,"
                                    + "\"total_cputime\":12,\"total_time\":18,\"estimated_time_to_regain_access\":5}]}")
                    .withHeader("X-App-Usage", "{\"call_count\":41,\"total_time\":12,\"total_cputime\":9}");
        }
        String userId = grant.account().userId();
        String method = call.method();
        String head = path.get(0).equals("me") ? userId : path.get(0);
        String edge = path.size() > 1 ? path.get(1) : "";
        if (path.size() > 2 || !ID.matcher(head).matches()) {
            return unsupported(method, path.get(0));
        }
        synchronized (this) {
            if (head.equals(userId)) {
                return switch (method + " " + edge) {
                    case "GET media" -> need(grant, "instagram_business_basic").orElseGet(() -> media(userId));
                    case "POST media" ->
                        need(grant, "instagram_business_content_publish").orElseGet(() -> container(call, userId));
                    case "POST media_publish" ->
                        need(grant, "instagram_business_content_publish").orElseGet(() -> publish(call, userId));
                    case "GET conversations" ->
                        need(grant, "instagram_business_manage_messages").orElseGet(this::conversations);
                    case "POST messages" ->
                        need(grant, "instagram_business_manage_messages").orElseGet(() -> message(call));
                    case "GET insights" ->
                        need(grant, "instagram_business_manage_insights").orElseGet(() -> insights(call, userId));
                    default -> unsupported(method, path.get(0));
                };
            }
            Map<String, Object> container = containers.get(head);
            if (method.equals("GET") && edge.isEmpty() && container != null && userId.equals(container.get("owner"))) {
                return SandboxAnswer.ok(Map.of(
                        "status_code", container.containsKey("published") ? "PUBLISHED" : "FINISHED", "id", head));
            }
            if (ownMedia(userId, head) && method.equals("GET") && edge.equals("comments")) {
                return need(grant, "instagram_business_manage_comments").orElseGet(() -> comments(head));
            }
            if (head.startsWith("179") && method.equals("POST") && edge.equals("replies")) {
                return need(grant, "instagram_business_manage_comments").orElseGet(() -> reply(call));
            }
        }
        return unsupported(method, head);
    }

    private SandboxAnswer media(String userId) {
        List<Map<String, Object>> data = new ArrayList<>(postsOf(userId));
        java.util.Collections.reverse(data);
        return SandboxAnswer.ok(Map.of("data", data));
    }

    private SandboxAnswer container(SandboxCall call, String userId) {
        Optional<String> imageUrl = call.param("image_url");
        if (imageUrl.isEmpty()) {
            return invalid("The parameter image_url is required");
        }
        if (!imageUrl.get().matches("https?://\\S{1,2000}")) {
            return invalid("Only photo or video can be accepted as media type. image_url must be an http(s) URL");
        }
        String id = next();
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("owner", userId);
        container.put("media_url", imageUrl.get());
        container.put("caption", call.param("caption").orElse(""));
        containers.put(id, container);
        return SandboxAnswer.ok(Map.of("id", id));
    }

    private SandboxAnswer publish(SandboxCall call, String userId) {
        Optional<String> creationId = call.param("creation_id");
        if (creationId.isEmpty()) {
            return invalid("The parameter creation_id is required");
        }
        Map<String, Object> container = containers.get(creationId.get());
        if (container == null || !userId.equals(container.get("owner")) || container.containsKey("published")) {
            return SandboxAnswer.graphError(400, "OAuthException", 9007, 2207027, "Media ID is not available", false);
        }
        container.put("published", true);
        String id = next();
        List<Map<String, Object>> list = postsOf(userId);
        list.add(post(id, (String) container.get("caption"), (String) container.get("media_url")));
        if (list.size() > MAX_POSTS) {
            list.remove(0);
        }
        return SandboxAnswer.ok(Map.of("id", id));
    }

    private SandboxAnswer comments(String mediaId) {
        return SandboxAnswer.ok(Map.of(
                "data",
                List.of(Map.of(
                        "id",
                        "179" + mediaId.substring(3),
                        "text",
                        "Love this! Where can I buy it?",
                        "username",
                        "a_happy_customer",
                        "timestamp",
                        now()))));
    }

    private SandboxAnswer reply(SandboxCall call) {
        return call.param("message").isEmpty()
                ? invalid("The parameter message is required")
                : SandboxAnswer.ok(Map.of("id", next()));
    }

    private SandboxAnswer conversations() {
        return SandboxAnswer.ok(
                Map.of("data", List.of(Map.of("id", "aWdfZAG06MTpJR01lc3NhZA2VUaHJlYWQ", "updated_time", now()))));
    }

    private SandboxAnswer message(SandboxCall call) {
        Optional<String> recipient = call.param("recipient");
        if (recipient.isEmpty() || call.param("message").isEmpty()) {
            return invalid("The parameters recipient and message are required");
        }
        String recipientId = recipient.get().replaceAll("[^0-9]", "");
        if (recipientId.isEmpty()) {
            return invalid("recipient must be {\"id\":\"<IGSID>\"}");
        }
        return SandboxAnswer.ok(
                Map.of("recipient_id", recipientId, "message_id", "aWdfZAG1faXRlbToxOklHTWVzc2FnZA" + next()));
    }

    private SandboxAnswer insights(SandboxCall call, String userId) {
        Optional<String> metric = call.param("metric");
        if (metric.isEmpty()) {
            return invalid("The parameter metric is required");
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (String name : metric.get().split(",")) {
            String m = name.strip();
            if (!m.matches("[a-z_]{1,40}")) {
                return invalid("metric must be a comma-separated list of metric names");
            }
            data.add(Map.of(
                    "name",
                    m,
                    "period",
                    call.param("period").orElse("day"),
                    "values",
                    List.of(Map.of("value", 100 + m.length() * 7, "end_time", now())),
                    "id",
                    userId + "/insights/" + m + "/day"));
        }
        return SandboxAnswer.ok(Map.of("data", data));
    }

    private List<Map<String, Object>> postsOf(String userId) {
        return posts.computeIfAbsent(userId, u -> {
            List<Map<String, Object>> seeded = new ArrayList<>();
            seeded.add(post(u + "01", "Our first post in the sandbox", "https://picsum.photos/seed/plugkit/640"));
            return seeded;
        });
    }

    private Map<String, Object> post(String id, String caption, String mediaUrl) {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("id", id);
        post.put("caption", caption);
        post.put("media_type", "IMAGE");
        post.put("media_url", mediaUrl);
        post.put("permalink", "https://www.instagram.com/p/sandbox" + id.substring(id.length() - 6) + "/");
        post.put("timestamp", now());
        return post;
    }

    private boolean ownMedia(String userId, String mediaId) {
        return postsOf(userId).stream().anyMatch(p -> mediaId.equals(p.get("id")));
    }

    /** Instagram's answer when the grant lacks the scope an edge needs. */
    private static Optional<SandboxAnswer> need(SandboxLedger.Grant grant, String scope) {
        return grant.scopes().contains(scope)
                ? Optional.empty()
                : Optional.of(SandboxAnswer.graphError(
                        403,
                        "OAuthException",
                        10,
                        null,
                        "Application does not have permission for this action (" + scope + ")",
                        false));
    }

    private static SandboxAnswer invalid(String message) {
        return SandboxAnswer.graphError(400, "OAuthException", 100, null, "(#100) " + message, false);
    }

    private static SandboxAnswer unsupported(String method, String object) {
        String plain = object.replaceAll("[^A-Za-z0-9_]", "?");
        return SandboxAnswer.graphError(
                400,
                "GraphMethodException",
                100,
                33,
                "Unsupported " + method.toLowerCase(java.util.Locale.ROOT) + " request. Object with ID '"
                        + (plain.length() > 40 ? plain.substring(0, 40) : plain)
                        + "' does not exist, cannot be loaded due to missing permissions, or does not support this"
                        + " operation.",
                false);
    }

    private String next() {
        return Long.toString(ids.incrementAndGet());
    }

    private String now() {
        return TIMESTAMP.format(clock.instant().atOffset(java.time.ZoneOffset.UTC));
    }
}
