package dev.herald.message.send;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ordering ids
 * orders messages by time, which keyset pagination relies on.
 */
public final class MessageIds {

    public UUID next(Instant at) {
        long millis = at.toEpochMilli();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
