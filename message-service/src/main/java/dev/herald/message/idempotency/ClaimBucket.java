package dev.herald.message.idempotency;

import dev.herald.stream.StreamReplicas;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * The JetStream key-value buckets claims live in: one value per key, entries that expire after the retention, keys
 * hashed from what they stand for. A create in such a bucket is atomic across every instance.
 */
final class ClaimBucket {

    /** JetStream API error: a create found the key taken (or an update a newer revision). */
    static final int WRONG_LAST_SEQUENCE = 10071;
    private static final int BUCKET_NOT_FOUND = 10059;

    private ClaimBucket() {}

    /**
     * Opens the bucket, creating it on first use with {@code replicas} copies; a bucket that exists keeps its
     * retention but is brought to {@code replicas} like the event stream ({@link StreamReplicas}).
     */
    static KeyValue open(Connection nats, String bucketName, Duration retention, int replicas)
            throws IOException, JetStreamApiException {
        KeyValueManagement management = nats.keyValueManagement();
        try {
            StreamReplicas.bringTo(nats.jetStreamManagement(), management.getStatus(bucketName).getBackingStreamInfo(),
                    replicas);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != BUCKET_NOT_FOUND) {
                throw e;
            }
            create(management, bucketName, retention, replicas);
        }
        return nats.keyValue(bucketName);
    }

    private static void create(KeyValueManagement management, String bucketName, Duration retention, int replicas)
            throws IOException, JetStreamApiException {
        try {
            KeyValueStatus created = management.create(KeyValueConfiguration.builder()
                    .name(bucketName)
                    .maxHistoryPerKey(1)
                    .ttl(retention)
                    .storageType(StorageType.File)
                    .replicas(replicas)
                    .build());
            StreamReplicas.requireReplicas(created.getBackingStreamInfo(), replicas);
        } catch (JetStreamApiException e) {
            // The bucket is the stream KV_<bucket>: a refused replica count is named like the event stream's.
            if (replicas > 1) {
                throw StreamReplicas.refused("KV_" + bucketName, replicas, e);
            }
            throw e;
        }
    }

    /** Bucket keys allow few characters: hash the pair (user ids and clientIds are free text) into a URL-safe token. */
    static String key(String first, String second) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(first.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(second.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
