package dev.herald.worker.ops;

import static java.util.Objects.requireNonNull;

import dev.herald.logging.RepeatingWarning;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable consumer's lag, asked of JetStream every {@code every} on a thread of its own (never on a scrape):
 * {@code herald_worker_consumer_pending} (stream records not yet delivered to any worker) and
 * {@code herald_worker_consumer_ack_pending} (delivered, not yet acked). Both are NaN while JetStream cannot be
 * asked, rather than a stale figure that looks healthy. Every worker on the consumer reports the same figures.
 */
public final class ConsumerLag implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(ConsumerLag.class);

    private final JetStreamManagement jsm;
    private final String stream;
    private final String durable;
    private final ScheduledExecutorService thread;
    private final RepeatingWarning failed = new RepeatingWarning(logger);
    private volatile double pending = Double.NaN;
    private volatile double ackPending = Double.NaN;

    private ConsumerLag(JetStreamManagement jsm, String stream, String durable) {
        this.jsm = jsm;
        this.stream = stream;
        this.durable = durable;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("consumer-lag").daemon().factory());
    }

    /** Registers the gauges and reads the consumer now and every {@code every}. */
    public static ConsumerLag start(JetStreamManagement jsm, String stream, String durable, Duration every,
            MeterRegistry registry) {
        ConsumerLag lag = new ConsumerLag(requireNonNull(jsm, "jsm"), requireNonNull(stream, "stream"),
                requireNonNull(durable, "durable"));
        Gauge.builder("herald_worker_consumer_pending", lag, l -> l.pending)
                .description("Stream records the durable consumer has not delivered yet (the workers' backlog)")
                .register(registry);
        Gauge.builder("herald_worker_consumer_ack_pending", lag, l -> l.ackPending)
                .description("Records delivered to the workers and not acked yet")
                .register(registry);
        lag.thread.scheduleWithFixedDelay(lag::read, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return lag;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private void read() {
        try {
            ConsumerInfo info = jsm.getConsumerInfo(stream, durable);
            pending = info.getNumPending();
            ackPending = info.getNumAckPending();
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            // NATS away or the consumer deleted: no figure rather than an old one.
            pending = Double.NaN;
            ackPending = Double.NaN;
            failed.warn(w -> w.addKeyValue("stream", stream).addKeyValue("consumer", durable).setCause(e)
                    .log("cannot read the consumer's lag"));
        }
    }
}
