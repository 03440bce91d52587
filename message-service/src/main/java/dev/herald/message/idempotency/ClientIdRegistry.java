package dev.herald.message.idempotency;

import dev.herald.logging.RepeatingWarning;
import dev.herald.message.error.HeraldException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
    private static final int WRONG_LAST_SEQUENCE = 10071;
    private static final int BUCKET_NOT_FOUND = 10059;

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
        KeyValueManagement management = nats.keyValueManagement();
        try {
            management.getStatus(bucketName);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != BUCKET_NOT_FOUND) {
                throw e;
            }
            management.create(KeyValueConfiguration.builder()
                    .name(bucketName)
                    .maxHistoryPerKey(1)
                    .ttl(retention)
                    .storageType(StorageType.File)
                    .build());
        }
        return new ClientIdRegistry(nats.keyValue(bucketName), dsl);
    }

    /**
     * Claims the clientId for a new message, or returns the message that already owns it.
     */
    public ClientIdClaim claim(String senderId, String clientId, UUID candidateId, Instant candidateCreatedAt) {
        String key = key(senderId, clientId);
        try {
            bucket.create(key, encode(candidateId, candidateCreatedAt));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE) {
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

    /** Bucket keys allow few characters: hash the pair into a URL-safe token. */
    static String key(String senderId, String clientId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(senderId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(clientId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static HeraldException unavailable(Exception cause) {
        return new HeraldException.Unavailable("message store unavailable, retry", cause);
    }
}
