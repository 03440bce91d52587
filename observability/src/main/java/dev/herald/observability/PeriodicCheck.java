package dev.herald.observability;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A readiness check that asks a remote dependency (a {@code select 1}, a stream lookup) on its own thread every
 * {@code every}, so that a probe and a scrape never wait for it: {@link #check()} answers the latest outcome. An
 * outcome older than {@code staleAfter} is not ready (the probe hangs: whatever it asks is as good as gone).
 */
public final class PeriodicCheck implements ReadinessCheck, AutoCloseable {

    private record Outcome(Status status, long atNanos) {}

    private final Supplier<Status> probe;
    private final Duration staleAfter;
    private final ScheduledExecutorService thread;
    private volatile Outcome latest;

    private PeriodicCheck(String name, Supplier<Status> probe, Duration staleAfter) {
        this.probe = probe;
        this.staleAfter = staleAfter;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("readiness-" + name).daemon().factory());
        this.latest = new Outcome(Status.notReady("not checked yet"), System.nanoTime());
    }

    /**
     * Probes once at once (so a service is ready as soon as it starts when its dependencies are), then every
     * {@code every} after the previous probe ended.
     *
     * @param probe answers the dependency's status; a {@link RuntimeException} counts as not ready
     */
    public static PeriodicCheck start(String name, Duration every, Duration staleAfter, Supplier<Status> probe) {
        requireNonNull(name, "name");
        requireNonNull(probe, "probe");
        if (every.isNegative() || every.isZero() || staleAfter.compareTo(every) <= 0) {
            throw new IllegalArgumentException("every: " + every + ", staleAfter: " + staleAfter
                    + " (expected: 0 < every < staleAfter)");
        }
        PeriodicCheck check = new PeriodicCheck(name, probe, staleAfter);
        check.probeOnce();
        check.thread.scheduleWithFixedDelay(check::probeOnce, every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        return check;
    }

    @Override
    public Status check() {
        Outcome outcome = latest;
        long ageNanos = System.nanoTime() - outcome.atNanos();
        if (ageNanos > staleAfter.toNanos()) {
            return Status.notReady("no answer for " + TimeUnit.NANOSECONDS.toSeconds(ageNanos) + " s (last: "
                    + outcome.status().detail() + ")");
        }
        return outcome.status();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private void probeOnce() {
        Status status;
        try {
            status = requireNonNull(probe.get(), "probe answered null");
        } catch (RuntimeException e) {
            status = Status.notReady(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        latest = new Outcome(status, System.nanoTime());
    }
}
