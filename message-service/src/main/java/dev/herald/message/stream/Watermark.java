package dev.herald.message.stream;

import dev.herald.message.error.HeraldException;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import java.io.IOException;
import java.time.Duration;

/**
 * How far the persistence-worker has stored the stream: the durable consumer's ack floor. Every
 * stream sequence at or below it is committed to PostgreSQL, because the worker acks only after
 * commit. A read that must see every earlier write waits until the floor passes the stream's
 * last sequence at the time of the request.
 */
public final class Watermark {

    private static final long POLL_MILLIS = 5;

    private final JetStreamManagement jsm;
    private final String streamName;
    private final String durable;

    public Watermark(JetStreamManagement jsm, String streamName, String durable) {
        this.jsm = jsm;
        this.streamName = streamName;
        this.durable = durable;
    }

    /** The sequence of the newest write in the stream. */
    public long lastWritten() {
        try {
            return jsm.getStreamInfo(streamName).getStreamState().getLastSequence();
        } catch (IOException | JetStreamApiException e) {
            throw new HeraldException.Unavailable("message store unavailable, retry", e);
        }
    }

    /** The newest sequence below which everything is stored; 0 while no worker has started. */
    public long stored() {
        try {
            return jsm.getConsumerInfo(streamName, durable).getAckFloor().getStreamSequence();
        } catch (JetStreamApiException e) {
            return 0; // No consumer yet: nothing is known to be stored.
        } catch (IOException e) {
            throw new HeraldException.Unavailable("message store unavailable, retry", e);
        }
    }

    /**
     * Waits until every write up to {@code sequence} is stored, at most {@code timeout}.
     *
     * @return whether the watermark reached the sequence in time
     */
    public boolean awaitStored(long sequence, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stored() < sequence) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
