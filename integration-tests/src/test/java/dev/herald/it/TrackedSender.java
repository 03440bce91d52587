package dev.herald.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends messages to one receiver (or one room), one at a time at a steady pace, each with a unique clientId (also its body), and
 * records the answer in the ledger. When the socket drops before the answer it does what the protocol asks of a
 * client: reconnects and sends again with the same clientId.
 */
final class TrackedSender {

    private static final ObjectMapper json = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 20;

    private final LoadSocket socket;
    private final String receiverId;
    private final Function<String, ObjectNode> messageFor;
    private final LoadLedger ledger;
    private final Duration interval;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Throwable failure;

    TrackedSender(LoadSocket socket, String receiverId, LoadLedger ledger, Duration interval) {
        this(socket, receiverId, clientId -> ChatClient.directMessage(receiverId, clientId, clientId), ledger,
                interval);
    }

    /**
     * A sender whose {@code message} data for a clientId is {@code messageFor}'s, e.g. to a room; the ledger records
     * {@code receiverId} (the room's id) as the receiver of each.
     */
    TrackedSender(LoadSocket socket, String receiverId, Function<String, ObjectNode> messageFor, LoadLedger ledger,
            Duration interval) {
        this.socket = socket;
        this.receiverId = receiverId;
        this.messageFor = messageFor;
        this.ledger = ledger;
        this.interval = interval;
    }

    void start() {
        Thread.ofPlatform().name("tracked-sender-" + socket.userId()).daemon().start(this::run);
    }

    /** Stops after the message being sent has its answer; rethrows what failed the sender. */
    void stop() throws InterruptedException {
        stopping.countDown();
        if (!stopped.await(2, TimeUnit.MINUTES)) {
            throw new AssertionError(socket.userId() + " did not stop");
        }
        if (failure != null) {
            throw new AssertionError(socket.userId() + " failed: " + failure, failure);
        }
    }

    private void run() {
        try {
            // The latch doubles as the pace: it waits one interval, or ends the loop once stop() counts it down.
            for (int seq = 0; !stopping.await(interval.toMillis(), TimeUnit.MILLISECONDS); seq++) {
                send(socket.userId() + ":" + seq);
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            stopped.countDown();
        }
    }

    private void send(String clientId) {
        ObjectNode data = messageFor.apply(clientId);
        ledger.sent(clientId, receiverId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            socket.ensureOnline();
            Optional<JsonNode> reply = socket.request("message", data);
            if (reply.isEmpty()) {
                ledger.retried(); // no answer: maybe stored, maybe not; the same clientId makes the retry safe
                continue;
            }
            JsonNode frame = reply.get();
            if ("ack".equals(frame.path("event").asText())) {
                ledger.acked(clientId, frame.path("data").path("id").asText());
            } else {
                ledger.refused(clientId, frame.path("data").path("status").asText("?"));
            }
            return;
        }
        throw new AssertionError(clientId + ": no answer in " + MAX_ATTEMPTS + " attempts");
    }
}
