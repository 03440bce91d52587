package dev.herald.message.admin;

import dev.herald.schema.generated.tables.records.DeadLettersRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * A stream record the persistence-worker could never store, as it came from the stream.
 *
 * @param payload the record's bytes, unparsed
 * @param sqlState PostgreSQL's SQLSTATE when it rejected the event
 */
public record DeadLetter(long id, long streamSequence, String subject, byte[] payload, String reason,
        Optional<String> sqlState, Instant failedAt) {

    static DeadLetter of(DeadLettersRecord row) {
        return new DeadLetter(row.getId(), row.getStreamSequence(), row.getSubject(), row.getPayload(),
                row.getReason(), Optional.ofNullable(row.getSqlState()), row.getFailedAt().toInstant());
    }
}
