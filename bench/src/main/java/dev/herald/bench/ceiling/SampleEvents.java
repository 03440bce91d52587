package dev.herald.bench.ceiling;

import com.google.protobuf.Timestamp;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.StreamEvent;
import dev.herald.proto.v1.User;
import java.time.Instant;
import java.util.UUID;

/** Message events shaped like the load generator's direct messages: one receiver, a ~60-byte body. */
final class SampleEvents {

    private final Instant base = Instant.now();

    /** The id of message {@code n}. */
    UUID id(long n) {
        return new UUID((base.toEpochMilli() << 16) | 0x7000L | (n & 0xFFF), 0x8000_0000_0000_0000L | n);
    }

    StreamEvent message(long n) {
        UUID id = id(n);
        return StreamEvent.newBuilder().setMessageCreated(Message.newBuilder()
                .setId(id.toString())
                .setSender(User.newBuilder().setId("u" + (n % 1000)).setName("User " + (n % 1000)))
                .addReceivers("u" + ((n * 7919) % 1000))
                .setTitle("ceiling")
                .setBody(n + "|" + System.nanoTime() + "|padding-padding-padding-padding-pad")
                .setCreatedAt(Timestamp.newBuilder().setSeconds(base.getEpochSecond() + n / 1000).setNanos(0)))
                .build();
    }

    /** Messages {@code 0..count-1} serialized, so a timed loop only publishes. */
    byte[][] serializedMessages(int count) {
        byte[][] payloads = new byte[count][];
        for (int i = 0; i < count; i++) {
            payloads[i] = message(i).toByteArray();
        }
        return payloads;
    }
}
