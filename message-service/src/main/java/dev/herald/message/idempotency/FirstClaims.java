package dev.herald.message.idempotency;

import dev.herald.message.error.HeraldException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Decides which request is the first to make a change to a message, across every instance: PostgreSQL shows a change
 * only once the worker stored it, so two requests at the same moment both find the message unchanged. Each claims
 * (change, user, message id) with an atomic create in a JetStream key-value bucket; only the winner reports and pushes
 * the change, a loser treats it as already done. Entries expire after the retention, by when the change is stored
 * and the check against PostgreSQL decides on its own.
 */
public final class FirstClaims {

    /** The changes that happen once per message and user; each has its own claims. */
    public enum Change {
        /** A receiver marks a message read (the sender gets one {@code read} receipt). */
        READ,
        /** A receiver deletes a message from its view. */
        DELETE_RECEIVED,
        /** A sender deletes a message from its own view. */
        DELETE_SENT,
        /** A sender recalls a message (its receivers get one {@code recalled}). */
        RECALL
    }

    /** How long after NATS answers again a claim that failed with a timeout may still land. */
    private static final Duration LANDING_WAIT = Duration.ofSeconds(10);

    private final KeyValue bucket;
    private final StrayClaims strays;

    private FirstClaims(KeyValue bucket, StrayClaims strays) {
        this.bucket = bucket;
        this.strays = strays;
    }

    /** Opens the bucket with {@code replicas} copies, creating it on first use. */
    public static FirstClaims open(Connection nats, String bucketName, Duration retention, int replicas)
            throws IOException, JetStreamApiException {
        KeyValue bucket = ClaimBucket.open(nats, bucketName, retention, replicas);
        return new FirstClaims(bucket, new StrayClaims(nats, bucket, LANDING_WAIT, retention, Clock.systemUTC()));
    }

    /**
     * Claims {@code change} of each message for {@code userId}; returns the ids whose claim this call won, in the
     * order given. When the bucket cannot be reached, the call fails with UNAVAILABLE and nothing stays claimed: the
     * claims won so far are released, and the one that timed out is withdrawn should it land later.
     */
    public Won claim(Change change, String userId, Collection<UUID> messageIds) {
        // The claim's value names this request, so that only its own claims are ever withdrawn.
        byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        Set<UUID> won = new LinkedHashSet<>();
        for (UUID id : messageIds) {
            String key = key(change, userId, id);
            try {
                bucket.create(key, token);
                won.add(id);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != ClaimBucket.WRONG_LAST_SEQUENCE) {
                    release(new Won(change, userId, won, token));
                    throw unavailable(e);
                }
                // Another request claimed it first: that one reports and pushes the change.
            } catch (IOException e) {
                strays.withdraw(key, token);
                release(new Won(change, userId, won, token));
                throw unavailable(e);
            }
        }
        return new Won(change, userId, won, token);
    }

    /**
     * Gives claims back whose change was never published (the publish failed), so a retry can make the change. A
     * claim that cannot be released now (NATS away) is withdrawn once NATS answers.
     */
    public void release(Won won) {
        for (UUID id : won.ids()) {
            String key = key(won.change(), won.userId(), id);
            try {
                bucket.delete(key);
            } catch (IOException | JetStreamApiException e) {
                strays.withdraw(key, won.token());
            }
        }
    }

    /** The claims one request won, in the order given, and the token they hold. */
    public record Won(Change change, String userId, Set<UUID> ids, byte[] token) {

        public boolean isEmpty() {
            return ids.isEmpty();
        }

        public boolean contains(UUID id) {
            return ids.contains(id);
        }
    }

    private static String key(Change change, String userId, UUID messageId) {
        return change.name() + "." + ClaimBucket.key(userId, messageId.toString());
    }

    private static HeraldException unavailable(Exception cause) {
        return new HeraldException.Unavailable("message store unavailable, retry", cause);
    }
}
