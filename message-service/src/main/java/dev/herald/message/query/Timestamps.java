package dev.herald.message.query;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Conversions between protobuf timestamps and database times. */
public final class Timestamps {

    private Timestamps() {}

    public static Timestamp of(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Timestamp of(OffsetDateTime time) {
        return of(time.toInstant());
    }
}
