package co.plugkit.internal.engine;

import co.plugkit.internal.crypto.Hashing;
import co.plugkit.internal.crypto.SignedRequest;
import co.plugkit.provider.Platform;
import co.plugkit.secret.Secret;
import co.plugkit.store.AccountStore;
import co.plugkit.store.DataDeletionStore;
import co.plugkit.store.DataDeletionStore.DataDeletion;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta's platform callbacks, which an app must honour before it may serve other people's accounts:
 * deauthorization (the user removed the app) and data deletion (the user asked for their data to go).
 * Both arrive as a {@link SignedRequest} naming an Instagram user; both act on that user's accounts in
 * every workspace, matched on the professional id or the app-scoped id, since Meta does not say which
 * one it sends.
 */
public final class MetaCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(MetaCallbacks.class);

    /**
     * Random bytes in a confirmation code: 128 bits, so the code that opens a status page cannot be guessed.
     * Written as lowercase hex, because Meta wants an alphanumeric code.
     */
    private static final int CONFIRMATION_CODE_BYTES = 16;

    /**
     * The codes a status page answers: today's 32 hex digits, and the 20 of the codes issued before they
     * grew to 128 bits, which Meta and users may still hold. Anything else is not looked up.
     */
    private static final Pattern CONFIRMATION_CODE = Pattern.compile("[0-9a-f]{32}|[0-9a-f]{20}");

    private final AccountStore accounts;
    private final DataDeletionStore deletions;
    private final Secret appSecret;
    private final URI statusBaseUrl;
    private final ObjectMapper json;
    private final Clock clock;

    public MetaCallbacks(
            AccountStore accounts,
            DataDeletionStore deletions,
            Secret appSecret,
            URI publicUrl,
            ObjectMapper json,
            Clock clock) {
        this.accounts = accounts;
        this.deletions = deletions;
        this.appSecret = appSecret;
        this.statusBaseUrl = URI.create(publicUrl + "/v1/connect/instagram/data-deletion/");
        this.json = json;
        this.clock = clock;
    }

    /** What a callback came to. */
    public sealed interface Outcome {
        /** Deauthorization done: this many accounts are now disconnected, their tokens wiped. */
        record Deauthorized(int accounts) implements Outcome {}

        /** Data deleted; Meta gets the status page URL and the confirmation code. */
        record Deleted(URI statusUrl, String confirmationCode, int accounts) implements Outcome {}

        /** The signed request was refused (see {@link SignedRequest.Result.Invalid}); nothing changed. */
        record Refused(String reason) implements Outcome {}
    }

    public Outcome deauthorize(String signedRequest) {
        SignedRequest.Result result = SignedRequest.verify(signedRequest, appSecret, json);
        if (result instanceof SignedRequest.Result.Invalid invalid) {
            LOG.warn("Deauthorize callback refused: {}", invalid.reason());
            return new Outcome.Refused(invalid.reason());
        }
        String userId = ((SignedRequest.Result.Valid) result).userId();
        int count = accounts.disconnectUser(Platform.INSTAGRAM, userId, clock.instant());
        LOG.info("Deauthorize callback: {} account(s) of an Instagram user disconnected", count);
        return new Outcome.Deauthorized(count);
    }

    public Outcome deleteData(String signedRequest) {
        SignedRequest.Result result = SignedRequest.verify(signedRequest, appSecret, json);
        if (result instanceof SignedRequest.Result.Invalid invalid) {
            LOG.warn("Data deletion callback refused: {}", invalid.reason());
            return new Outcome.Refused(invalid.reason());
        }
        String userId = ((SignedRequest.Result.Valid) result).userId();
        int count = accounts.deleteUser(Platform.INSTAGRAM, userId, clock.instant());
        String code = HexFormat.of().formatHex(Hashing.randomBytes(CONFIRMATION_CODE_BYTES));
        Instant now = clock.instant();
        deletions.insert(new DataDeletion(code, now, count));
        LOG.info("Data deletion callback: {} account(s) of an Instagram user deleted", count);
        return new Outcome.Deleted(statusBaseUrl.resolve(code), code, count);
    }

    /** The status of a deletion request, for its status page. */
    public Optional<DataDeletion> deletionStatus(String confirmationCode) {
        if (confirmationCode == null
                || !CONFIRMATION_CODE.matcher(confirmationCode).matches()) {
            return Optional.empty();
        }
        return deletions.find(confirmationCode);
    }
}
