package dev.herald.worker.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A stream record the worker can never store, as it came from the stream, and why.
 *
 * @param payload the record's bytes, unparsed (they may not be a {@code StreamEvent} at all)
 * @param reason what went wrong, safe to log: never a row or a body
 * @param sqlState PostgreSQL's SQLSTATE when it rejected the event
 */
public record DeadLetter(long streamSequence, String subject, byte[] payload, String reason,
        Optional<String> sqlState) {

    public DeadLetter {
        requireNonNull(subject, "subject");
        requireNonNull(payload, "payload");
        requireNonNull(reason, "reason");
        requireNonNull(sqlState, "sqlState");
        // text cannot hold NUL, and a dead letter that cannot be stored would be retried for ever.
        reason = reason.replace('\0', '?');
    }

    /** A record that does not decode to an event this worker can write. */
    public static DeadLetter undecodable(long streamSequence, String subject, byte[] payload, String reason) {
        return new DeadLetter(streamSequence, subject, payload, "undecodable: " + reason, Optional.empty());
    }

    /** An event PostgreSQL rejected even when written alone. */
    public static DeadLetter rejected(long streamSequence, String subject, byte[] payload, Throwable failure) {
        Rejection rejection = Rejection.of(failure);
        return new DeadLetter(streamSequence, subject, payload, rejection.describe(), rejection.sqlState());
    }
}
