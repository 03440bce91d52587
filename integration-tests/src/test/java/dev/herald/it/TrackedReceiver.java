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
 * {@code sync} from the last message id it had seen at that moment, dropping what it already has by id. A polling
 * receiver ignores live messages and only pages with {@code sync}, each time from the previous page's
 * {@code nextAfter}. Either rewinds its cursor by {@link #REWIND} first: ids are stamped by the clock of the instance
 * that took the message, so with two instances whose clocks differ a message stored after a page can carry an id
 * below the page's {@code nextAfter} (docs/reliability.md).
 */
final class TrackedReceiver {

    enum Mode { LIVE, POLLING }

    private static final ObjectMapper json = new ObjectMapper();
    private static final Duration LOOP = Duration.ofMillis(100);
    /** More than the clocks of the instances may differ by (2 s in the clock-skew row). */
    static final Duration REWIND = Duration.ofSeconds(3);

    private final LoadSocket socket;
    private final Mode mode;
    /** Message id → body, each message once. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    /** Body (the clientId) → every id it arrived under: more than one is a duplicate. */
    private final Map<String, Set<String>> idsOfBody = new ConcurrentHashMap<>();
    private final AtomicInteger synced = new AtomicInteger();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** The highest id seen; ids are time-ordered, and their text sorts as they do. */
    private volatile String cursor = "";
    /** Where the next catch-up starts; null while nothing may have been missed. */
    private @Nullable String resumeFrom;
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
            throw new AssertionError(userId() + " failed", failure);
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
        String from = cursor;
        if (resumeFrom == null || from.compareTo(resumeFrom) < 0) {
            resumeFrom = from;
        }
    }

    /** Pages with sync from where the gap began until hasMore is false; on failure the gap stays for next time. */
    private void catchUp() {
        String from;
        synchronized (this) {
            from = resumeFrom;
            resumeFrom = null;
        }
        if (from != null) {
            from = rewound(from);
        }
        while (from != null) {
            ObjectNode data = json.createObjectNode().put("after", from).put("limit", 100);
            Optional<JsonNode> reply = socket.request("sync", data);
            if (reply.isEmpty() || !"ack".equals(reply.get().path("event").asText())) {
                resumeAt(from); // dropped or refused (e.g. UNAVAILABLE): try again on the next turn
                return;
            }
            JsonNode page = reply.get().path("data");
            page.path("messages").forEach(entry -> see(entry.path("message"), true));
            from = page.path("hasMore").asBoolean() ? page.path("nextAfter").asText() : null;
        }
    }

    private synchronized void resumeAt(String from) {
        if (resumeFrom == null || from.compareTo(resumeFrom) < 0) {
            resumeFrom = from;
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
            synchronized (this) {
                cursor = max(cursor, id);
            }
        }
    }

    /**
     * The lowest UUIDv7 of {@link #REWIND} before the id's time (its first 48 bits are Unix milliseconds); sync takes
     * any id as its cursor, as docs/protocol.md's example shows.
     */
    static String rewound(String id) {
        if (id.isEmpty()) {
            return id;
        }
        long millis = Long.parseLong(id.substring(0, 8) + id.substring(9, 13), 16) - REWIND.toMillis();
        String hex = "%012x".formatted(Math.max(0, millis));
        return hex.substring(0, 8) + "-" + hex.substring(8) + "-7000-8000-000000000000";
    }

    private static String max(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
