package dev.herald.message.idempotency;

import dev.herald.message.error.HeraldException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger logger = LoggerFactory.getLogger(FirstClaims.class);

    private final KeyValue bucket;

    private FirstClaims(KeyValue bucket) {
        this.bucket = bucket;
    }

    /** Opens the bucket, creating it on first use. */
    public static FirstClaims open(Connection nats, String bucketName, Duration retention)
            throws IOException, JetStreamApiException {
        return new FirstClaims(ClaimBucket.open(nats, bucketName, retention));
    }

    /**
     * Claims {@code change} of each message for {@code userId}; returns the ids whose claim this call won, in the
     * order given. When the bucket cannot be reached, the claims won so far are released and the call fails with
     * UNAVAILABLE, so nothing was claimed.
     */
    public Set<UUID> claim(Change change, String userId, Collection<UUID> messageIds) {
        Set<UUID> won = new LinkedHashSet<>();
        for (UUID id : messageIds) {
            try {
                bucket.create(key(change, userId, id), new byte[0]);
                won.add(id);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != ClaimBucket.WRONG_LAST_SEQUENCE) {
                    release(change, userId, won);
                    throw unavailable(e);
                }
                // Another request claimed it first: that one reports and pushes the change.
            } catch (IOException e) {
                release(change, userId, won);
                throw unavailable(e);
            }
        }
        return won;
    }

    /**
     * Gives claims back whose change was never published (the publish failed), so a retry can make the change. Best
     * effort: a claim that cannot be released (NATS gone) stays until it expires, and until then its change is
     * taken for done.
     */
    public void release(Change change, String userId, Collection<UUID> messageIds) {
        List<UUID> kept = new ArrayList<>();
        for (UUID id : messageIds) {
            try {
                bucket.delete(key(change, userId, id));
            } catch (IOException | JetStreamApiException e) {
                kept.add(id);
            }
        }
        if (!kept.isEmpty()) {
            logger.atWarn().addKeyValue("change", change).addKeyValue("userId", userId)
                    .addKeyValue("messages", kept.size()).addKeyValue("bucket", bucket.getBucketName())
                    .log("cannot release claims of a change that was not published: taken for done until they expire");
        }
    }

    private static String key(Change change, String userId, UUID messageId) {
        return change.name() + "." + ClaimBucket.key(userId, messageId.toString());
    }

    private static HeraldException unavailable(Exception cause) {
        return new HeraldException.Unavailable("message store unavailable, retry", cause);
    }
}
