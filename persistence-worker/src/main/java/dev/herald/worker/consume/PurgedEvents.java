package dev.herald.worker.consume;

import dev.herald.worker.store.WriteResult;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Deletes the events of purged messages from the stream, so a purged body does not stay there for the stream's
 * retention. Called once the purge is committed: the tombstones keep each event's sequence, so a purge whose
 * deletions failed is retried by redelivering its batch. JetStream erases a deleted message (overwrites it on
 * disk), not only forgets its index entry.
 */
final class PurgedEvents {

    /** JetStream's "no message found", answered by a get of a sequence the stream does not hold. */
    private static final int NO_MESSAGE_FOUND = 10037;

    private final JetStreamManagement jsm;
    private final String stream;

    PurgedEvents(JetStreamManagement jsm, String stream) {
        this.jsm = jsm;
        this.stream = stream;
    }

    /**
     * Deletes the events {@link WriteResult#purgedEventSequences()} names; one already gone is fine.
     *
     * @throws IllegalStateException when JetStream refuses a deletion of an event it still holds
     * @throws UncheckedIOException when NATS cannot be reached (the batch is then retried)
     */
    void delete(Set<Long> sequences) {
        for (long sequence : sequences) {
            try {
                jsm.deleteMessage(stream, sequence);
            } catch (JetStreamApiException e) {
                // NATS 2.9 answers a sequence already deleted (or never written) with the generic "delete failed"
                // (10057) and the store's reason in the text: ask whether the event is still there instead.
                if (stillHeld(sequence)) {
                    throw new IllegalStateException("JetStream refused to delete the event of a purged message, "
                            + "stream sequence " + sequence, e);
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
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return false;
            }
            throw new IllegalStateException("cannot tell whether stream sequence " + sequence + " is deleted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
