package dev.herald.worker.consume;

import static java.util.Objects.requireNonNull;

import dev.herald.logging.RepeatingWarning;
import dev.herald.worker.config.WorkerConfig;
import dev.herald.worker.store.BatchWriter;
import dev.herald.worker.store.DeadLetterWriter;
import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker loop on the shared durable pull consumer: gather up to batch-size messages, waiting
 * at most batch-max-wait after the first one, and hand them to the {@link BatchHandler}. The
 * client keeps a few batches pulled ahead (re-pulling when a quarter is left), so the next batch
 * is there when a write ends rather than one pull round trip later.
 *
 * <p>{@link #stop()} ends it gracefully: no new pulls, the current batch is finished, committed
 * and acked, the messages already pulled are stored too, then the subscription is closed.
 * Anything left unacked is redelivered to another worker after the ack wait.
 */
public final class BatchConsumer implements Runnable {

    private static final Logger logger = LoggerFactory.getLogger(BatchConsumer.class);

    /** How long an idle loop waits for a first message before checking for stop. */
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * {@code max_ack_pending} in batches: unacked messages of all workers sharing the consumer. Each worker holds its
     * pulled-ahead batches plus the one it writes (4 at the default), so 20 leave room for four workers.
     */
    private static final int MAX_ACK_PENDING_BATCHES = 20;
    /**
     * How long each pull request lives. The client expects a heartbeat every half of it and re-pulls after a few
     * missed ones: at the library's default (30 s) a worker whose pull died with a NATS restart stayed idle for
     * about 70 s (docs/reliability.md, row c); an idle re-pull every 5 s costs nothing.
     */
    private static final Duration PULL_EXPIRY = Duration.ofSeconds(5);

    private final IterableConsumer consumer;
    private final BatchHandler handler;
    private final ScheduledExecutorService keepAlive;
    private final int batchSize;
    private final Duration batchMaxWait;
    private final Duration drainTimeout;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** A deleted or changed consumer ends every pull (each {@link #POLL}) until it is back. */
    private final RepeatingWarning pullFailed = new RepeatingWarning(logger);
    /** When the loop last began an iteration ({@link System#nanoTime()}): readiness tells a stuck loop by it. */
    private volatile long iteratedAt = System.nanoTime();

    private BatchConsumer(IterableConsumer consumer, BatchWriter writer, DeadLetterWriter deadLetters,
            PurgedEvents purgedEvents, WorkerConfig config, ConsumerStats stats, WorkerMeters meters) {
        this.consumer = consumer;
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "persistence-worker-keepalive");
            thread.setDaemon(true);
            return thread;
        });
        this.handler = new BatchHandler(writer, deadLetters, purgedEvents, Backoff.upTo(config.maxBackoff()),
                config.ackWait(), keepAlive, stats, meters);
        this.batchSize = config.batchSize();
        this.batchMaxWait = config.batchMaxWait();
        this.drainTimeout = config.ackWait();
    }

    /**
     * Creates the durable consumer, or updates it to this configuration (every worker sharing it
     * applies the same), and subscribes to it.
     */
    public static BatchConsumer subscribe(Connection nats, WorkerConfig config, BatchWriter writer,
            DeadLetterWriter deadLetters, ConsumerStats stats, WorkerMeters meters)
            throws IOException, JetStreamApiException {
        requireNonNull(nats, "nats");
        IterableConsumer consumer = nats.getStreamContext(config.events().stream())
                .createOrUpdateConsumer(consumerConfiguration(config))
                .iterate(ConsumeOptions.builder().batchSize(config.batchSize() * config.pullAheadBatches())
                        .expiresIn(PULL_EXPIRY.toMillis()).build());
        PurgedEvents purgedEvents = new PurgedEvents(nats.jetStreamManagement(), config.events().stream());
        return new BatchConsumer(consumer, requireNonNull(writer, "writer"), requireNonNull(deadLetters, "deadLetters"),
                purgedEvents, config, requireNonNull(stats, "stats"), requireNonNull(meters, "meters"));
    }

    /**
     * Explicit acks, so workers sharing the consumer ack only their own messages; every event from
     * the start of the stream; redelivered without limit (a database outage must not drop
     * anything); room for several batches per worker in flight.
     */
    static ConsumerConfiguration consumerConfiguration(WorkerConfig config) {
        return ConsumerConfiguration.builder()
                .durable(config.events().workerDurable())
                .filterSubject(config.events().subjects())
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All)
                .maxDeliver(-1)
                .ackWait(config.ackWait())
                .maxAckPending((long) config.batchSize() * MAX_ACK_PENDING_BATCHES)
                .build();
    }

    @Override
    public void run() {
        try {
            while (stopRequested.getCount() > 0) {
                iteratedAt = System.nanoTime();
                try {
                    pause(handler.handle(nextBatch()));
                } catch (RuntimeException e) {
                    // A bug or a closed connection: unacked messages are redelivered after the ack
                    // wait, so the loop logs it and goes on rather than dying silently.
                    logger.atError().addKeyValue("consumer", consumer.getConsumerName()).setCause(e)
                            .log("unexpected failure in the batch loop");
                    pause(POLL);
                }
            }
            drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            keepAlive.shutdownNow();
            close();
        }
    }

    /**
     * Whether the loop consumes: not stopped, its pull subscription open, and an iteration begun within
     * {@code maxIdle} (one waits at most 200 ms for a message, then writes, or pauses up to the backoff cap).
     */
    public boolean consuming(Duration maxIdle) {
        return stopRequested.getCount() > 0 && !consumer.isStopped() && !consumer.isFinished()
                && System.nanoTime() - iteratedAt < maxIdle.toNanos();
    }

    /** How long ago the loop last began an iteration. */
    public Duration sinceLastIteration() {
        return Duration.ofNanos(System.nanoTime() - iteratedAt);
    }

    /** Stops pulling; {@link #run()} finishes the current batch, stores what was pulled and returns. */
    public void stop() {
        stopRequested.countDown();
        consumer.stop();
    }

    /** After {@link #stop()}: what the open pull request still delivers is stored as well. */
    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (!consumer.isFinished() && System.nanoTime() < deadline) {
            List<Message> batch = nextBatch();
            if (batch.isEmpty()) {
                return;
            }
            handler.handle(batch);
        }
    }

    private List<Message> nextBatch() throws InterruptedException {
        Message first = next(POLL);
        if (first == null) {
            return List.of();
        }
        List<Message> batch = new ArrayList<>(Math.min(batchSize, 1024));
        batch.add(first);
        long deadline = System.nanoTime() + batchMaxWait.toNanos();
        while (batch.size() < batchSize) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Message message = next(Duration.ofNanos(left));
            if (message == null) {
                break;
            }
            batch.add(message);
        }
        return batch;
    }

    private @Nullable Message next(Duration timeout) throws InterruptedException {
        try {
            return consumer.nextMessage(timeout);
        } catch (JetStreamStatusCheckedException e) {
            // The server ended a pull with an error status (e.g. the consumer was deleted or
            // changed); the client pulls again by itself. Slow down rather than spin on it.
            pullFailed.warn(w -> w.addKeyValue("consumer", consumer.getConsumerName())
                    .addKeyValue("status", e.getMessage())
                    .log("a pull ended with an error status"));
            pause(POLL);
            return null;
        }
    }

    /** Waits, unless stop is requested meanwhile. */
    private void pause(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            stopRequested.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void close() {
        try {
            consumer.close();
        } catch (Exception e) {
            // Closing unsubscribes; it fails only if the connection is already gone, and then
            // there is nothing left to release.
            logger.debug("closing the consumer failed", e);
        }
    }
}
