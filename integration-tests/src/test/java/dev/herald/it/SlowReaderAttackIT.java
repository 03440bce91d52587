package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.v1.SyncRequest;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The slow-reader attack of issue 12, at test scale, against the whole stack with its default bounds: a user fills
 * its inbox with messages whose bodies JSON escapes to several times their size, pipelines {@value #PIPELINED}
 * {@code sync}/{@code inbox} requests of 500 and stops reading. The gateway must close that socket with 1013 once
 * the frames waiting for it pass {@code HERALD_OUTBOUND_QUEUE_BYTES} (8 MiB), hold no more than that for it, and
 * keep serving a bystander pair meanwhile.
 */
class SlowReaderAttackIT {

    private static final int INBOX = 30;
    private static final int PIPELINED = 4;
    /**
     * 32,000 bytes (the default HERALD_MAX_BODY_BYTES is 32,768), each {@code \u003c} in JSON: the whole inbox is one
     * page of 960 KB as protobuf, under HERALD_MAX_REPLY_BYTES, and 5.8 MB as JSON.
     */
    private static final String BODY = "<".repeat(32_000);
    /** The default HERALD_OUTBOUND_QUEUE_BYTES. */
    private static final long QUEUE_BYTES = 8 << 20;
    /** What reaches the reader besides the queue: the kernel's socket buffers and the one frame a queue may exceed by. */
    private static final long BUFFERS_AND_ONE_REPLY = 8 << 20;

    static HeraldStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void aReaderThatStopsReadingIsClosedWith1013HoldsAtMostItsBoundAndOthersAreServed() throws Exception {
        String attackerId = "slow-" + UUID.randomUUID().toString().substring(0, 8);
        GrpcUser attacker = stack.grpc(attackerId, false).known();
        GrpcUser filler = stack.knownUser("filler");
        for (int i = 0; i < INBOX; i++) {
            filler.send(BODY, attackerId);
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                attacker.inbox.sync(SyncRequest.newBuilder().setLimit(500).build()).getMessagesCount() == INBOX);
        long baseline = retainedHeap();

        StalledReader.Drained drained;
        long retainedGrowth;
        try (Bystander bystander = Bystander.start(stack);
                StalledReader reader = StalledReader.connect(stack.gateway.port())) {
            reader.sendText("{\"event\":\"online\",\"id\":\"0\",\"data\":{\"token\":\""
                    + stack.token(attackerId, "Slow") + "\"}}");
            assertThat(reader.readText()).contains("\"event\":\"ack\"");
            for (int i = 1; i <= PIPELINED; i++) {
                String event = i % 2 == 0 ? "sync" : "inbox";
                reader.sendText("{\"event\":\"" + event + "\",\"id\":\"" + i + "\",\"data\":{\"limit\":500}}");
            }

            Bystander.Outcome outcome = bystander.finish();
            retainedGrowth = retainedHeap() - baseline;
            drained = reader.drainUntilClose(Duration.ofSeconds(5));
            System.out.println("slow reader: " + drained + ", retained heap growth " + retainedGrowth + " bytes; "
                    + outcome);
        }

        assertThat(drained.close()).as("the gateway's close frame")
                .contains(new StalledReader.Close(1013, "slow consumer: more than " + QUEUE_BYTES + " bytes waiting"));
        assertThat(drained.bytes()).as("bytes the gateway held or had in flight for the slow reader")
                .isLessThanOrEqualTo(QUEUE_BYTES + BUFFERS_AND_ONE_REPLY);
        assertThat(retainedGrowth).as("heap still held at the end of the attack")
                .isLessThan(64L << 20);
    }

    /** Heap in use after a full collection: what the stack holds, not what it has yet to collect. */
    private static long retainedHeap() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
