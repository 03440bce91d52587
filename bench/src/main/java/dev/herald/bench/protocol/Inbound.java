package dev.herald.bench.protocol;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/** What a frame from the server means to the generator, whatever the server's wire format. */
public sealed interface Inbound {

    /** The server accepted this socket's {@code online}. */
    record OnlineAck() implements Inbound {}

    /** The server has made message {@code seq} durable. */
    record MessageAck(long seq) implements Inbound {}

    /** A message pushed to this socket. */
    record Delivery(String title, String body, String senderId) implements Inbound {
        public Delivery {
            requireNonNull(title, "title");
            requireNonNull(body, "body");
            requireNonNull(senderId, "senderId");
        }
    }

    /** An error frame; {@code seq} is the message it answers, when the protocol says. */
    record Failure(OptionalLong seq, String kind) implements Inbound {
        public Failure {
            requireNonNull(seq, "seq");
            requireNonNull(kind, "kind");
        }
    }

    /** Anything else (presence notices, malformed frames): ignored. */
    record Other() implements Inbound {}
}
