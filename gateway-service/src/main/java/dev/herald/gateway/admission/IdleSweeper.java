package dev.herald.gateway.admission;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One periodic pass over every connection of the gateway, instead of a timer per socket (19,000 of them): a
 * WebSocket quiet for {@code HERALD_PING_INTERVAL_SECONDS} is pinged (again every interval while it stays quiet), one
 * quiet for {@code HERALD_IDLE_TIMEOUT_SECONDS} is closed (1001 "idle timeout"), and a connection that has not
 * upgraded to a WebSocket within the authentication timeout is dropped. Anything the peer sends counts, a pong as
 * much as a frame or part of one, so a client whose network vanished is freed within the idle timeout, signed in or
 * not.
 */
public final class IdleSweeper {

    /** A connection as the sweeper sees it; its methods must not block. */
    public interface Watched {

        /** When it was accepted ({@link System#nanoTime} scale). */
        long acceptedAtNanos();

        /** When its peer last sent anything. */
        long lastReadNanos();

        /** When it was last pinged; {@link Long#MIN_VALUE} if never. */
        long lastPingNanos();

        /** Whether it is a WebSocket already (upgrade done). */
        boolean upgraded();

        /** Sends a ping and records {@code now} as its {@link #lastPingNanos()}. */
        void ping(long now);

        /** Closes a WebSocket whose peer stayed quiet for the idle timeout. */
        void closeIdle();

        /** Drops a connection that did not upgrade in time. */
        void closeNotUpgraded();
    }

    private final Duration pingInterval;
    private final Duration idleTimeout;
    private final Duration upgradeTimeout;
    private final LongSupplier nanoTime;

    public IdleSweeper(Duration pingInterval, Duration idleTimeout, Duration upgradeTimeout, LongSupplier nanoTime) {
        this.pingInterval = positive(pingInterval, "pingInterval");
        this.idleTimeout = positive(idleTimeout, "idleTimeout");
        this.upgradeTimeout = positive(upgradeTimeout, "upgradeTimeout");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        if (idleTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > pingInterval "
                    + pingInterval + ")");
        }
    }

    /**
     * Sweeps {@code connections} (read afresh each time) every {@link #tick()} on {@code timers}; cancel the
     * returned future to stop.
     */
    public ScheduledFuture<?> start(Supplier<? extends Iterable<? extends Watched>> connections,
            ScheduledExecutorService timers) {
        long tick = tick().toNanos();
        return timers.scheduleWithFixedDelay(() -> sweep(connections.get()), tick, tick, TimeUnit.NANOSECONDS);
    }

    /** How often a sweep runs: a quarter of the shortest period, so each is kept within 25%, at least 100 ms. */
    public Duration tick() {
        Duration shortest = pingInterval;
        if (idleTimeout.minus(pingInterval).compareTo(shortest) < 0) {
            shortest = idleTimeout.minus(pingInterval);
        }
        if (upgradeTimeout.compareTo(shortest) < 0) {
            shortest = upgradeTimeout;
        }
        Duration quarter = shortest.dividedBy(4);
        return quarter.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : quarter;
    }

    /** One pass. */
    public void sweep(Iterable<? extends Watched> connections) {
        long now = nanoTime.getAsLong();
        for (Watched connection : connections) {
            if (!connection.upgraded()) {
                if (now - connection.acceptedAtNanos() >= upgradeTimeout.toNanos()) {
                    connection.closeNotUpgraded();
                }
                continue;
            }
            long quiet = now - connection.lastReadNanos();
            if (quiet >= idleTimeout.toNanos()) {
                connection.closeIdle();
            } else if (quiet >= pingInterval.toNanos()
                    && (connection.lastPingNanos() == Long.MIN_VALUE
                        || now - connection.lastPingNanos() >= pingInterval.toNanos())) {
                connection.ping(now);
            }
        }
    }

    private static Duration positive(Duration value, String name) {
        requireNonNull(value, name);
        if (!value.isPositive()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }
}
