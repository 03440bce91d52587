package dev.herald.bench.ceiling;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The fastest rate one client can get message events acknowledged by JetStream: pipelined async
 * publishes with Nats-Msg-Id on a file-backed stream configured like Herald's, a bounded window
 * in flight. Herald's send path can go no faster than this.
 */
final class JetStreamPublishCeiling {

    private final String natsUrl;

    JetStreamPublishCeiling(String natsUrl) {
        this.natsUrl = natsUrl;
    }

    double run(int messages, int window) throws Exception {
        String stream = "CEILING_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection nats = Nats.connect(natsUrl)) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name(stream).subjects(stream.toLowerCase() + ".>")
                    .storageType(StorageType.File).duplicateWindow(Duration.ofMinutes(2)).build());
            try {
                JetStream js = nats.jetStream();
                SampleEvents events = new SampleEvents();
                byte[][] payloads = new byte[messages][];
                for (int i = 0; i < messages; i++) {
                    payloads[i] = events.message(i).toByteArray();
                }
                ArrayDeque<CompletableFuture<PublishAck>> inFlight = new ArrayDeque<>();
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    if (inFlight.size() >= window) {
                        inFlight.poll().get();
                    }
                    inFlight.add(js.publishAsync(stream.toLowerCase() + ".message", payloads[i],
                            PublishOptions.builder().messageId(stream + i).build()));
                }
                for (CompletableFuture<PublishAck> ack : inFlight) {
                    ack.get();
                }
                return messages / ((System.nanoTime() - start) / 1e9);
            } finally {
                jsm.deleteStream(stream);
            }
        }
    }
}
