package dev.herald.worker.retention;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a {@link RetentionRun} a minute after start, then every interval, on a thread of its own. */
public final class RetentionSchedule implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(RetentionSchedule.class);
    private static final Duration FIRST_RUN = Duration.ofMinutes(1);

    private final RetentionRun run;
    private final Duration interval;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "herald-retention");
        thread.setDaemon(true);
        return thread;
    });

    public RetentionSchedule(RetentionRun run, Duration interval) {
        this.run = requireNonNull(run, "run");
        this.interval = requireNonNull(interval, "interval");
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::runOnce, FIRST_RUN.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            run.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // PostgreSQL or NATS away: what was deleted stays deleted, and the next run goes on from there.
            logger.atWarn().setCause(e).log("a retention run failed; the next one goes on where it stopped");
        }
    }

    /** Interrupts a run in its pause (the transaction in flight ends first) and stops. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
