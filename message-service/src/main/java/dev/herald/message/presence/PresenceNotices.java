package dev.herald.message.presence;

import static java.util.Objects.requireNonNull;

import dev.herald.message.error.HeraldException;
import dev.herald.message.stream.EventPublisher;
import dev.herald.message.wire.Timestamps;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.PresenceNotice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends presence notices to the online members of each user's {@link Audiences audience}. Notices wait in a queue
 * and one thread sends them in batches: the audiences of a batch are loaded together, so a sign-in storm costs a
 * few bounded queries per batch rather than per sign-in, and never more than one batch of queries at a time. A
 * full queue drops the notice (logged): presence is best effort, and a client can ask for it.
 *
 * <p>An offline is also published ({@code UserLastSeen} on the user subject), so the time survives in
 * {@code users.last_seen_at}.
 */
public final class PresenceNotices implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(PresenceNotices.class);
    private static final int MAX_BATCH = 500;

    private final Audiences audiences;
    private final DeliveryRouter router;
    private final EventPublisher publisher;
    private final BlockingQueue<Notice> queue;
    private final Thread sender;

    public PresenceNotices(Audiences audiences, DeliveryRouter router, EventPublisher publisher, int queueLimit) {
        this.audiences = requireNonNull(audiences, "audiences");
        this.router = requireNonNull(router, "router");
        this.publisher = requireNonNull(publisher, "publisher");
        this.queue = new LinkedBlockingQueue<>(queueLimit);
        this.sender = Thread.ofPlatform().name("herald-presence-notices").daemon().start(this::run);
    }

    void online(String userId) {
        offer(new Notice(userId, null));
    }

    void offline(String userId, Instant lastSeen) {
        publisher.publishLastSeen(userId, lastSeen).whenComplete((ack, failure) -> {
            if (failure != null) {
                logger.atWarn().addKeyValue("userId", userId).log("last seen not published: {}", failure.toString());
            }
        });
        offer(new Notice(userId, lastSeen));
    }

    /** How many notices wait. */
    public int waiting() {
        return queue.size();
    }

    @Override
    public void close() {
        sender.interrupt();
    }

    private void offer(Notice notice) {
        if (!queue.offer(notice)) {
            logger.atWarn().addKeyValue("userId", notice.userId()).log("presence notice dropped: queue full");
        }
    }

    private void run() {
        List<Notice> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return; // closed
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                send(batch);
            } catch (HeraldException.Unavailable e) {
                // The database is down: these notices are lost; clients still ask with GetPresence.
                logger.atWarn().addKeyValue("notices", batch.size()).log("presence notices dropped: {}", e.getMessage());
            } catch (RuntimeException e) {
                logger.atError().addKeyValue("notices", batch.size()).setCause(e).log("presence notices failed");
            }
            batch.clear();
        }
    }

    private void send(List<Notice> batch) {
        Set<String> users = new HashSet<>();
        batch.forEach(notice -> users.add(notice.userId()));
        Map<String, Set<String>> audienceOf = audiences.of(users);
        for (Notice notice : batch) {
            PresenceNotice.Builder payload = PresenceNotice.newBuilder()
                    .setUserId(notice.userId()).setOnline(notice.lastSeen() == null);
            if (notice.lastSeen() != null) {
                payload.setLastSeen(Timestamps.of(notice.lastSeen()));
            }
            router.deliver(audienceOf.getOrDefault(notice.userId(), Set.of()),
                    Delivery.newBuilder().setPresence(payload));
        }
    }

    /** One push: online when {@code lastSeen} is null. */
    private record Notice(String userId, @Nullable Instant lastSeen) {}
}
