package dev.herald.worker.retention;

import static dev.herald.schema.generated.Tables.MESSAGES;
import static org.jooq.impl.DSL.min;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.PurgeOptions;
import java.io.IOException;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Takes the events of expired messages (their bodies) out of the stream with one purge of the message subject below a
 * sequence, rather than one delete per message. The sequence is the lowest of: one past the highest expired message's
 * event, one past the worker consumer's ack floor (an event not stored yet is never purged), the event of the oldest
 * messages still kept ({@value #KEPT_SAMPLE} by id: ids come from clocks, so a kept message's event may sit a little
 * below an expired one's), and the subject's last event (the message-service's watermark reads it).
 * Update and user events stay until the stream's own age limit (7 days): they hold ids and times, not bodies.
 */
final class ExpiredEvents {

    /** JetStream's "no message found", answered for a subject without events. */
    private static final int NO_MESSAGE_FOUND = 10037;
    private static final int KEPT_SAMPLE = 10_000;

    private final JetStreamManagement jsm;
    private final String stream;
    private final String messageSubject;
    private final String durable;

    ExpiredEvents(JetStreamManagement jsm, String stream, String messageSubject, String durable) {
        this.jsm = jsm;
        this.stream = stream;
        this.messageSubject = messageSubject;
        this.durable = durable;
    }

    /**
     * Purges the message events below the sequence described above, given the highest expired one.
     *
     * @return how many events the stream purged
     */
    long purge(DSLContext dsl, long highestExpired) throws IOException, JetStreamApiException {
        long below = Math.min(highestExpired + 1, jsm.getConsumerInfo(stream, durable).getAckFloor().getStreamSequence() + 1);
        below = Math.min(below, lastEvent());
        Optional<Long> oldestKept = oldestKept(dsl);
        if (oldestKept.isPresent()) {
            below = Math.min(below, oldestKept.get());
        }
        if (below <= 1) {
            return 0;
        }
        return jsm.purgeStream(stream, PurgeOptions.builder().subject(messageSubject).sequence(below).build())
                .getPurged();
    }

    private long lastEvent() throws IOException, JetStreamApiException {
        try {
            return jsm.getLastMessage(stream, messageSubject).getSeq();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return 0;
            }
            throw e;
        }
    }

    private static Optional<Long> oldestKept(DSLContext dsl) {
        var oldest = dsl.select(MESSAGES.STREAM_SEQUENCE).from(MESSAGES).orderBy(MESSAGES.ID).limit(KEPT_SAMPLE)
                .asTable("oldest");
        return Optional.ofNullable(dsl.select(min(oldest.field(MESSAGES.STREAM_SEQUENCE))).from(oldest).fetchOne())
                .map(r -> r.value1());
    }
}
