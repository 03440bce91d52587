package dev.herald.message.idempotency;

import dev.herald.logging.RepeatingWarning;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Withdraws first claims whose change was never published, in the background, until NATS answers. A claim that failed
 * with a timeout may still land (the create waits in the client's buffer while NATS is away, or only its reply was
 * lost), and a release may fail the same way; left alone, such a claim would make every retry take the change for
 * done although nothing was published. Each claim carries its request's token, so only a claim of that request is
 * withdrawn, never one another request won since.
 */
final class StrayClaims {

    private static final Logger logger = LoggerFactory.getLogger(StrayClaims.class);
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(100);

    private final Connection nats;
    private final KeyValue bucket;
    private final Duration landingWait;
    private final Duration giveUpAfter;
    private final Clock clock;
    private final ScheduledExecutorService retries;
    private final RepeatingWarning givenUp = new RepeatingWarning(logger);

    /**
     * @param landingWait how long after NATS answers again a claim not found yet may still land
     * @param giveUpAfter when to stop trying (the claims' retention: by then the claim has expired anyway)
     */
    StrayClaims(Connection nats, KeyValue bucket, Duration landingWait, Duration giveUpAfter, Clock clock) {
        this.nats = nats;
        this.bucket = bucket;
        this.landingWait = landingWait;
        this.giveUpAfter = giveUpAfter;
        this.clock = clock;
        // One virtual thread; it ends its retries when the connection is closed.
        this.retries = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("stray-claims").factory());
    }

    /** Deletes the claim of {@code key} if it holds {@code token}, now or once it lands. */
    void withdraw(String key, byte[] token) {
        Withdrawal withdrawal = new Withdrawal(key, token, clock.instant());
        retries.execute(() -> attempt(withdrawal));
    }

    private void attempt(Withdrawal withdrawal) {
        Instant now = clock.instant();
        if (Duration.between(withdrawal.since(), now).compareTo(giveUpAfter) > 0) {
            givenUp.warn(warning -> warning.addKeyValue("bucket", bucket.getBucketName())
                    .log("gave up withdrawing a claim whose change was not published: it stays until it expires"));
            return;
        }
        if (nats.getStatus() == Connection.Status.CLOSED) {
            return;
        }
        // While disconnected a request would only wait in the client's buffer behind the stray create.
        if (nats.getStatus() != Connection.Status.CONNECTED) {
            retryLater(withdrawal);
            return;
        }
        try {
            KeyValueEntry entry = bucket.get(withdrawal.key());
            if (entry != null && Arrays.equals(entry.getValue(), withdrawal.token())) {
                bucket.delete(withdrawal.key(), entry.getRevision());
                return;
            }
            Instant answered = withdrawal.answeredAt() == null ? now : withdrawal.answeredAt();
            if (Duration.between(answered, now).compareTo(landingWait) < 0) {
                retryLater(withdrawal.answered(answered));
            }
            // Not there after the wait: it never landed, or another request's claim took its place after expiry.
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != ClaimBucket.WRONG_LAST_SEQUENCE) {
                retryLater(withdrawal);
            }
            // A newer revision: another request won the key since; that claim is not ours to withdraw.
        } catch (IOException e) {
            retryLater(withdrawal);
        }
    }

    private void retryLater(Withdrawal withdrawal) {
        retries.schedule(() -> attempt(withdrawal), RETRY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One claim to withdraw; {@code answeredAt} is when NATS first answered that the claim was not there. */
    private record Withdrawal(String key, byte[] token, Instant since, Instant answeredAt) {
        Withdrawal(String key, byte[] token, Instant since) {
            this(key, token, since, null);
        }

        Withdrawal answered(Instant at) {
            return new Withdrawal(key, token, since, at);
        }
    }
}
