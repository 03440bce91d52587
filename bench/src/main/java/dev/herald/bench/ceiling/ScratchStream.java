package dev.herald.bench.ceiling;

import dev.herald.stream.EventStream;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * A JetStream stream of a measurement's own, configured as Herald's ({@link EventStream#configuration}) under a
 * unique name, so runs never collide; closing it deletes the stream and
 * closes the connection it was made on.
 */
final class ScratchStream implements AutoCloseable {

    private final Connection nats;
    private final String name;

    ScratchStream(String natsUrl, String tag) throws Exception {
        this(natsUrl, tag, 1);
    }

    /** With {@code replicas} copies (more than 1 on a NATS cluster: {@code natsUrl} may list its servers). */
    ScratchStream(String natsUrl, String tag, int replicas) throws Exception {
        this.name = tag + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
        this.nats = Nats.connect(natsUrl);
        try {
            nats.jetStreamManagement().addStream(EventStream.configuration(name, subjectPrefix(), replicas));
        } catch (Exception e) {
            nats.close();
            throw e;
        }
    }

    /** The stream's name (also the prefix of its publishes' {@code Nats-Msg-Id}). */
    String name() {
        return name;
    }

    /** What the stream's subjects start with: {@code <prefix>.>}. */
    String subjectPrefix() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Where Herald's message events go on this stream. */
    String messageSubject() {
        return subjectPrefix() + ".message";
    }

    JetStream jetStream() throws IOException {
        return nats.jetStream();
    }

    /**
     * Publishes {@code messages} payloads to {@link #messageSubject} with ids {@code <name><i>}, at most
     * {@code window} awaiting their ack at once, and returns when JetStream has acked them all.
     */
    void publishPipelined(int messages, IntFunction<byte[]> payload, int window) throws Exception {
        JetStream js = jetStream();
        ArrayDeque<CompletableFuture<PublishAck>> inFlight = new ArrayDeque<>();
        for (int i = 0; i < messages; i++) {
            if (inFlight.size() >= window) {
                inFlight.poll().get();
            }
            inFlight.add(js.publishAsync(messageSubject(), payload.apply(i),
                    PublishOptions.builder().messageId(name + i).build()));
        }
        for (CompletableFuture<PublishAck> ack : inFlight) {
            ack.get();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            nats.jetStreamManagement().deleteStream(name);
        } finally {
            nats.close();
        }
    }
}
