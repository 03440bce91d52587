package dev.herald.worker.consume;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the events of purged messages from the stream, so a purged body does not stay there for the stream's
 * retention. Called once the purge is committed: the tombstones keep each event's sequence, so a purge whose
 * deletions could not reach NATS is retried by redelivering its batch. JetStream erases a deleted message
 * (overwrites it on disk), not only forgets its index entry.
 */
final class PurgedEvents {

    private static final Logger logger = LoggerFactory.getLogger(PurgedEvents.class);
    /** JetStream's "no message found", answered by a get of a sequence the stream does not hold. */
    private static final int NO_MESSAGE_FOUND = 10037;

    private final JetStreamManagement jsm;
    private final String stream;

    PurgedEvents(JetStreamManagement jsm, String stream) {
        this.jsm = jsm;
        this.stream = stream;
    }

    /**
     * Deletes the events at {@code sequences}; one already gone is fine. One JetStream refuses to delete (a stream
     * that denies deletes) is logged as an error and left: holding every later write back for it would be worse.
     *
     * @throws UncheckedIOException when NATS cannot be reached (the caller hands the batch back, to retry)
     */
    void delete(Set<Long> sequences) {
        for (long sequence : sequences) {
            try {
                jsm.deleteMessage(stream, sequence);
            } catch (JetStreamApiException e) {
                // NATS 2.9 answers a sequence already deleted (or never written) with the generic "delete failed"
                // (10057) and the store's reason in the text, as it answers a refusal: ask whether it is there.
                if (stillHeld(sequence)) {
                    logger.atError().addKeyValue("stream", stream).addKeyValue("streamSequence", sequence)
                            .addKeyValue("apiErrorCode", e.getApiErrorCode()).addKeyValue("reason", e.getMessage())
                            .log("JetStream refused to delete the event of a purged message: its body stays in the "
                                    + "stream until the stream's retention drops it");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private boolean stillHeld(long sequence) {
        try {
            jsm.getMessage(stream, sequence);
            return true;
        } catch (JetStreamApiException e) {
            // 10037: gone. Anything else: JetStream answers, but not whether it holds the event; say it does, so
            // the refusal is reported rather than taken for a deletion.
            return e.getApiErrorCode() != NO_MESSAGE_FOUND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
