package dev.herald.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A receiver as docs/protocol.md asks a client to be: it takes live {@code message}s, and when live deliveries may
 * have been lost (a {@code resync}, or its socket dropped and it reconnected to another gateway) it pages with
 * {@code sync} from the last {@code nextAfter} it kept, dropping what it already has by id. A polling receiver
 * ignores live messages and pages with {@code sync} every turn. No rewinding: {@code nextAfter} follows publish
 * order, so a message stamped by a slower clock, or published late, comes after it (docs/reliability.md).
 */
final class TrackedReceiver {

    enum Mode { LIVE, POLLING }

    private static final ObjectMapper json = new ObjectMapper();
    private static final Duration LOOP = Duration.ofMillis(100);

    private final LoadSocket socket;
    private final Mode mode;
    /** Message id → body, each message once. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    /** Body (the clientId) → every id it arrived under: more than one is a duplicate. */
    private final Map<String, Set<String>> idsOfBody = new ConcurrentHashMap<>();
    private final AtomicInteger synced = new AtomicInteger();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The last {@code nextAfter} a sync answered; "" before the first: from the first message. */
    private String position = "";
    /** Whether live deliveries may have been missed since the last catch-up. */
    private boolean gap;
    private volatile @Nullable Throwable failure;

    TrackedReceiver(LoadSocket.Factory sockets, String userId, Mode mode) {
        this.socket = sockets.open(userId, this::onPush);
        this.mode = mode;
    }

    String userId() {
        return socket.userId();
    }

    void start() {
        socket.ensureOnline();
        Thread.ofPlatform().name("tracked-receiver-" + userId()).daemon().start(this::run);
    }

    boolean hasSeenAll(Collection<String> messageIds) {
        return seen.keySet().containsAll(messageIds);
    }

    /** Of these ids, how many it never got. */
    long missing(Collection<String> messageIds) {
        return messageIds.stream().filter(id -> !seen.containsKey(id)).count();
    }

    /** Bodies it got under more than one id. */
    long duplicated() {
        return idsOfBody.values().stream().filter(ids -> ids.size() > 1).count();
    }

    /** Messages it first got by {@code sync} rather than live. */
    int synced() {
        return synced.get();
    }

    int reconnects() {
        return socket.reconnects();
    }

    void stop() throws InterruptedException {
        stopping.countDown();
        if (!stopped.await(2, TimeUnit.MINUTES)) {
            throw new AssertionError(userId() + " did not stop");
        }
        socket.close();
        if (failure != null) {
            throw new AssertionError(userId() + " failed: " + failure, failure);
        }
    }

    private void onPush(JsonNode frame) {
        switch (frame.path("event").asText()) {
            case "message" -> {
                if (mode == Mode.LIVE) {
                    see(frame.path("data"), false);
                }
            }
            case "resync" -> markGap();
            default -> { }
        }
    }

    private void run() {
        try {
            while (!stopping.await(LOOP.toMillis(), TimeUnit.MILLISECONDS)) {
                if (!socket.isOpen()) {
                    markGap(); // nothing arrives on a closed socket: the cursor is where it dropped
                    socket.ensureOnline();
                }
                if (mode == Mode.POLLING) {
                    markGap();
                }
                catchUp();
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            stopped.countDown();
        }
    }

    private synchronized void markGap() {
        gap = true;
    }

    /** Pages with sync from the kept position until hasMore is false; on failure the gap stays for next time. */
    private void catchUp() {
        synchronized (this) {
            if (!gap) {
                return;
            }
            gap = false;
        }
        while (true) {
            ObjectNode data = json.createObjectNode().put("after", position).put("limit", 100);
            Optional<JsonNode> reply = socket.request("sync", data);
            if (reply.isEmpty() || !"ack".equals(reply.get().path("event").asText())) {
                markGap(); // dropped or refused (e.g. UNAVAILABLE): try again on the next turn
                return;
            }
            JsonNode page = reply.get().path("data");
            page.path("messages").forEach(entry -> see(entry.path("message"), true));
            position = page.path("nextAfter").asText();
            if (!page.path("hasMore").asBoolean()) {
                return;
            }
        }
    }

    private void see(JsonNode message, boolean bySync) {
        String id = message.path("id").asText();
        String body = message.path("body").asText();
        idsOfBody.computeIfAbsent(body, b -> ConcurrentHashMap.newKeySet()).add(id);
        if (seen.putIfAbsent(id, body) == null) {
            if (bySync) {
                synced.incrementAndGet();
            }
        }
    }
}
