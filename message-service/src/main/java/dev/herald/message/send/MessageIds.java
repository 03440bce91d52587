package dev.herald.message.send;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds, a 12-bit sequence, then 62 random
 * bits. Ordering ids orders messages by time, which keyset pagination and sync rely on; within
 * one instance ids are strictly increasing (RFC 9562 method 1: a counter in rand_a), so messages
 * accepted in the same millisecond keep their order.
 */
public final class MessageIds {

    private static final long SEQUENCE_MASK = 0x0FFFL;
    private static final long VERSION = 0x7000L;

    /** The high 64 bits of the last id made: millis << 16 | version | sequence. */
    private final AtomicLong last = new AtomicLong();

    public UUID next(Instant at) {
        long low = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(nextHigh(at.toEpochMilli()), low);
    }

    private long nextHigh(long millis) {
        while (true) {
            long previous = last.get();
            // A fresh millisecond starts its sequence low and random, leaving room to count up.
            long candidate = (millis << 16) | VERSION | (ThreadLocalRandom.current().nextLong() & 0x01FFL);
            if (candidate <= previous) {
                candidate = (previous & SEQUENCE_MASK) == SEQUENCE_MASK
                        ? (((previous >>> 16) + 1) << 16) | VERSION // sequence exhausted: borrow the next ms
                        : previous + 1;
            }
            if (last.compareAndSet(previous, candidate)) {
                return candidate;
            }
        }
    }
}
