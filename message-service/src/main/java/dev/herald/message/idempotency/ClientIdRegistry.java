package dev.herald.message.idempotency;

import dev.herald.logging.RepeatingWarning;
import dev.herald.message.error.HeraldException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps (sender, clientId) to one message id for good. The claim is an atomic create in a
 * JetStream key-value bucket, so concurrent retries on different instances agree on one owner;
 * entries expire after the retention, and older keys are found through the unique
 * (sender_id, client_id) index of the stored messages.
 */
public final class ClientIdRegistry {

    private static final Logger logger = LoggerFactory.getLogger(ClientIdRegistry.class);

    private final KeyValue bucket;
    private final DSLContext dsl;
    /** While PostgreSQL is down every send with a clientId fails the check: one line, then a count every 30 s. */
    private final RepeatingWarning databaseDown = new RepeatingWarning(logger);

    private ClientIdRegistry(KeyValue bucket, DSLContext dsl) {
        this.bucket = bucket;
        this.dsl = dsl;
    }

    /** Opens the bucket, creating it on first use. */
    public static ClientIdRegistry open(Connection nats, String bucketName, Duration retention, DSLContext dsl)
            throws IOException, JetStreamApiException {
        return new ClientIdRegistry(ClaimBucket.open(nats, bucketName, retention), dsl);
    }

    /**
     * Claims the clientId for a new message, or returns the message that already owns it.
     */
    public ClientIdClaim claim(String senderId, String clientId, UUID candidateId, Instant candidateCreatedAt) {
        String key = ClaimBucket.key(senderId, clientId);
        try {
            bucket.create(key, encode(candidateId, candidateCreatedAt));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != ClaimBucket.WRONG_LAST_SEQUENCE) {
                throw unavailable(e);
            }
            // Already claimed: stored by now, or still on its way (then republishing is safe).
            return storedOwner(senderId, clientId).orElseGet(() -> existing(key));
        } catch (IOException e) {
            throw unavailable(e);
        }
        // New in the bucket, but the key may be older than the bucket's retention.
        return storedOwner(senderId, clientId)
                .orElse(ClientIdClaim.fresh(candidateId, candidateCreatedAt));
    }

    private ClientIdClaim existing(String key) {
        try {
            KeyValueEntry entry = bucket.get(key);
            if (entry == null || entry.getValue() == null) {
                throw new HeraldException.Unavailable("clientId registry inconsistent, retry", null);
            }
            String[] parts = new String(entry.getValue(), StandardCharsets.UTF_8).split(" ", 2);
            return new ClientIdClaim(UUID.fromString(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])),
                    false, false);
        } catch (IOException | JetStreamApiException e) {
            throw unavailable(e);
        }
    }

    private Optional<ClientIdClaim> storedOwner(String senderId, String clientId) {
        try {
            return new SelectMessageByClientId(senderId, clientId).apply(dsl);
        } catch (DataAccessException e) {
            // PostgreSQL down: sends must keep flowing. The unique index still keeps storage single.
            databaseDown.warn(warning -> warning.addKeyValue("bucket", bucket.getBucketName()).addKeyValue("sqlState", e.sqlState())
                    .setCause(e).log("cannot check stored clientIds while the database is unavailable"));
            return Optional.empty();
        }
    }

    private static byte[] encode(UUID messageId, Instant createdAt) {
        return (messageId + " " + createdAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8);
    }

    private static HeraldException unavailable(Exception cause) {
        return new HeraldException.Unavailable("message store unavailable, retry", cause);
    }
}
