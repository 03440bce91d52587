package dev.herald.message.idempotency;

import dev.herald.logging.RepeatingWarning;
import dev.herald.message.error.HeraldException;
import dev.herald.message.idempotency.ClientIdClaim.Progress;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.PublishOptions;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps (sender, clientId) to one message id for good. The claim is an atomic create in a
 * JetStream key-value bucket, so concurrent retries on different instances agree on one owner;
 * once JetStream acknowledged the message the claim is marked published, so a retry after the
 * stream's duplicate window is answered without publishing again. Entries expire after the
 * retention, and older keys are found through the unique (sender_id, client_id) index of the
 * stored messages.
 */
public final class ClientIdRegistry {

    private static final Logger logger = LoggerFactory.getLogger(ClientIdRegistry.class);
    private static final String PUBLISHED = "published";
    private static final Duration MARK_TIMEOUT = Duration.ofSeconds(5);

    private final KeyValue bucket;
    private final JetStream jetStream;
    private final DSLContext dsl;
    /** While PostgreSQL is down every send with a clientId fails the check: one line, then a count every 30 s. */
    private final RepeatingWarning databaseDown = new RepeatingWarning(logger);
    /** While NATS is down every acknowledged send with a clientId fails its mark: one line, then a count every 30 s. */
    private final RepeatingWarning markFailed = new RepeatingWarning(logger);

    private ClientIdRegistry(KeyValue bucket, JetStream jetStream, DSLContext dsl) {
        this.bucket = bucket;
        this.jetStream = jetStream;
        this.dsl = dsl;
    }

    /** Opens the bucket with {@code replicas} copies, creating it on first use. */
    public static ClientIdRegistry open(Connection nats, String bucketName, Duration retention, int replicas,
            DSLContext dsl) throws IOException, JetStreamApiException {
        return new ClientIdRegistry(ClaimBucket.open(nats, bucketName, retention, replicas), nats.jetStream(), dsl);
    }

    /**
     * Claims the clientId for a new message, or returns the message that already owns it and how far it got.
     */
    public ClientIdClaim claim(String senderId, String clientId, UUID candidateId, Instant candidateCreatedAt) {
        String key = ClaimBucket.key(senderId, clientId);
        long revision;
        try {
            revision = bucket.create(key, encode(candidateId, candidateCreatedAt, false));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != ClaimBucket.WRONG_LAST_SEQUENCE) {
                throw unavailable(e);
            }
            ClientIdClaim owner = existing(key);
            // Published: in the stream for good. Otherwise stored by now, or its publish is still to land (then
            // publishing again is safe).
            return owner.accepted() ? owner : storedOwner(senderId, clientId).orElse(owner);
        } catch (IOException e) {
            throw unavailable(e);
        }
        // New in the bucket, but the key may be older than the bucket's retention.
        return storedOwner(senderId, clientId)
                .orElse(ClientIdClaim.fresh(candidateId, candidateCreatedAt, revision));
    }

    /**
     * Records that JetStream acknowledged the claim's message, so a retry after the stream's duplicate window (which
     * JetStream would no longer drop) answers with it instead of publishing and routing it again. An update on the
     * claim's revision, published asynchronously to the bucket's subject (the key-value protocol: the completions
     * of publish acks must not block on a request). Best effort: the message is durable either way, so the returned
     * future always completes normally and a failure is logged; a claim marked or taken over meanwhile is left as it
     * is.
     */
    public CompletableFuture<Void> markPublished(String senderId, String clientId, ClientIdClaim claim) {
        String subject = "$KV." + bucket.getBucketName() + "." + ClaimBucket.key(senderId, clientId);
        PublishOptions onRevision = PublishOptions.builder().expectedLastSubjectSequence(claim.revision()).build();
        CompletableFuture<PublishAck> marked;
        try {
            marked = jetStream.publishAsync(subject, encode(claim.messageId(), claim.createdAt(), true), onRevision);
        } catch (RuntimeException e) {
            markFailed(e);
            return CompletableFuture.completedFuture(null);
        }
        return marked.orTimeout(MARK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handle((ack, failure) -> {
            if (failure != null && !markedByAnother(failure)) {
                markFailed(failure);
            }
            return null;
        });
    }

    /** The update found a newer revision: another send of the same clientId marked it first. */
    private static boolean markedByAnother(Throwable failure) {
        // jnats wraps the API error of an asynchronous publish in a RuntimeException (in a CompletionException).
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JetStreamApiException e) {
                return e.getApiErrorCode() == ClaimBucket.WRONG_LAST_SEQUENCE;
            }
        }
        return false;
    }

    private void markFailed(Throwable cause) {
        markFailed.warn(warning -> warning.addKeyValue("bucket", bucket.getBucketName()).setCause(cause)
                .log("cannot mark a clientId's message published: a retry after the stream's duplicate window may "
                        + "deliver it again"));
    }

    private ClientIdClaim existing(String key) {
        try {
            KeyValueEntry entry = bucket.get(key);
            if (entry == null || entry.getValue() == null) {
                throw new HeraldException.Unavailable("clientId registry inconsistent, retry", null);
            }
            String[] parts = new String(entry.getValue(), StandardCharsets.UTF_8).split(" ");
            boolean published = parts.length > 2 && parts[2].equals(PUBLISHED);
            return new ClientIdClaim(UUID.fromString(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])),
                    published ? Progress.PUBLISHED : Progress.CLAIMED, entry.getRevision());
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

    /** {@code <id> <createdAt millis>}, then {@code published} once JetStream acknowledged the message. */
    private static byte[] encode(UUID messageId, Instant createdAt, boolean published) {
        return (messageId + " " + createdAt.toEpochMilli() + (published ? " " + PUBLISHED : ""))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static HeraldException unavailable(Exception cause) {
        return new HeraldException.Unavailable("message store unavailable, retry", cause);
    }
}
