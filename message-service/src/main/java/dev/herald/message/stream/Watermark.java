package dev.herald.message.stream;

import dev.herald.logging.RepeatingWarning;
import dev.herald.message.error.HeraldException;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the persistence-worker has stored the stream: the durable consumer's ack floor. Every
 * stream sequence at or below it is committed to PostgreSQL, because the worker acks only after
 * commit. A read that must see every earlier write calls {@link #awaitEarlierWrites}: it takes
 * the stream's last sequence sampled after the call began and waits until the ack floor passes
 * it. One sampler serves every waiter, so the cost does not grow with the request rate.
 *
 * <p>A watermark can watch only some subjects: reads of messages and receipts need not wait for the
 * directory writes every {@code online} makes, so during a connect storm they find their target
 * already stored instead of chasing a stream that grows with each new socket.
 */
public final class Watermark {

    private static final Logger logger = LoggerFactory.getLogger(Watermark.class);
    /** JetStream's "no message found" error (nothing was written on the subject yet). */
    private static final int NO_MESSAGE_FOUND = 10037;
    /** JetStream's "consumer not found": the persistence-worker has not created its durable yet. */
    static final int CONSUMER_NOT_FOUND = 10014;
    /** JetStream's "stream not found": nobody has created the stream yet, so no worker consumes it either. */
    static final int STREAM_NOT_FOUND = 10059;
    private static final long POLL_NANOS = Duration.ofMillis(3).toNanos();

    private final JetStreamManagement jsm;
    private final String streamName;
    private final String durable;
    private final List<String> subjects;
    private final StoredWaitMeters meters;
    /** While NATS is down the sampler fails every few milliseconds: one line, then a count every 30 s. */
    private final RepeatingWarning samplingFailed = new RepeatingWarning(logger);
    private final Object lock = new Object();
    private Sample latest = new Sample(0, 0, 0, 0);
    private boolean sampling;
    private int waiters;

    /** One reading: when it started (nanoTime), the stream's last sequence and the ack floor. */
    private record Sample(long startedAt, long lastWritten, long stored, long generation) {}

    /** Watches every write in the stream. */
    public Watermark(JetStreamManagement jsm, String streamName, String durable, StoredWaitMeters meters) {
        this(jsm, streamName, durable, List.of(), meters);
    }

    /** Watches only the writes on {@code subjects} (none: every write). */
    public Watermark(JetStreamManagement jsm, String streamName, String durable, List<String> subjects,
            StoredWaitMeters meters) {
        this.jsm = jsm;
        this.meters = meters;
        this.streamName = streamName;
        this.durable = durable;
        this.subjects = List.copyOf(subjects);
    }

    /**
     * What a wait found: whether every earlier write is stored, and the ack floor last read (every stream sequence
     * at or below {@code storedFloor} is in PostgreSQL).
     */
    public record Progress(boolean caughtUp, long storedFloor) {}

    /**
     * Waits, at most {@code timeout}, until every write accepted before this call is stored.
     *
     * @return whether it was reached in time (false: the worker is behind or not running)
     */
    public boolean awaitEarlierWrites(Duration timeout) {
        // Not through awaitProgress: a caller that needs no floor must not ask NATS once more when it is away.
        return await(timeout);
    }

    /**
     * Waits like {@link #awaitEarlierWrites}, then tells the ack floor it last read, without asking NATS again; when
     * nothing was ever read (NATS unreachable since startup) it asks once, which fails as {@link #stored()} does.
     */
    public Progress awaitProgress(Duration timeout) {
        boolean caughtUp = await(timeout);
        Sample sample;
        synchronized (lock) {
            sample = latest;
        }
        return new Progress(caughtUp, sample.generation() > 0 ? sample.stored() : stored());
    }

    private boolean await(Duration timeout) {
        long calledAt = System.nanoTime();
        boolean caughtUp = awaitFrom(calledAt, timeout);
        meters.record(calledAt, caughtUp);
        return caughtUp;
    }

    private boolean awaitFrom(long calledAt, Duration timeout) {
        long deadline = calledAt + timeout.toNanos();
        long target = -1;
        synchronized (lock) {
            waiters++;
            try {
                while (true) {
                    Sample sample = latest;
                    // Only a sample taken after this call began knows every earlier write.
                    if (target < 0 && sample.generation() > 0 && sample.startedAt() - calledAt >= 0) {
                        target = sample.lastWritten();
                    }
                    if (target >= 0 && sample.stored() >= target) {
                        return true;
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return false;
                    }
                    if (!sampling) {
                        sampling = true;
                        Thread.ofPlatform().daemon().name("watermark-sampler").start(this::sampleWhileWaited);
                    }
                    lock.wait(Math.max(1, remaining / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                waiters--;
            }
        }
    }

    /** Samples every few milliseconds while anyone waits, then stops until the next wait. */
    private void sampleWhileWaited() {
        long generation = latest.generation();
        while (true) {
            long startedAt = System.nanoTime();
            Sample sample = null;
            try {
                sample = new Sample(startedAt, lastWritten(), stored(), ++generation);
            } catch (RuntimeException e) {
                samplingFailed.warn(warning -> warning.addKeyValue("stream", streamName)
                        .addKeyValue("durable", durable).setCause(e)
                        .log("cannot read the persistence watermark"));
            }
            synchronized (lock) {
                if (sample != null) {
                    latest = sample;
                }
                lock.notifyAll();
                if (waiters == 0) {
                    sampling = false;
                    return;
                }
            }
            long pause = POLL_NANOS - (System.nanoTime() - startedAt);
            if (pause > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(pause));
                } catch (InterruptedException e) {
                    synchronized (lock) {
                        sampling = false;
                    }
                    return;
                }
            }
        }
    }

    /** The sequence of the newest write this watermark watches (0: none yet). */
    public long lastWritten() {
        try {
            if (subjects.isEmpty()) {
                return jsm.getStreamInfo(streamName).getStreamState().getLastSequence();
            }
            long newest = 0;
            for (String subject : subjects) {
                newest = Math.max(newest, lastOn(subject));
            }
            return newest;
        } catch (IOException | JetStreamApiException e) {
            throw unavailable(e);
        }
    }

    private long lastOn(String subject) throws IOException, JetStreamApiException {
        try {
            return jsm.getLastMessage(streamName, subject).getSeq();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return 0;
            }
            throw e;
        }
    }

    /**
     * The newest sequence below which everything is stored; 0 while no worker has started.
     *
     * @throws HeraldException.Unavailable when NATS cannot be reached or refuses the request for any other reason
     *     than a missing consumer or stream
     */
    public long stored() {
        try {
            return jsm.getConsumerInfo(streamName, durable).getAckFloor().getStreamSequence();
        } catch (JetStreamApiException e) {
            if (isNoConsumerYet(e)) {
                return 0; // Nothing is known to be stored.
            }
            throw unavailable(e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** Only a missing durable (or stream) means "no worker yet"; anything else is an error to report. */
    private static boolean isNoConsumerYet(JetStreamApiException e) {
        return e.getApiErrorCode() == CONSUMER_NOT_FOUND || e.getApiErrorCode() == STREAM_NOT_FOUND;
    }

    private static HeraldException unavailable(Exception cause) {
        return new HeraldException.Unavailable("message store unavailable, retry", cause);
    }

    @Override
    public String toString() {
        return "Watermark{stream=" + streamName + ", durable=" + durable
                + (subjects.isEmpty() ? "" : ", subjects=" + subjects) + "}";
    }
}
