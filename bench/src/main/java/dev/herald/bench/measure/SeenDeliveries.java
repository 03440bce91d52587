package dev.herald.bench.measure;

/**
 * Which (message, receiver) pairs arrived, to tell a duplicate delivery from a new one. Striped so that the
 * socket threads seldom wait on each other; about 16 bytes per delivery.
 */
final class SeenDeliveries {

    /** Receivers per process are below 2^21 (the worker checks), so a key is {@code message << 21 | receiver}. */
    static final int RECEIVER_BITS = 21;
    private static final int STRIPES = 64;

    private final LongSet[] stripes = new LongSet[STRIPES];

    SeenDeliveries() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new LongSet();
        }
    }

    /** True the first time this receiver sees this message. */
    boolean firstTime(int message, int receiver) {
        final long key = ((long) message << RECEIVER_BITS) | receiver;
        final LongSet stripe = stripes[(int) (LongSet.mix(key) >>> 58)];
        synchronized (stripe) {
            return stripe.add(key);
        }
    }
}
