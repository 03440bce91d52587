package dev.herald.logging;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A warning that may fire once per request while a dependency is down (NATS, PostgreSQL): the first occurrence is
 * logged as it comes, later ones are counted and logged at most once per interval, with the number left out since
 * the last line as {@code suppressed}. Thread-safe; cheap when suppressed (no event is built).
 */
public final class RepeatingWarning {

    /** How often a repeating warning is logged at most, in every service: what {@code docs/operations.md} says. */
    public static final Duration INTERVAL = Duration.ofSeconds(30);

    private final Logger logger;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private boolean loggedBefore;
    private long lastLoggedAt;
    private long suppressed;

    /** Logs through {@code logger} at most once per {@link #INTERVAL}. */
    public RepeatingWarning(Logger logger) {
        this(logger, INTERVAL, System::nanoTime);
    }

    RepeatingWarning(Logger logger, Duration interval, LongSupplier nanoTime) {
        this.logger = requireNonNull(logger, "logger");
        this.intervalNanos = requireNonNull(interval, "interval").toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Logs the warning {@code event} builds (its message, key-values and cause) unless one was logged less than an
     * interval ago; then it only counts it.
     */
    public void warn(Consumer<LoggingEventBuilder> event) {
        final long left;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (loggedBefore && now - lastLoggedAt < intervalNanos) {
                suppressed++;
                return;
            }
            loggedBefore = true;
            lastLoggedAt = now;
            left = suppressed;
            suppressed = 0;
        }
        LoggingEventBuilder builder = logger.atWarn();
        if (left > 0) {
            builder = builder.addKeyValue("suppressed", left);
        }
        event.accept(builder);
    }
}
