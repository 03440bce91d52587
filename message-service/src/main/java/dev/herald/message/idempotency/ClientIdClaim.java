package dev.herald.message.idempotency;

import java.time.Instant;
import java.util.UUID;

/**
 * Who owns a sender's clientId: the message id and time given to the first send that used it.
 *
 * @param fresh true when this send is that first send
 * @param stored true when that message is already in PostgreSQL, so nothing needs publishing
 */
public record ClientIdClaim(UUID messageId, Instant createdAt, boolean fresh, boolean stored) {

    public static ClientIdClaim fresh(UUID messageId, Instant createdAt) {
        return new ClientIdClaim(messageId, createdAt, true, false);
    }
}
