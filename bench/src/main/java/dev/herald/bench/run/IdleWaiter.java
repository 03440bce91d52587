package dev.herald.bench.run;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.measure.ProcSample;
import dev.herald.bench.measure.ProcessSampler;
import dev.herald.bench.measure.Ticker;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the server processes use less than 10% of a core for a second (after a previous run's disconnects
 * or a presence broadcast storm), as the seed stack's generator does. Returns at once without server PIDs.
 */
final class IdleWaiter {

    private static final Logger logger = LoggerFactory.getLogger(IdleWaiter.class);
    private static final double IDLE_PCT = 10;

    private final ProcessSampler sampler;
    private final Ticker ticker;
    private final boolean enabled;

    IdleWaiter(ProcessSampler sampler, Ticker ticker, boolean enabled) {
        this.sampler = requireNonNull(sampler, "sampler");
        this.ticker = requireNonNull(ticker, "ticker");
        this.enabled = enabled;
    }

    void await(Duration max) throws InterruptedException {
        if (!enabled || !sampler.enabled()) {
            return;
        }
        final long start = ticker.nanos();
        @Nullable ProcSample previous = sampler.sample();
        while (ticker.nanos() - start < max.toNanos()) {
            if (previous == null) {
                return; // no server process left to wait for
            }
            Thread.sleep(1000);
            final ProcSample current = sampler.sample();
            final Double cpu = ProcSample.cpuPct(previous, current);
            if (cpu != null && cpu < IDLE_PCT) {
                return;
            }
            previous = current;
        }
        logger.warn("the server did not go idle within {} s", max.toSeconds());
    }
}
