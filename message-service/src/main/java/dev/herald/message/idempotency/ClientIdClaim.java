package dev.herald.message.idempotency;

import java.time.Instant;
import java.util.UUID;

/**
 * Who owns a sender's clientId: the message id and time given to the first send that used it, and how far that
 * message got.
 *
 * @param revision the claim's revision in the bucket, which {@link ClientIdRegistry#markPublished} updates on; 0 when
 *     the claim is not in the bucket (a send without clientId, a message found stored)
 */
public record ClientIdClaim(UUID messageId, Instant createdAt, Progress progress, long revision) {

    /** How far the message that owns the clientId got. */
    public enum Progress {
        /** This send is the first: publish the message. */
        FRESH,
        /** An earlier send claimed it and no publish of it was acknowledged yet: publish again under its id. */
        CLAIMED,
        /** An earlier send's publish was acknowledged: the message is in the stream, routed by that send. */
        PUBLISHED,
        /** The message is in PostgreSQL. */
        STORED
    }

    /** A message of a send without clientId, or of the first send with one (then with the claim's revision). */
    public static ClientIdClaim fresh(UUID messageId, Instant createdAt, long revision) {
        return new ClientIdClaim(messageId, createdAt, Progress.FRESH, revision);
    }

    public boolean fresh() {
        return progress == Progress.FRESH;
    }

    /** True when the message was accepted before: answer with it, and publish and route nothing. */
    public boolean accepted() {
        return progress == Progress.PUBLISHED || progress == Progress.STORED;
    }
}
