package dev.herald.message.limits;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import dev.herald.message.error.HeraldException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admits a caller's call, or refuses it, by the caller's limits: its token bucket for the kind of call and its
 * calls in flight. One instance per service, shared by every way a call arrives (a unary call through
 * {@link CallerLimitInterceptor}, a send over a gateway link), so a user gets the same limits either way.
 */
public final class CallerAdmission {

    private final Map<CallKind, UserBuckets> buckets = new EnumMap<>(CallKind.class);
    private final CallerConcurrency concurrency;
    /** {@code herald_rate_limit_refusals_total} by {@code limit}: {@code send}, {@code read} or {@code concurrency}. */
    private final Map<CallKind, Counter> bucketRefusals = new EnumMap<>(CallKind.class);
    private final Counter concurrencyRefusals;

    public CallerAdmission(CallerLimits limits, Ticker ticker, MeterRegistry registry) {
        this(limits, CallerLimitInterceptor.MAX_CALLERS, ticker, registry);
    }

    CallerAdmission(CallerLimits limits, int maxCallers, Ticker ticker, MeterRegistry registry) {
        requireNonNull(limits, "limits");
        for (CallKind kind : CallKind.values()) {
            buckets.put(kind, new UserBuckets(limits.rate(kind), maxCallers, ticker));
            bucketRefusals.put(kind, refusals(registry, kind.name().toLowerCase(Locale.ROOT)));
        }
        this.concurrencyRefusals = refusals(registry, "concurrency");
        this.concurrency = new CallerConcurrency(limits.maxConcurrent());
    }

    /**
     * Takes a slot of the caller's calls in flight and a token of its bucket for {@code kind}.
     *
     * @return gives the slot back; runs once however often it is called
     * @throws HeraldException.ResourceExhausted when a limit refuses the call (with the wait when the bucket was
     *         empty); the refused call takes nothing
     */
    public Runnable admit(String callerId, CallKind kind) {
        if (!concurrency.tryAcquire(callerId)) {
            concurrencyRefusals.increment();
            throw new HeraldException.ResourceExhausted(
                    "too many calls in flight for this caller: at most " + concurrency.maxPerCaller(), null);
        }
        long waitNanos = buckets.get(kind).tryTake(callerId);
        if (waitNanos > 0) {
            concurrency.release(callerId);
            bucketRefusals.get(kind).increment();
            Duration wait = Duration.ofNanos(waitNanos);
            throw new HeraldException.ResourceExhausted(
                    "too many " + kind.plural() + " for this user: retry after " + roundUpToMillis(wait) + " ms",
                    wait);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                concurrency.release(callerId);
            }
        };
    }

    private static Counter refusals(MeterRegistry registry, String limit) {
        return Counter.builder("herald_rate_limit_refusals")
                .description("Calls refused with RESOURCE_EXHAUSTED by a caller's limits, per limit")
                .tag("limit", limit)
                .register(registry);
    }

    static long roundUpToMillis(Duration wait) {
        return Math.ceilDiv(wait.toNanos(), 1_000_000L);
    }
}
