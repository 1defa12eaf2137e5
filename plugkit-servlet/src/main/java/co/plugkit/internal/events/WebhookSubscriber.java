package co.plugkit.internal.events;

import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.crypto.UnreadableTokenException;
import co.plugkit.model.Account;
import co.plugkit.model.SealedToken;
import co.plugkit.model.WebhookSubscription;
import co.plugkit.provider.Provider;
import co.plugkit.provider.ProviderException;
import co.plugkit.provider.Providers;
import co.plugkit.secret.Secret;
import co.plugkit.store.AccountStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes connected accounts to the app's webhooks ({@code POST /me/subscribed_apps} with the configured
 * fields), as Meta documents for Instagram Login: after every connect and reconnect, off the request's
 * thread, so a failure never fails the connect. The outcome is recorded on the account; a failure is tried
 * again by the background runs after a doubling pause (a minute, up to six hours).
 */
public final class WebhookSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSubscriber.class);
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration MAX_RETRY = Duration.ofHours(6);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final AccountStore accounts;
    private final Providers providers;
    private final TokenCipher cipher;
    private final List<String> fields;
    private final Executor executor;
    private final Clock clock;

    /** @param executor where subscriptions after a connect run: one of PlugKit's threads */
    public WebhookSubscriber(
            AccountStore accounts,
            Providers providers,
            TokenCipher cipher,
            List<String> fields,
            Executor executor,
            Clock clock) {
        this.accounts = accounts;
        this.providers = providers;
        this.cipher = cipher;
        this.fields = List.copyOf(fields);
        this.executor = executor;
        this.clock = clock;
    }

    /** After a connect: subscribes soon, on a PlugKit thread; returns at once. */
    public void connected(Account account, Secret accessToken) {
        try {
            executor.execute(() -> subscribe(account, accessToken));
        } catch (RuntimeException e) {
            // stopping: record a failure, which a later run on any server retries
            record(account, WebhookSubscription.FAILED);
        }
    }

    /** One background run: retries the failed subscriptions that are due, each claimed by one server. */
    public void retryDue(String owner) {
        Instant now = clock.instant();
        for (Account account : accounts.claimWebhookRetries(now, now.plus(LEASE), 20)) {
            Optional<SealedToken> sealed = accounts.findToken(account.workspaceId(), account.id());
            if (sealed.isEmpty()) {
                continue; // no token any more: disconnected meanwhile
            }
            try {
                Secret token = cipher.open(
                        sealed.get(),
                        new TokenBinding(
                                account.workspaceId(), account.profileId(), account.platform(), account.externalId()));
                subscribe(account, token);
            } catch (UnreadableTokenException e) {
                LOG.warn("Account {}: webhook subscription not retried, its token does not open", account.id());
            }
        }
    }

    private void subscribe(Account account, Secret token) {
        Optional<Provider> provider = providers.find(account.platform());
        if (fields.isEmpty() || provider.isEmpty()) {
            record(account, WebhookSubscription.OFF);
            return;
        }
        try {
            boolean subscribed = provider.get().subscribeToWebhooks(token, fields);
            record(account, subscribed ? WebhookSubscription.SUBSCRIBED : WebhookSubscription.OFF);
        } catch (ProviderException e) {
            LOG.warn("Account {}: subscribing to webhooks failed, retried later: {}", account.id(), e.getMessage());
            record(account, WebhookSubscription.FAILED);
        } catch (RuntimeException e) {
            LOG.warn("Account {}: subscribing to webhooks failed, retried later: {}", account.id(), e.toString());
            record(account, WebhookSubscription.FAILED);
        }
    }

    private void record(Account account, WebhookSubscription outcome) {
        Instant now = clock.instant();
        try {
            accounts.recordWebhooks(
                    account.id(),
                    outcome,
                    failures -> outcome == WebhookSubscription.FAILED
                            ? Optional.of(now.plus(retryDelay(Math.max(0, failures - 1))))
                            : Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Account {}: the webhook subscription's outcome could not be recorded: {}",
                    account.id(),
                    e.toString());
        }
    }

    static Duration retryDelay(int failures) {
        long millis = FIRST_RETRY.toMillis() << Math.min(failures, 20);
        return Duration.ofMillis(Math.min(millis, MAX_RETRY.toMillis()));
    }
}
