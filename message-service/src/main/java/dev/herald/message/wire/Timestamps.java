package dev.herald.message.wire;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Conversions between protobuf timestamps and instants. */
public final class Timestamps {

    private Timestamps() {}

    public static Timestamp of(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Instant toInstant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    /** An optional message field: {@code present} is its {@code has...()}. */
    public static Optional<Instant> toInstant(boolean present, Timestamp timestamp) {
        return present ? Optional.of(toInstant(timestamp)) : Optional.empty();
    }
}
