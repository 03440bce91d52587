package dev.herald.worker.testing;

import java.security.SecureRandom;
import java.util.UUID;

/** Time-ordered UUIDv7 ids, as the message-service gives messages. */
public final class Uuids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Uuids() {}

    public static UUID v7() {
        return v7(java.time.Instant.now());
    }

    /** A UUIDv7 of the given time, as the message-service makes for a message created then. */
    public static UUID v7(java.time.Instant at) {
        long millis = at.toEpochMilli();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
