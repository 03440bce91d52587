package dev.herald.message.limits;

/**
 * One caller's bucket for one kind of call. Refilled lazily from the time of each call, so an idle bucket costs
 * nothing; the time comes from the caller (a {@link com.google.common.base.Ticker} reading), so tests need no
 * sleeps. Counted in whole units (a token is 10^9 units, and every nanosecond adds {@code perSecond} units), so
 * the rate is exact: with doubles, 0.1-token steps summed to 0.999… and 100 per second sustained only 91.
 * Thread-safe.
 */
final class TokenBucket {

    private static final long UNITS_PER_TOKEN = 1_000_000_000L;

    private final long unitsPerNano;
    private final long capacity;
    private final long fillNanos;
    private long units; // guarded by this
    private long refilledAt; // guarded by this

    /** A full bucket at {@code now} (nanoseconds). */
    TokenBucket(Rate rate, long now) {
        this.unitsPerNano = rate.perSecond();
        this.capacity = rate.burst() * UNITS_PER_TOKEN;
        this.fillNanos = rate.refillTime().toNanos(); // caps the elapsed time, so units never overflow
        this.units = capacity;
        this.refilledAt = now;
    }

    /**
     * Takes a token at {@code now}: 0 when one was taken, else the nanoseconds until one will be there (the
     * call is refused and takes nothing).
     */
    synchronized long tryTake(long now) {
        if (now > refilledAt) {
            units = Math.min(capacity, units + Math.min(now - refilledAt, fillNanos) * unitsPerNano);
            refilledAt = now;
        }
        if (units >= UNITS_PER_TOKEN) {
            units -= UNITS_PER_TOKEN;
            return 0;
        }
        return Math.ceilDiv(UNITS_PER_TOKEN - units, unitsPerNano);
    }
}
