package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;

/**
 * Another user's service while an attack runs: a sender and a receiver, both online on the stack's gateway,
 * exchange a message every {@link #INTERVAL} from {@link #start} until {@link #finish}, at least
 * {@link #MIN_MESSAGES}. {@link #finish} asserts that every message was acked and delivered live, with a p50
 * send-to-delivery latency of at most {@link #MAX_P50} and a p99 of at most {@link #MAX_P99}, which is what "other
 * users unaffected" means in the adversarial suite. The p50 is the bound an attack that starves other users breaks;
 * the p99 of 100-odd messages is one or two of them, taken while attacker, three services, NATS, PostgreSQL and
 * Maven share 2 cores (a CI run saw 0.6 s, a local one 0.45 s with a p90 of 0.34 s), so it bounds stalls only.
 */
final class Bystander implements AutoCloseable {

    static final int MIN_MESSAGES = 100;
    /** Messages exchanged before measuring, so that a cold JVM's first compilations are not counted. */
    static final int WARM_UP_MESSAGES = 100;
    static final Duration INTERVAL = Duration.ofMillis(20);
    static final Duration MAX_P50 = Duration.ofMillis(100);
    static final Duration MAX_P99 = Duration.ofMillis(1000);
    private static final Duration DRAIN = Duration.ofSeconds(15);
    private static final ObjectMapper json = new ObjectMapper();

    /** What the bystander saw. */
    record Outcome(int sent, int acked, int delivered, long p50Millis, long p90Millis, long p99Millis,
            long maxMillis) {
        @Override
        public String toString() {
            return "bystander: sent=" + sent + " acked=" + acked + " delivered=" + delivered
                    + " p50=" + p50Millis + "ms p90=" + p90Millis + "ms p99=" + p99Millis + "ms max=" + maxMillis + "ms";
        }
    }

    private final WsClient sender;
    private final WsClient receiver;
    private final String receiverId;
    private final String marker = "bystander-" + UUID.randomUUID();
    private final Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<Integer, Long> deliveredAt = new ConcurrentHashMap<>();
    private final Map<String, Boolean> acked = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread loop;
    private volatile boolean stopping;

    private Bystander(HeraldStack stack) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.receiverId = "bystander-to-" + suffix;
        this.receiver = stack.online(receiverId, "Bystander receiver");
        this.sender = stack.online("bystander-from-" + suffix, "Bystander sender");
        warmUp();
        receiver.onEachFrame(this::recordDelivery);
        sender.onEachFrame(this::recordAck);
        this.loop = Thread.ofPlatform().name("bystander").daemon().start(this::sendUntilStopped);
    }

    /** Puts two users online and starts their exchange; call {@link #finish} after the attack. */
    static Bystander start(HeraldStack stack) {
        return new Bystander(stack);
    }

    /**
     * Stops sending (after at least {@link #MIN_MESSAGES}), waits for the last deliveries and asserts that none
     * was lost and the p50 and p99 stayed within {@link #MAX_P50} and {@link #MAX_P99}.
     */
    Outcome finish() throws InterruptedException {
        stopping = true;
        assertThat(stopped.await(MIN_MESSAGES * INTERVAL.toMillis() + DRAIN.toMillis(), TimeUnit.MILLISECONDS))
                .as("bystander sender stopped").isTrue();
        Awaitility.await().atMost(DRAIN)
                .until(() -> deliveredAt.size() >= sentAt.size() && acked.size() >= sentAt.size());
        Outcome outcome = outcome();
        System.out.println(outcome);
        assertThat(outcome.sent()).isGreaterThanOrEqualTo(MIN_MESSAGES);
        assertThat(outcome.delivered()).as("bystander messages delivered").isEqualTo(outcome.sent());
        assertThat(outcome.acked()).as("bystander messages acked").isEqualTo(outcome.sent());
        assertThat(outcome.p50Millis()).as("bystander p50 in ms").isLessThanOrEqualTo(MAX_P50.toMillis());
        assertThat(outcome.p99Millis()).as("bystander p99 in ms").isLessThanOrEqualTo(MAX_P99.toMillis());
        return outcome;
    }

    /** In batches of 10, well within a socket's requests in flight (a test may lower the bound to 16). */
    private void warmUp() {
        for (int i = 0; i < WARM_UP_MESSAGES; i++) {
            ObjectNode data = json.createObjectNode().put("body", "warm-up " + i);
            data.putArray("receivers").add(receiverId);
            ObjectNode frame = json.createObjectNode().put("event", "message").put("id", "w" + i);
            frame.set("data", data);
            sender.sendText(frame.toString());
            if (i % 10 == 9) {
                receiver.awaitEvents("message", i + 1, DRAIN);
            }
        }
    }

    private void sendUntilStopped() {
        try {
            long next = System.nanoTime();
            for (int seq = 0; !stopping || seq < MIN_MESSAGES; seq++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += INTERVAL.toNanos();
                ObjectNode data = json.createObjectNode().put("body", marker + ":" + seq)
                        .put("clientId", marker + ":" + seq);
                data.putArray("receivers").add(receiverId);
                ObjectNode frame = json.createObjectNode().put("event", "message").put("id", "b" + seq);
                frame.set("data", data);
                sentAt.put(seq, System.nanoTime());
                sender.sendText(frame.toString());
            }
        } finally {
            stopped.countDown();
        }
    }

    private void recordDelivery(JsonNode frame) {
        String body = frame.path("data").path("body").asText("");
        if ("message".equals(frame.path("event").asText()) && body.startsWith(marker + ":")) {
            deliveredAt.putIfAbsent(Integer.parseInt(body.substring(marker.length() + 1)), System.nanoTime());
        }
    }

    private void recordAck(JsonNode frame) {
        String id = frame.path("id").asText("");
        if ("ack".equals(frame.path("event").asText()) && id.startsWith("b")) {
            acked.put(id, true);
        }
    }

    private Outcome outcome() {
        long[] millis = deliveredAt.entrySet().stream()
                .mapToLong(e -> TimeUnit.NANOSECONDS.toMillis(e.getValue() - sentAt.get(e.getKey())))
                .sorted().toArray();
        return new Outcome(sentAt.size(), acked.size(), millis.length, percentile(millis, 0.50),
                percentile(millis, 0.90), percentile(millis, 0.99), millis.length == 0 ? 0 : millis[millis.length - 1]);
    }

    private static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    @Override
    public void close() {
        stopping = true;
        loop.interrupt();
        sender.close();
        receiver.close();
    }
}
