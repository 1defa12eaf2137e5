package co.plugkit.internal.events;

import co.plugkit.internal.crypto.Hashing;
import co.plugkit.internal.crypto.HubSignature;
import co.plugkit.model.Account;
import co.plugkit.model.AccountStatus;
import co.plugkit.model.Actor;
import co.plugkit.model.EventType;
import co.plugkit.provider.Platform;
import co.plugkit.secret.Secret;
import co.plugkit.store.AccountStore;
import co.plugkit.store.MetaWebhookStore;
import co.plugkit.store.NewEvent;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instagram's webhooks, as Meta delivers them for every account of the app: the verification handshake,
 * the signature check ({@code X-Hub-Signature-256}: HMAC-SHA256 of the raw body with the app secret),
 * storing a delivery before it is answered, and processing it afterwards into {@code instagram.*} events
 * for every account, in every workspace, that holds the entry's Instagram account.
 */
public final class MetaWebhooks {
    private static final Logger LOG = LoggerFactory.getLogger(MetaWebhooks.class);

    /** Meta batches up to 1,000 updates in one delivery; a megabyte holds them with room to spare. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Pattern CHALLENGE = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final MetaWebhookStore store;
    private final AccountStore accounts;
    private final Secret appSecret;
    private final Optional<Secret> verifyToken;
    private final ObjectMapper json;
    private final Clock clock;

    public MetaWebhooks(
            MetaWebhookStore store,
            AccountStore accounts,
            Secret appSecret,
            Optional<Secret> verifyToken,
            ObjectMapper json,
            Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.appSecret = appSecret;
        this.verifyToken = verifyToken;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Meta's verification: the challenge to echo if {@code mode} is {@code subscribe} and the token is the
     * configured one (compared in constant time); empty for anything else, or when no token is configured.
     */
    public Optional<String> verify(Optional<String> mode, Optional<String> token, Optional<String> challenge) {
        if (verifyToken.isEmpty() || !mode.equals(Optional.of("subscribe")) || token.isEmpty() || challenge.isEmpty()) {
            return Optional.empty();
        }
        boolean matches = MessageDigest.isEqual(
                token.get().getBytes(StandardCharsets.UTF_8),
                verifyToken.get().reveal().getBytes(StandardCharsets.UTF_8));
        return matches && CHALLENGE.matcher(challenge.get()).matches() ? challenge : Optional.empty();
    }

    /** What became of a delivery. */
    public enum Receipt {
        /** Stored; it is processed shortly. */
        STORED,
        /** The same delivery was stored before; nothing new. */
        REPEATED,
        /** No {@code X-Hub-Signature-256}: nothing stored. */
        UNSIGNED,
        /** A signature that does not match the body: nothing stored. */
        BAD_SIGNATURE,
        /** Signed, but not a JSON object: nothing stored. */
        MALFORMED
    }

    /** Checks and stores one delivery; the caller answers Meta at once and processing follows. */
    public Receipt receive(byte[] body, Optional<String> signature) {
        if (signature.isEmpty()) {
            return Receipt.UNSIGNED;
        }
        if (!HubSignature.verify(appSecret, body, signature.get())) {
            LOG.warn("Instagram webhook refused: its X-Hub-Signature-256 does not match the body");
            return Receipt.BAD_SIGNATURE;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            if (!json.readTree(text).isObject()) {
                return Receipt.MALFORMED;
            }
        } catch (JacksonException e) {
            return Receipt.MALFORMED;
        }
        return store.receive(Hashing.sha256Hex(text), text, clock.instant()) ? Receipt.STORED : Receipt.REPEATED;
    }

    /**
     * Processes the deliveries waiting, as {@code owner}: each under a lease, its events written with the
     * mark that it is done. A delivery that fails is tried again after a minute.
     *
     * @return how many deliveries were processed
     */
    public int processPending(String owner) {
        int done = 0;
        List<MetaWebhookStore.Received> claimed;
        do {
            claimed = store.claim(clock.instant(), owner, clock.instant().plus(LEASE), 20);
            for (MetaWebhookStore.Received delivery : claimed) {
                try {
                    if (store.complete(delivery, owner, events(delivery.body()), clock.instant())) {
                        done++;
                    }
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Instagram webhook {} could not be processed; trying again: {}",
                            delivery.id(),
                            e.toString());
                    store.release(delivery, owner, clock.instant().plus(Duration.ofMinutes(1)));
                }
            }
        } while (!claimed.isEmpty());
        return done;
    }

    /** The events of one delivery: per entry, per kind of change in it, per account holding the entry's id. */
    List<NewEvent> events(String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            return List.of(); // checked on receipt; a row that no longer parses produces nothing
        }
        List<NewEvent> events = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            String igId = entry.path("id").asText("");
            Set<String> types = types(entry);
            if (igId.isEmpty() || types.isEmpty()) {
                continue;
            }
            for (Account account : accounts.findByExternalId(Platform.INSTAGRAM, igId)) {
                if (account.status() == AccountStatus.DISCONNECTED) {
                    continue; // the person removed the app, or the host disconnected it: not forwarded
                }
                for (String type : types) {
                    ObjectNode data = json.createObjectNode()
                            .put("accountId", account.id().value())
                            .put("profileId", account.profileId().value())
                            .put("externalId", igId);
                    data.set("entry", entry);
                    events.add(new NewEvent(
                            account.workspaceId(), type, Optional.of(account.id()), Actor.INSTAGRAM, data.toString()));
                }
            }
        }
        return events;
    }

    private static Set<String> types(JsonNode entry) {
        Set<String> types = new LinkedHashSet<>();
        if (entry.path("messaging").size() > 0) {
            types.add(EventType.INSTAGRAM_MESSAGE);
        }
        for (JsonNode change : entry.path("changes")) {
            switch (change.path("field").asText("")) {
                case "comments", "live_comments" -> types.add(EventType.INSTAGRAM_COMMENT);
                case "mentions" -> types.add(EventType.INSTAGRAM_MENTION);
                case "messages" -> types.add(EventType.INSTAGRAM_MESSAGE);
                default -> {
                    // other fields (story_insights, …) are not forwarded
                }
            }
        }
        return types;
    }
}
