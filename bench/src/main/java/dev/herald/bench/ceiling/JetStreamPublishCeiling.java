package dev.herald.bench.ceiling;

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
        try (ScratchStream stream = new ScratchStream(natsUrl, "CEILING")) {
            byte[][] payloads = new SampleEvents().serializedMessages(messages);
            long start = System.nanoTime();
            stream.publishPipelined(messages, i -> payloads[i], window);
            return messages / ((System.nanoTime() - start) / 1e9);
        }
    }
}
